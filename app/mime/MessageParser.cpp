#include "MessageParser.h"

#include "AddressParser.h"
#include "Ascii.h"
#include "Charset.h"
#include "ContentDisposition.h"
#include "ContentType.h"
#include "EncodedWords.h"
#include "HtmlToText.h"
#include "MessageDate.h"
#include "MessageIds.h"
#include "TransferEncoding.h"

#include <QSet>
#include <QVarLengthArray>
#include <algorithm>
#include <cctype>
#include <cstring>

namespace threadline::mime {

using namespace Qt::StringLiterals;

namespace {

using Code = ParseProblem::Code;

struct Split
{
    QVarLengthArray<QByteArrayView, 8> parts; // on the stack for any ordinary multipart
    bool closed = false;
    bool found = false; // at least one delimiter line
};

bool isBlankLine(QByteArrayView text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return true;
}

// RFC 2046 §5.1.1: a delimiter is "--boundary" at the start of a line, followed by
// optional whitespace; "--boundary--" closes. The line break before a delimiter belongs
// to it. The preamble and the epilogue are dropped.
Split splitMultipart(QByteArrayView body, QByteArrayView boundary, qsizetype maxParts)
{
    Split split;
    QVarLengthArray<char, 128> bytes; // on the stack: boundaries are at most 70 bytes (§5.1.1)
    bytes.append("--", 2);
    bytes.append(boundary.data(), boundary.size());
    const QByteArrayView delimiter(bytes.data(), bytes.size());
    const qsizetype size = body.size();
    qsizetype pos = 0;
    qsizetype partStart = -1;
    while (split.parts.size() < maxParts) {
        const qsizetype at = Ascii::indexOf(body, delimiter, pos);
        if (at < 0)
            break;
        if (at > 0 && body[at - 1] != '\n') {
            pos = at + 1;
            continue;
        }
        const qsizetype after = at + delimiter.size();
        const bool closing = body.sliced(after).startsWith("--");
        const qsizetype eol = body.indexOf('\n', after);
        const qsizetype lineEnd = eol < 0 ? size : eol;
        if (!closing && !isBlankLine(body.sliced(after, lineEnd - after))) {
            pos = at + 1; // "--boundaryX": another, longer boundary
            continue;
        }
        split.found = true;
        if (partStart >= 0) {
            qsizetype end = at;
            if (end > partStart && body[end - 1] == '\n') {
                --end;
                if (end > partStart && body[end - 1] == '\r')
                    --end;
            }
            split.parts.append(body.sliced(partStart, qMax<qsizetype>(end - partStart, 0)));
        }
        if (closing) {
            split.closed = true;
            return split;
        }
        partStart = eol < 0 ? size : eol + 1;
        pos = partStart;
    }
    if (partStart >= 0 && split.parts.size() < maxParts)
        split.parts.append(body.sliced(partStart));
    return split;
}

// A multipart without its boundary parameter: the first "--xyz" line is the best guess.
QByteArray guessBoundary(QByteArrayView body)
{
    qsizetype pos = 0;
    while (pos < body.size()) {
        qsizetype eol = body.indexOf('\n', pos);
        if (eol < 0)
            eol = body.size();
        QByteArrayView line = body.sliced(pos, eol - pos).trimmed();
        if (line.size() > 2 && line.startsWith("--")) {
            line = line.sliced(2);
            if (line.endsWith("--"))
                line.chop(2);
            return line.toByteArray();
        }
        pos = eol + 1;
    }
    return {};
}

QByteArray sniffHtmlCharset(QByteArrayView html)
{
    const QByteArray head = html.first(qMin<qsizetype>(html.size(), 4096)).toByteArray().toLower();
    for (qsizetype meta = head.indexOf("<meta"); meta >= 0;
         meta = head.indexOf("<meta", meta + 5)) {
        qsizetype end = head.indexOf('>', meta);
        if (end < 0)
            end = head.size();
        const QByteArrayView tag = QByteArrayView(head).sliced(meta, end - meta);
        qsizetype at = tag.indexOf("charset");
        if (at < 0)
            continue;
        at += 7;
        while (at < tag.size() &&
               (tag[at] == ' ' || tag[at] == '=' || tag[at] == '"' || tag[at] == '\''))
            ++at;
        qsizetype stop = at;
        while (stop < tag.size() &&
               (std::isalnum(static_cast<unsigned char>(tag[stop])) || tag[stop] == '-' ||
                tag[stop] == '_' || tag[stop] == '.' || tag[stop] == ':'))
            ++stop;
        if (stop > at)
            return tag.sliced(at, stop - at).toByteArray();
    }
    return {};
}

// Line breaks become "\n"; NULs go, since text columns and widgets stop at them.
// CRLF and lone CR become LF, NULs go, in place (the text only shrinks): nothing is copied
// for text without them (QString::replace of a string runs a matcher, the most expensive
// step of decoding a part), and text without NULs moves line by line.
QString normalizeText(QString text)
{
    const qsizetype size = text.size();
    const qsizetype firstCr = QStringView(text).indexOf(u'\r');
    const qsizetype firstNul = QStringView(text).indexOf(QChar(u'\0'));
    if (firstCr < 0 && firstNul < 0)
        return text;
    QChar* const data = text.data();
    const QStringView view(data, size);
    qsizetype src = firstCr;
    qsizetype dst = firstCr;
    if (firstNul >= 0) {
        src = dst = firstCr < 0 ? firstNul : qMin(firstCr, firstNul);
        for (; src < size; ++src) {
            const QChar c = data[src];
            if (c == u'\0')
                continue;
            if (c == u'\r') {
                data[dst++] = u'\n';
                if (src + 1 < size && data[src + 1] == u'\n')
                    ++src;
                continue;
            }
            data[dst++] = c;
        }
    } else {
        while (src < size) { // at a CR
            data[dst++] = u'\n';
            src += src + 1 < size && data[src + 1] == u'\n' ? 2 : 1;
            qsizetype next = view.indexOf(u'\r', src);
            if (next < 0)
                next = size;
            if (dst != src)
                std::memmove(data + dst, data + src, size_t(next - src) * sizeof(QChar));
            dst += next - src;
            src = next;
        }
    }
    text.truncate(dst);
    return text;
}

// The same as normalizeText() on decoded text, done on bytes in an ASCII-transparent
// charset (Charset::isAsciiTransparent) without NULs: CRLF and lone CR become LF, in place.
// A CR or LF byte never belongs to a UTF-8 sequence and ends a broken one either way, so
// decoding reads the same. `size` shrinks to the new length.
void lineFeedsOnly(char* data, qsizetype& size, qsizetype firstCr)
{
    qsizetype src = firstCr;
    qsizetype dst = firstCr;
    while (src < size) { // at a CR
        data[dst++] = '\n';
        src += src + 1 < size && data[src + 1] == '\n' ? 2 : 1;
        const void* cr = std::memchr(data + src, '\r', size_t(size - src));
        const qsizetype next = cr ? static_cast<const char*>(cr) - data : size;
        if (dst != src)
            std::memmove(data + dst, data + src, size_t(next - src));
        dst += next - src;
        src = next;
    }
    size = dst;
}

// Whether joinPieces() would return any text.
bool hasText(const QStringList& pieces)
{
    for (const QString& piece : pieces) {
        if (!piece.isEmpty())
            return true;
    }
    return false;
}

QString joinPieces(const QStringList& pieces)
{
    QString out;
    for (const QString& piece : pieces) {
        if (piece.isEmpty())
            continue;
        if (!out.isEmpty() && !out.endsWith(u'\n'))
            out += u'\n';
        out += piece;
    }
    return out;
}

// An mbox "From " separator line before the header section: not a field, skipped.
qsizetype mboxLineLength(QByteArrayView raw)
{
    if (!raw.startsWith("From "))
        return 0;
    const qsizetype eol = raw.indexOf('\n');
    return eol < 0 ? raw.size() : eol + 1;
}

QString childPath(const QString& parent, qsizetype index)
{
    const QString n = QString::number(index + 1);
    return parent.isEmpty() ? n : parent + u'.' + n;
}

struct Body
{
    QStringList plain;
    QStringList html;
};

class Walker final
{
public:
    Walker(const MessageParser::Options& options, ParsedMessage& message)
        : m_options(options)
        , m_message(message)
    {}

