#include "MessageAssembler.h"

#include "mime/AddressParser.h"
#include "mime/ContentDisposition.h"
#include "mime/ContentType.h"
#include "mime/EncodedWords.h"
#include "mime/HtmlToText.h"
#include "mime/MessageDate.h"
#include "mime/MessageIds.h"
#include "mime/MessageParser.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

namespace {

using imap::BodyPart;
using Role = store::MessageRecord::Role;

bool isTokenChar(char c)
{
    // RFC 2045 §5.1 token: no CTLs, spaces or tspecials.
    static constexpr QByteArrayView specials = "()<>@,;:\\\"/[]?=";
    return c > 32 && c < 127 && !specials.contains(c);
}

// BODYSTRUCTURE hands parameters over as name/value pairs, RFC 2231 sections and RFC 2047
// words still encoded; written back as a header value, mime's own parsers decode them the
// same way they do for a whole message.
QByteArray headerValue(QByteArrayView head, const BodyPart::Parameters& parameters)
{
    QByteArray out = head.toByteArray();
    for (const auto& [name, value] : parameters) {
        out += "; ";
        out += name;
        out += '=';
        bool token = !value.isEmpty();
        for (char c : value) {
            // An RFC 2231 extended value (name*=charset'lang'%XX) is written bare.
            if (!isTokenChar(c) && !(name.endsWith('*') && (c == '\'' || c == '%'))) {
                token = false;
                break;
            }
        }
        if (token) {
            out += value;
            continue;
        }
        out += '"';
        for (char c : value) {
            if (c == '"' || c == '\\')
                out += '\\';
            if (c != '\r' && c != '\n')
                out += c;
        }
        out += '"';
    }
    return out;
}

mime::ContentType contentType(const BodyPart& part)
{
    const QByteArray head = part.type + '/' + part.subtype;
    return mime::ContentType::parse(headerValue(head, part.parameters));
}

mime::ContentDisposition disposition(const BodyPart& part)
{
    if (part.disposition.isEmpty())
        return {};
    return mime::ContentDisposition::parse(
        headerValue(part.disposition, part.dispositionParameters));
}

QByteArray childSection(const QByteArray& parent, std::size_t index)
{
    const QByteArray n = QByteArray::number(qulonglong(index + 1));
    return parent.isEmpty() ? n : parent + '.' + n;
}

struct Pieces
{
    QStringList plain;
    QStringList html;
};

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

template <typename Leaf>
void walk(const BodyPart& part, const QByteArray& section, int depth, Leaf&& leaf)
{
    if (depth > 64)
        return;
    if (part.isMultipart()) {
        for (std::size_t i = 0; i < part.children.size(); ++i)
            walk(part.children[i], childSection(section, i), depth + 1, leaf);
        return;
    }
    leaf(part, section.isEmpty() ? QByteArray("1") : section);
}

void addIssues(mime::DecodeIssues issues, const QByteArray& section, QStringList* problems)
{
    if (!problems)
        return;
    const QString where = u" "_s + QString::fromLatin1(section);
    if (issues.testFlag(mime::DecodeIssue::UnknownCharset))
        problems->append(u"unknown-charset"_s + where);
    if (issues.testFlag(mime::DecodeIssue::InvalidBytes))
        problems->append(u"invalid-charset-bytes"_s + where);
    if (issues.testFlag(mime::DecodeIssue::MalformedEncodedWord))
        problems->append(u"malformed-encoded-word"_s + where);
    if (issues.testFlag(mime::DecodeIssue::RawEightBit))
        problems->append(u"undeclared-eight-bit"_s + where);
}

Pieces combine(const BodyPart& part, const QByteArray& section, int depth,
               const QHash<QByteArray, QString>& decoded)
{
    Pieces out;
    if (depth > 64)
        return out;
    if (!part.isMultipart()) {
        const QByteArray own = section.isEmpty() ? QByteArray("1") : section;
        // `decoded` holds the text parts only (textParts()).
        const auto it = decoded.find(own);
        if (it != decoded.end())
            (part.subtype == "html" ? out.html : out.plain).append(*it);
        return out;
    }
    QList<Pieces> children;
    for (std::size_t i = 0; i < part.children.size(); ++i)
        children.append(combine(part.children[i], childSection(section, i), depth + 1, decoded));
    if (part.subtype == "alternative") {
        // RFC 2046 §5.1.4: the last alternative is the richest; the last of each kind.
        for (const Pieces& child : std::as_const(children)) {
            if (!joinPieces(child.plain).isEmpty())
                out.plain = child.plain;
            if (!joinPieces(child.html).isEmpty())
                out.html = child.html;
        }
    } else if (part.subtype == "related") {
        // RFC 2387 §3.2: the root is named by "start", else it is the first part.
        qsizetype root = 0;
        const QString start = mime::MessageIds::parseSingle(part.parameter("start"));
        if (!start.isEmpty()) {
            for (std::size_t i = 0; i < part.children.size(); ++i) {
                if (mime::MessageIds::parseSingle(part.children[i].id) == start)
                    root = qsizetype(i);
            }
        }
        out = children.value(root);
    } else {
        for (const Pieces& child : std::as_const(children)) {
            out.plain += child.plain;
            out.html += child.html;
        }
    }
    return out;
}

QList<store::MessageRecord::Address> envelopeAddresses(Role role, const QList<imap::Address>& list)
{
    QList<store::MessageRecord::Address> out;
    for (const imap::Address& address : list) {
        if (address.isGroupStart() || address.isGroupEnd() || address.mailbox.isEmpty())
            continue;
        out.append(
            {role, mime::EncodedWords::decode(address.name), QString::fromUtf8(address.email())});
    }
    return out;
}

QString problemKey(const mime::ParseProblem& problem)
{
    using Code = mime::ParseProblem::Code;
    static const QHash<Code, QString> keys{
        {Code::MalformedHeaderLine, u"malformed-header-line"_s},
        {Code::TooManyHeaderFields, u"too-many-header-fields"_s},
        {Code::UnknownCharset, u"unknown-charset"_s},
        {Code::InvalidCharsetBytes, u"invalid-charset-bytes"_s},
        {Code::MalformedEncodedWord, u"malformed-encoded-word"_s},
        {Code::UndeclaredEightBit, u"undeclared-eight-bit"_s},
        {Code::InvalidDate, u"invalid-date"_s},
        {Code::MissingBoundary, u"missing-boundary"_s},
        {Code::UnterminatedMultipart, u"unterminated-multipart"_s},
        {Code::EmptyMultipart, u"empty-multipart"_s},
        {Code::DepthLimitExceeded, u"depth-limit"_s},
        {Code::PartLimitExceeded, u"part-limit"_s},
        {Code::DamagedTransferEncoding, u"damaged-transfer-encoding"_s},
        {Code::UnknownTransferEncoding, u"unknown-transfer-encoding"_s},
        {Code::TextTruncated, u"text-truncated"_s},
    };
    QString key = keys.value(problem.code, u"problem"_s);
    if (!problem.partPath.isEmpty())
        key += u' ' + problem.partPath;
    return key;
}

// What the header section says, as mime::MessageParser read it.
void setHeaders(store::MessageRecord& record, const mime::ParsedMessage& parsed)
{
    record.messageId = parsed.messageId;
    record.inReplyTo = parsed.inReplyTo;
    record.references = parsed.references;
    record.subject = parsed.subject;
    record.date = parsed.date;
    const std::pair<Role, const mime::AddressList*> lists[] = {
        {Role::From, &parsed.from}, {Role::ReplyTo, &parsed.replyTo}, {Role::To, &parsed.to},
        {Role::Cc, &parsed.cc},     {Role::Bcc, &parsed.bcc},
    };
    qsizetype count = record.addresses.size() + parsed.deliveredTo.size();
    for (const auto& [role, list] : lists)
        count += list->size();
    record.addresses.reserve(count);
    for (const auto& [role, list] : lists) {
        for (const mime::Address& address : *list)
            record.addresses.append({role, address.name, address.email});
    }
    for (const QString& email : parsed.deliveredTo)
        record.addresses.append({Role::DeliveredTo, QString(), email});
    for (const mime::ParseProblem& problem : parsed.problems)
        record.parseProblems.append(problemKey(problem));
}

// Sent by the user, or a copy the dropbox received (sync rule 8).
void setDirection(store::MessageRecord& record, const MatchPolicy& policy)
{
    for (const store::MessageRecord::Address& address : std::as_const(record.addresses)) {
        if (address.role == Role::From && policy.isOwnAddress(address.email))
            record.outgoing = true;
        if (address.role == Role::DeliveredTo && policy.isDropboxAddress(address.email))
            record.dropbox = true;
    }
}

// One walk over the leaves: text to fetch, or an attachment to list. Each leaf's
// Content-Type and Content-Disposition are parsed once.
void classify(const BodyPart& body, QList<MessageAssembler::TextPart>* texts,
              QList<store::MessageRecord::Attachment>* attachments)
{
    walk(body, {}, 0, [&](const BodyPart& part, const QByteArray& section) {
        const mime::ContentType type = contentType(part);
        const mime::ContentDisposition d = disposition(part);
        QString fileName = mime::ContentDisposition::fileNameFor(d, type);
        const bool text =
            part.type == "text" && (part.subtype == "plain" || part.subtype == "html");
        if (text && !d.isAttachment() && (fileName.isEmpty() || d.isInline())) {
            if (texts) {
                texts->append(MessageAssembler::TextPart{section, part.subtype == "html",
                                                         part.encoding.toLower(), type.charset()});
            }
            return;
        }
        if (!attachments)
            return;
        if (fileName.isEmpty() && part.isMessage() && part.envelope) {
            // A forwarded message is listed by its subject, as mime::MessageParser does.
            const QString subject = mime::EncodedWords::decode(part.envelope->subject).simplified();
            if (!subject.isEmpty())
                fileName = subject + u".eml";
        }
        // Decoded size without the data: base64 carries 3 bytes per 4 characters, less the
        // line breaks (76 characters a line, RFC 2045 §6.8).
        qint64 size = qint64(part.size);
        if (part.encoding.compare("base64", Qt::CaseInsensitive) == 0)
            size = (size - size / 78 * 2) * 3 / 4;
        const QByteArray mimeType = part.type + '/' + part.subtype;
        attachments->append(
            {QString::fromLatin1(section), fileName, QString::fromLatin1(mimeType), size});
    });
}

} // namespace

