#include "EncodedWords.h"

#include "Ascii.h"
#include "Charset.h"
#include "HeaderWriter.h"
#include "TransferEncoding.h"

#include <array>

namespace threadline::mime {

namespace {

bool isLinearWhitespace(QByteArrayView text)
{
    for (const char c : text) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return false;
    }
    return true;
}

bool isCharsetChar(char c)
{
    // RFC 2047 §2 token: no space, controls or especials.
    const auto b = static_cast<unsigned char>(c);
    if (b <= 0x20 || b >= 0x7F)
        return false;
    switch (c) {
    case '(':
    case ')':
    case '<':
    case '>':
    case '@':
    case ',':
    case ';':
    case ':':
    case '"':
    case '/':
    case '[':
    case ']':
    case '?':
    case '.':
    case '=':
        return false;
    default:
        return true;
    }
}

bool isSpaceChar(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// Finds the next "?=" and the next whitespace at or after a position, caching both so
// that scanning a long hostile value stays linear.
class Lookahead final
{
public:
    explicit Lookahead(QByteArrayView text)
        : m_text(text)
    {}

    qsizetype nextClose(qsizetype from) { return next(from, m_closeFrom, m_close, true); }
    qsizetype nextSpace(qsizetype from) { return next(from, m_spaceFrom, m_space, false); }

private:
    qsizetype next(qsizetype from, qsizetype& cachedFrom, qsizetype& cached, bool close)
    {
        if (cachedFrom >= 0 && cachedFrom <= from && (cached < 0 || cached >= from))
            return cached;
        cachedFrom = from;
        if (close) {
            cached = Ascii::indexOf(m_text, "?=", from);
        } else {
            cached = -1;
            for (qsizetype i = from; i < m_text.size(); ++i) {
                if (isSpaceChar(m_text[i])) {
                    cached = i;
                    break;
                }
            }
        }
        return cached;
    }

    QByteArrayView m_text;
    qsizetype m_closeFrom = -1;
    qsizetype m_close = -1;
    qsizetype m_spaceFrom = -1;
    qsizetype m_space = -1;
};

struct Word
{
    QByteArrayView charset;
    char encoding = 0;
    QByteArrayView text;
    qsizetype end = 0; // index just past "?="
};

enum class WordParse
{
    NotAWord,  // "=?" that does not even start an encoded-word
    Malformed, // started like one, broken later
    Ok,
};

WordParse parseWord(QByteArrayView raw, qsizetype start, Lookahead& ahead, Word& word)
{
    constexpr qsizetype kMaxCharset = 64;
    qsizetype pos = start + 2;
    const qsizetype charsetStart = pos;
    while (pos < raw.size() && pos - charsetStart <= kMaxCharset && isCharsetChar(raw[pos]))
        ++pos;
    if (pos == charsetStart || pos >= raw.size() || raw[pos] != '?')
        return WordParse::NotAWord;
    word.charset = raw.sliced(charsetStart, pos - charsetStart);
    if (pos + 2 >= raw.size() || raw[pos + 2] != '?')
        return WordParse::Malformed;
    word.encoding = static_cast<char>(raw[pos + 1] | 0x20);
    if (word.encoding != 'b' && word.encoding != 'q')
        return WordParse::Malformed;
    const qsizetype textStart = pos + 3;
    const qsizetype close = ahead.nextClose(textStart);
    if (close < 0)
        return WordParse::Malformed;
    const qsizetype space = ahead.nextSpace(textStart);
    if (space >= 0 && space < close)
        return WordParse::Malformed; // §5: no whitespace inside an encoded-word
    word.text = raw.sliced(textStart, close - textStart);
    word.end = close + 2;
    // RFC 2231 §5 lets a language follow the charset: "=?utf-8*fr?q?...?=".
    if (const qsizetype star = word.charset.indexOf('*'); star >= 0)
        word.charset = word.charset.first(star);
    return word.charset.isEmpty() ? WordParse::Malformed : WordParse::Ok;
}

// A header value is one line: line breaks and NULs written from `from` on become spaces.
void cleanFrom(QString& out, qsizetype from)
{
    QChar* data = out.data();
    for (qsizetype i = from; i < out.size(); ++i) {
        const char16_t c = data[i].unicode();
        if (c == u'\r' || c == u'\n' || c == 0)
            data[i] = u' ';
    }
}

// `text` becomes `out` when it is the first piece (most values are one encoded-word or one
// run of text): no copy. Later pieces grow `out` once to `bound`, the longest it can get.
void appendCleaned(QString& out, QString&& text, qsizetype bound)
{
    const qsizetype from = out.size();
    if (out.isEmpty()) {
        out = std::move(text);
    } else {
        out.reserve(qMax(bound, out.size() + text.size()));
        out += text;
    }
    cleanFrom(out, from);
}

} // namespace

bool EncodedWords::isPlainText(QByteArrayView raw)
{
    // The bytes that need a closer look, in one table: NUL, CR, LF, '=' and 8-bit.
    static constexpr auto kSpecial = [] {
        std::array<bool, 256> table{};
        for (int b = 0x80; b < 0x100; ++b)
            table[b] = true;
        table[0] = table['\r'] = table['\n'] = table['='] = true;
        return table;
    }();
    const qsizetype size = raw.size();
    if (size == 0)
        return false;
    for (qsizetype i = 0; i < size; ++i) {
        const auto b = static_cast<unsigned char>(raw[i]);
        if (!kSpecial[b])
            continue;
        if (b != '=' || (i + 1 < size && raw[i + 1] == '?'))
            return false;
    }
    return true;
}

QString EncodedWords::decode(QByteArrayView raw, DecodeIssues* issues)
{
    if (isPlainText(raw))
        return QString::fromLatin1(raw);
    DecodeIssues found;
    QString out; // never longer than `raw`: decoding only shrinks

    // Bytes of adjacent words in one charset, decoded together.
    QByteArray pending;
    QByteArrayView pendingCharset;
    auto flush = [&] {
        if (!pendingCharset.isEmpty())
            appendCleaned(out, Charset::decode(pending, pendingCharset, &found), raw.size());
        if (!pending.isNull()) // clear() is a call even when there is nothing to clear
            pending.clear();
        pendingCharset = {};
    };
    auto appendRaw = [&](QByteArrayView text) {
        if (text.isEmpty())
            return;
        flush();
        if (Ascii::isAscii(text)) { // Charset::decodeGuess() without the temporary
            const qsizetype from = out.size();
            if (from > 0)
                out.reserve(qMax(raw.size(), from + text.size()));
            out += QLatin1StringView(text);
            cleanFrom(out, from);
            return;
        }
        if (!text.isValidUtf8()) // RFC 6532 allows raw UTF-8; anything else is a guess
            found |= DecodeIssue::RawEightBit;
        appendCleaned(out, Charset::decodeGuess(text), raw.size());
    };

    Lookahead ahead(raw);
    qsizetype literalStart = 0; // start of text not yet written
    qsizetype search = 0;
    bool lastWasWord = false;
    while (true) {
        const qsizetype start = Ascii::indexOf(raw, "=?", search);
        if (start < 0)
            break;
        Word word;
        const WordParse parsed = parseWord(raw, start, ahead, word);
        if (parsed != WordParse::Ok) {
            if (parsed == WordParse::Malformed)
                found |= DecodeIssue::MalformedEncodedWord;
            search = start + 2;
            continue;
        }
        bool damaged = false;
        const QByteArray bytes = word.encoding == 'b'
                                     ? TransferEncoding::decodeBase64(word.text, &damaged)
                                     : TransferEncoding::decodeQ(word.text, &damaged);
        const QByteArrayView gap = raw.sliced(literalStart, start - literalStart);
        const bool joins = lastWasWord && isLinearWhitespace(gap); // §6.2
        if (word.encoding == 'b' && damaged) {
            found |= DecodeIssue::MalformedEncodedWord;
            search = start + 2;
            continue;
        }
        if (!Charset::isKnown(word.charset)) {
            found |= DecodeIssue::UnknownCharset;
            appendRaw(raw.sliced(literalStart, word.end - literalStart));
            literalStart = search = word.end;
            lastWasWord = false;
            continue;
        }
        if (!joins)
            appendRaw(gap);
        if (pendingCharset.isEmpty() || !Ascii::equalsIgnoringCase(pendingCharset, word.charset))
            flush();
        pendingCharset = word.charset;
        pending += bytes;
        literalStart = search = word.end;
        lastWasWord = true;
    }
    appendRaw(raw.sliced(literalStart));
    flush();
    if (issues)
        *issues |= found;
    if (out.isNull()) // an empty value reads as "", not null: the store binds '' and NULL apart
        out = QString::fromLatin1(QByteArrayView(""));
    return out;
}

QByteArray EncodedWords::encodeHeader(QByteArrayView name, QStringView text)
{
    HeaderWriter writer(name);
    writer.addText(text);
    return writer.result();
}

} // namespace threadline::mime