    void problem(Code code, const QString& path, QByteArrayView detail = {})
    {
        // One entry per code and part is enough to explain it; hostile input could repeat
        // the same fault a million times.
        for (const ParseProblem& p : std::as_const(m_message.problems)) {
            if (p.code == code && p.partPath == path && p.detail == detail)
                return;
        }
        if (m_message.problems.size() < 200)
            m_message.problems.append(ParseProblem{code, path, detail.toByteArray()});
    }

    void issues(DecodeIssues found, const QString& path, QByteArrayView detail)
    {
        if (!found)
            return;
        if (found.testFlag(DecodeIssue::UnknownCharset))
            problem(Code::UnknownCharset, path, detail);
        if (found.testFlag(DecodeIssue::InvalidBytes))
            problem(Code::InvalidCharsetBytes, path, detail);
        if (found.testFlag(DecodeIssue::MalformedEncodedWord))
            problem(Code::MalformedEncodedWord, path, detail);
        if (found.testFlag(DecodeIssue::RawEightBit))
            problem(Code::UndeclaredEightBit, path, detail);
    }

    Body entity(const HeaderBlock& headers, QByteArrayView body, const QString& path, int depth,
                bool inDigest)
    {
        if (++m_parts > m_options.maxParts) {
            problem(Code::PartLimitExceeded, path);
            return {};
        }
        const QByteArrayView typeValue = headers.valueView("content-type");
        // RFC 2046 §5.1.5: in a digest, parts default to message/rfc822.
        ContentType type = typeValue.isNull() ? (inDigest ? ContentType::messageRfc822()
                                                          : ContentType::textPlain())
                                              : ContentType::parse(typeValue);
        issues(type.parameters().issues(), path, "Content-Type");
        if (type.isMultipart())
            return multipart(type, body, path, depth);
        return leaf(headers, type, body, path.isEmpty() ? u"1"_s : path);
    }

private:
    Body multipart(const ContentType& type, QByteArrayView body, const QString& path, int depth)
    {
        if (depth >= m_options.maxDepth) {
            problem(Code::DepthLimitExceeded, path);
            return {};
        }
        QByteArray boundary = type.boundary();
        if (boundary.isEmpty()) {
            problem(Code::MissingBoundary, path);
            boundary = guessBoundary(body);
            if (boundary.isEmpty()) // nothing to split on: read it as text (RFC 2045 §5.2)
                return leaf(HeaderBlock(), ContentType::textPlain(), body,
                            path.isEmpty() ? u"1"_s : path);
        }
        const Split split = splitMultipart(body, boundary, m_options.maxParts);
        if (!split.closed && split.found)
            problem(Code::UnterminatedMultipart, path);
        if (split.parts.isEmpty()) {
            problem(Code::EmptyMultipart, path);
            return {};
        }
        QVarLengthArray<Body, 4> children;
        QList<QByteArray> contentIds;
        children.reserve(split.parts.size());
        const bool digest = type.subtype() == "digest";
        for (qsizetype i = 0; i < split.parts.size(); ++i) {
            const QString child = childPath(path, i);
            qsizetype bodyOffset = 0;
            const QByteArrayView part = split.parts[i];
            const HeaderBlock headers = HeaderBlock::parse(part, &bodyOffset);
            if (headers.malformedLines() > 0 && !headers.isEmpty())
                problem(Code::MalformedHeaderLine, child);
            children.append(entity(headers, part.sliced(bodyOffset), child, depth + 1, digest));
            if (type.subtype() == "related")
                contentIds.append(
                    MessageIds::parseSingle(headers.valueView("content-id")).toUtf8());
            if (m_parts > m_options.maxParts)
                break;
        }

        Body out;
        if (type.subtype() == "alternative") {
            // RFC 2046 §5.1.4: the last alternative is the richest; take the last of each kind.
            for (const Body& child : std::as_const(children)) {
                if (hasText(child.plain))
                    out.plain = child.plain;
                if (hasText(child.html))
                    out.html = child.html;
            }
        } else if (type.subtype() == "related") {
            // RFC 2387 §3.2: the root is named by "start", else it is the first part.
            qsizetype root = 0;
            const QByteArray start =
                MessageIds::parseSingle(type.parameters().rawValue("start")).toUtf8();
            if (!start.isEmpty())
                root = qMax<qsizetype>(contentIds.indexOf(start), 0);
            out = children.value(root);
        } else {
            // mixed, and every unknown subtype (§5.1.7): inline text parts follow each other.
            for (const Body& child : std::as_const(children)) {
                out.plain += child.plain;
                out.html += child.html;
            }
        }
        return out;
    }