QList<MessageAssembler::TextPart> MessageAssembler::textParts(const imap::BodyPart& body)
{
    QList<TextPart> parts;
    classify(body, &parts, nullptr);
    return parts;
}

QList<QByteArray> MessageAssembler::sections(const QList<TextPart>& parts)
{
    QList<QByteArray> out;
    out.reserve(parts.size());
    for (const TextPart& part : parts)
        out.append(part.section);
    return out;
}

QList<store::MessageRecord::Attachment> MessageAssembler::attachments(const imap::BodyPart& body)
{
    QList<store::MessageRecord::Attachment> out;
    classify(body, nullptr, &out);
    return out;
}

MessageAssembler::Body MessageAssembler::body(const imap::BodyPart& structure,
                                              const QHash<QByteArray, QByteArray>& texts,
                                              QStringList* problems)
{
    QHash<QByteArray, QString> decoded;
    for (const TextPart& part : textParts(structure)) {
        const auto it = texts.find(part.section);
        if (it == texts.end())
            continue;
        mime::DecodeIssues issues;
        bool damaged = false;
        decoded.insert(part.section,
                       mime::MessageParser::decodeText(*it, part.encoding, part.charset, part.html,
                                                       &issues, &damaged));
        addIssues(issues, part.section, problems);
        if (damaged && problems)
            problems->append(u"damaged-transfer-encoding "_s + QString::fromLatin1(part.section));
        if (quint64(it->size()) >= 8u * 1024 * 1024 && problems)
            problems->append(u"text-truncated "_s + QString::fromLatin1(part.section));
    }
    const Pieces pieces = combine(structure, {}, 0, decoded);
    Body out;
    out.text = joinPieces(pieces.plain);
    out.html = joinPieces(pieces.html);
    out.hasHtml = !out.html.isEmpty();
    if (out.text.isEmpty() && out.hasHtml)
        out.text = mime::HtmlToText::convert(out.html);
    return out;
}