    Body leaf(const HeaderBlock& headers, const ContentType& type, QByteArrayView body,
              const QString& path)
    {
        const ContentDisposition disposition =
            ContentDisposition::parse(headers.valueView("content-disposition"));
        issues(disposition.parameters().issues(), path, "Content-Disposition");
        // Lowercased into a copy only where it is kept (a problem, an attachment).
        const QByteArrayView encodingView =
            headers.valueView("content-transfer-encoding").trimmed();
        const TransferEncoding::Kind kind = TransferEncoding::kindOf(encodingView);
        auto encoding = [encodingView] {
            return encodingView.toByteArray().toLower();
        };
        auto is = [encodingView](QByteArrayView name) {
            return Ascii::equalsIgnoringCase(encodingView, name);
        };
        if (kind == TransferEncoding::Kind::Identity && !encodingView.isEmpty() && !is("7bit") &&
            !is("8bit") && !is("binary"))
            problem(Code::UnknownTransferEncoding, path, encoding());

        QString fileName = ContentDisposition::fileNameFor(disposition, type);
        const bool plain = type.is("text", "plain");
        const bool html = type.is("text", "html");
        Body out;
        if ((plain || html) && !disposition.isAttachment() &&
            (fileName.isEmpty() || disposition.isInline())) {
            if (m_options.decodeText) {
                if (body.size() > m_options.maxTextSize) {
                    problem(Code::TextTruncated, path);
                    body.truncate(m_options.maxTextSize);
                }
                DecodeIssues found;
                bool damaged = false;
                const QByteArray charset = type.charset();
                QString text =
                    MessageParser::decodeText(body, encodingView, charset, html, &found, &damaged);
                issues(found, path, charset);
                if (damaged)
                    problem(Code::DamagedTransferEncoding, path, encoding());
                (html ? out.html : out.plain).append(std::move(text));
            }
            return out;
        }

        const bool message =
            type.type() == "message" && (type.subtype() == "rfc822" || type.subtype() == "global");
        if (fileName.isEmpty() && message) {
            // A forwarded message is listed, not opened; its subject names it.
            const QByteArray inner = TransferEncoding::decode(
                body.first(qMin<qsizetype>(body.size(), 256 * 1024)), kind);
            const QString subject = HeaderBlock::parse(inner).text("subject").simplified();
            if (!subject.isEmpty())
                fileName = subject + u".eml";
        }
        Attachment attachment;
        attachment.fileName = fileName;
        attachment.mimeType = type.mimeType();
        attachment.size = TransferEncoding::estimateDecodedSize(body, kind);
        attachment.partPath = path;
        attachment.transferEncoding = encoding();
        attachment.contentId = MessageIds::parseSingle(headers.valueView("content-id")).toUtf8();
        attachment.isInline = disposition.isInline() ||
                              (!disposition.isAttachment() && !attachment.contentId.isEmpty());
        m_message.attachments.append(std::move(attachment));
        return out;
    }

    const MessageParser::Options& m_options;
    ParsedMessage& m_message;
    int m_parts = 0;
};

// Where the fields parse() reads are, found in one pass over the names: a message has some
// twenty fields, and a search for each of a dozen names would read them all a dozen times.
class TopFields final
{
public:
    enum Name
    {
        From,
        To,
        Cc,
        Bcc,
        ReplyTo,
        Subject,
        Date,
        MessageId,
        InReplyTo,
        References,
        DeliveredTo, // and X-Original-To, in order
        Count,
    };

    explicit TopFields(const HeaderBlock& headers)
        : m_headers(headers)
    {
        static constexpr struct
        {
            QByteArrayView name;
            Name id;
        } kNames[] = {
            {"from", From},
            {"to", To},
            {"cc", Cc},
            {"bcc", Bcc},
            {"reply-to", ReplyTo},
            {"subject", Subject},
            {"date", Date},
            {"message-id", MessageId},
            {"in-reply-to", InReplyTo},
            {"references", References},
            {"delivered-to", DeliveredTo},
            {"x-original-to", DeliveredTo},
        };
        quint64 lengths = 0; // bit n: some name above has n bytes
        for (const auto& known : kNames)
            lengths |= quint64(1) << known.name.size();
        for (qsizetype i = 0; i < headers.size(); ++i) {
            const QByteArrayView name = headers.nameAt(i);
            if (name.size() >= 64 || !(lengths & (quint64(1) << name.size())))
                continue;
            for (const auto& known : kNames) {
                if (Ascii::equalsIgnoringCase(name, known.name)) {
                    m_at[known.id].append(i);
                    break;
                }
            }
        }
    }