store::MessageRecord MessageAssembler::build(const imap::FetchResponse& metadata,
                                             const QHash<QByteArray, QByteArray>& texts,
                                             const MatchPolicy& policy)
{
    store::MessageRecord record = build(metadata, policy);
    if (metadata.body && !texts.isEmpty())
        addBody(record, *metadata.body, texts);
    return record;
}

void MessageAssembler::addBody(store::MessageRecord& record, const imap::BodyPart& structure,
                               const QHash<QByteArray, QByteArray>& texts)
{
    const Body text = body(structure, texts, &record.parseProblems);
    record.textBody = text.text;
    if (text.hasHtml)
        record.htmlBody = text.html;
}

store::MessageRecord MessageAssembler::build(const imap::FetchResponse& metadata,
                                             const MatchPolicy& policy, QList<TextPart>* textParts)
{
    store::MessageRecord record;
    record.internalDate = metadata.internalDate.toUTC();
    record.size = qint64(metadata.rfc822Size.value_or(0));

    const imap::FetchSection* header = metadata.section("", "HEADER.FIELDS");
    const bool haveHeader = header && !header->data.trimmed().isEmpty();
    if (haveHeader) {
        mime::MessageParser::Options options;
        options.decodeText = false;
        setHeaders(record, mime::MessageParser::parse(header->data, options));
    } else if (metadata.envelope) {
        // No header section came back: the ENVELOPE says nearly as much (RFC 3501 §7.4.2).
        const imap::Envelope& envelope = *metadata.envelope;
        record.messageId = mime::MessageIds::parseSingle(envelope.messageId);
        record.inReplyTo = mime::MessageIds::parseList(envelope.inReplyTo);
        record.subject = mime::EncodedWords::decode(envelope.subject);
        record.date = mime::MessageDate::parse(envelope.date);
        record.addresses += envelopeAddresses(Role::From, envelope.from);
        record.addresses += envelopeAddresses(Role::ReplyTo, envelope.replyTo);
        record.addresses += envelopeAddresses(Role::To, envelope.to);
        record.addresses += envelopeAddresses(Role::Cc, envelope.cc);
        record.addresses += envelopeAddresses(Role::Bcc, envelope.bcc);
    }

    if (metadata.body)
        classify(*metadata.body, textParts, &record.attachments);
    setDirection(record, policy);
    return record;
}

store::MessageRecord MessageAssembler::fromWholeMessage(const imap::FetchResponse& response,
                                                        const mime::ParsedMessage& parsed,
                                                        const MatchPolicy& policy)
{
    store::MessageRecord record;
    record.internalDate = response.internalDate.toUTC();
    record.size = qint64(response.rfc822Size.value_or(0));
    setHeaders(record, parsed);
    record.textBody = parsed.textBody;
    if (!parsed.htmlBody.isEmpty())
        record.htmlBody = parsed.htmlBody;
    record.attachments.reserve(parsed.attachments.size());
    for (const mime::Attachment& attachment : parsed.attachments)
        record.attachments.append({attachment.partPath, attachment.fileName,
                                   QString::fromLatin1(attachment.mimeType), attachment.size});
    setDirection(record, policy);
    return record;
}

} // namespace threadline::sync