    // Indexes into the block of every field of that name, in order.
    const QVarLengthArray<qsizetype, 4>& all(Name name) const { return m_at[name]; }
    // The first field's value, or a null view, as HeaderBlock::valueView() answers.
    QByteArrayView first(Name name) const
    {
        return m_at[name].isEmpty() ? QByteArrayView() : m_headers.valueAt(m_at[name].first());
    }

private:
    const HeaderBlock& m_headers;
    QVarLengthArray<qsizetype, 4> m_at[Count];
};

AddressList addresses(const TopFields& fields, TopFields::Name field, const HeaderBlock& headers,
                      QByteArrayView name, Walker& walker)
{
    AddressList out;
    DecodeIssues found;
    // §3.6 allows one field of each; several are seen, and all count as recipients.
    for (const qsizetype i : fields.all(field)) {
        if (out.isEmpty())
            out = AddressParser::parseList(headers.valueAt(i), &found);
        else
            out += AddressParser::parseList(headers.valueAt(i), &found);
    }
    walker.issues(found, QString(), name);
    return out;
}

} // namespace

ParsedMessage MessageParser::parse(const QByteArray& raw)
{
    return parse(raw, Options());
}

ParsedMessage MessageParser::parse(const QByteArray& raw, const Options& options)
{
    ParsedMessage message;
    Walker walker(options, message);
    const qsizetype start = mboxLineLength(raw);
    qsizetype bodyOffset = 0;
    message.headers = HeaderBlock::parse(QByteArrayView(raw).sliced(start), &bodyOffset);
    bodyOffset += start;
    const HeaderBlock& headers = message.headers;
    if (headers.malformedLines() > 0)
        walker.problem(Code::MalformedHeaderLine, QString());
    if (headers.truncated())
        walker.problem(Code::TooManyHeaderFields, QString());

    const TopFields fields(headers);
    message.from = addresses(fields, TopFields::From, headers, "from", walker);
    message.to = addresses(fields, TopFields::To, headers, "to", walker);
    message.cc = addresses(fields, TopFields::Cc, headers, "cc", walker);
    message.bcc = addresses(fields, TopFields::Bcc, headers, "bcc", walker);
    message.replyTo = addresses(fields, TopFields::ReplyTo, headers, "reply-to", walker);

    DecodeIssues found;
    // As HeaderBlock::text(): null when absent.
    const QByteArrayView subject = fields.first(TopFields::Subject);
    if (!subject.isNull())
        message.subject = EncodedWords::decode(subject, &found);
    walker.issues(found, QString(), "Subject");

    const QByteArrayView date = fields.first(TopFields::Date);
    if (!date.isNull()) {
        message.date = MessageDate::parse(date);
        if (!message.date.isValid())
            walker.problem(Code::InvalidDate, QString(),
                           date.first(qMin<qsizetype>(date.size(), 80)).toByteArray());
    }
    message.messageId = MessageIds::parseSingle(fields.first(TopFields::MessageId));
    message.inReplyTo = MessageIds::parseList(fields.first(TopFields::InReplyTo));
    message.references = MessageIds::parseList(fields.first(TopFields::References));

    QSet<QString> seen;
    for (const qsizetype i : fields.all(TopFields::DeliveredTo)) {
        for (const Address& address : AddressParser::parseList(headers.valueAt(i))) {
            QString key = address.normalized();
            if (!seen.contains(key)) {
                seen.insert(std::move(key));
                message.deliveredTo.append(address.email);
            }
        }
    }

    // A header-only fetch (BODY.PEEK[HEADER]) has no body to walk, and nothing is wrong with it.
    if (bodyOffset >= raw.size())
        return message;
    const Body body =
        walker.entity(headers, QByteArrayView(raw).sliced(bodyOffset), QString(), 0, false);
    message.textBody = joinPieces(body.plain);
    message.htmlBody = joinPieces(body.html);
    if (message.textBody.isEmpty() && !message.htmlBody.isEmpty()) {
        message.textBody = HtmlToText::convert(message.htmlBody);
        message.textFromHtml = true;
    }
    return message;
}

QString MessageParser::decodeText(QByteArrayView content, QByteArrayView transferEncoding,
                                  QByteArrayView charset, bool html, DecodeIssues* issues,
                                  bool* damaged)
{
    // Identity content is decoded where it is, without a copy.
    const TransferEncoding::Kind kind = TransferEncoding::kindOf(transferEncoding);
    QByteArray decoded;
    QByteArrayView bytes = content;
    if (kind != TransferEncoding::Kind::Identity) {
        decoded = TransferEncoding::decode(content, kind, damaged);
        bytes = decoded;
    }
    QByteArrayView label = charset.trimmed();
    QByteArray sniffed;
    if (label.isEmpty() && html) {
        sniffed = sniffHtmlCharset(bytes);
        label = sniffed;
    }
    // Line breaks are cheaper to rewrite in the bytes than in the decoded text, where a
    // charset allows it; NULs are rare and left to normalizeText().
    auto find = [&bytes](char c) {
        const void* at =
            bytes.isEmpty() ? nullptr : std::memchr(bytes.data(), c, size_t(bytes.size()));
        return at ? static_cast<const char*>(at) - bytes.data() : qsizetype(-1);
    };
    if (Charset::isAsciiTransparent(label) && find('\0') < 0) {
        const qsizetype firstCr = find('\r');
        if (firstCr >= 0) {
            if (decoded.isEmpty()) // identity content: rewritten in a copy
                decoded = bytes.toByteArray();
            qsizetype size = decoded.size();
            lineFeedsOnly(decoded.data(), size, firstCr);
            decoded.truncate(size);
            bytes = decoded;
        }
        return Charset::decode(bytes, label, issues);
    }
    return normalizeText(Charset::decode(bytes, label, issues));
}

QByteArray MessageParser::partContent(const QByteArray& raw, QStringView partPath,
                                      HeaderBlock* partHeaders, bool* found)
{
    if (found)
        *found = false;
    const qsizetype start = mboxLineLength(raw);
    qsizetype offset = 0;
    HeaderBlock headers = HeaderBlock::parse(QByteArrayView(raw).sliced(start), &offset);
    QByteArrayView body = QByteArrayView(raw).sliced(start + offset);
    const QList<QStringView> steps = partPath.split(u'.');
    for (qsizetype depth = 0; depth < steps.size(); ++depth) {
        bool ok = false;
        const int index = steps[depth].toInt(&ok);
        if (!ok || index < 1 || depth >= 32)
            return {};
        const ContentType type = ContentType::parse(headers.valueView("content-type"));
        QByteArray boundary = type.boundary();
        if (type.isMultipart() && boundary.isEmpty())
            boundary = guessBoundary(body);
        if (!type.isMultipart() || boundary.isEmpty()) {
            // A single-part message has one part, "1": its body (RFC 3501 §6.4.5).
            if (depth != 0 || index != 1 || steps.size() != 1)
                return {};
            break;
        }
        const Split split = splitMultipart(body, boundary, index);
        if (index > split.parts.size())
            return {};
        const QByteArrayView part = split.parts[index - 1];
        headers = HeaderBlock::parse(part, &offset);
        body = part.sliced(offset);
    }
    if (found)
        *found = true;
    const QByteArray encoding = headers.value("content-transfer-encoding");
    if (partHeaders)
        *partHeaders = headers;
    return TransferEncoding::decode(body, TransferEncoding::kindOf(encoding));
}

} // namespace threadline::mime
