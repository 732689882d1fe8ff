#include "HeaderWriter.h"

#include <QList>
#include <QUrl>

namespace threadline::mime {

namespace {

constexpr qsizetype kLineLimit = 76;    // RFC 2047 §2 for lines holding encoded-words
constexpr qsizetype kWordLimit = 75;    // RFC 2047 §2: one encoded-word
constexpr qsizetype kWordOverhead = 12; // "=?UTF-8?Q?" + "?="
constexpr qsizetype kLongestPlain = 75; // a longer word cannot fit a folded line: encode it

// RFC 2047 §5(3): the only characters a Q encoded-word may show as themselves in a
// phrase; a subset of what §5(1) allows, so it is safe everywhere.
bool isQSafe(unsigned char b)
{
    return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '!' ||
           b == '*' || b == '+' || b == '-' || b == '/';
}

qsizetype qCost(unsigned char b)
{
    return (isQSafe(b) || b == ' ') ? 1 : 3;
}

bool isAtext(QChar c)
{
    const char16_t u = c.unicode();
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9'))
        return true;
    return QStringView(u"!#$%&'*+-/=?^_`{|}~").contains(c);
}

bool isPrintableAscii(QStringView text)
{
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7E)
            return false;
    }
    return true;
}

QString sanitized(QStringView text)
{
    QString out = text.toString();
    for (QChar& c : out) {
        if (c == u'\r' || c == u'\n' || c.unicode() == 0)
            c = u' ';
    }
    return out;
}

// The UTF-8 bytes of the code point at `i`; advances `i` past it.
QByteArray nextCodePoint(QStringView text, qsizetype& i)
{
    qsizetype len = 1;
    if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate())
        len = 2;
    const QByteArray bytes = text.sliced(i, len).toUtf8();
    i += len;
    return bytes;
}

QByteArray quoted(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const QChar c : text) {
        if (c == u'"' || c == u'\\')
            out += u'\\';
        out += c;
    }
    out += u'"';
    return out.toUtf8();
}

bool isDotAtom(QStringView text)
{
    if (text.isEmpty() || text.startsWith(u'.') || text.endsWith(u'.') || text.contains(u".."))
        return false;
    for (const QChar c : text) {
        if (c != u'.' && !isAtext(c) && c.unicode() < 0x80)
            return false;
    }
    return true;
}

} // namespace

HeaderWriter::HeaderWriter(QByteArrayView name)
{
    m_out.reserve(128);
    m_out += name;
    m_out += ": ";
}

void HeaderWriter::fold()
{
    m_out += "\r\n";
    m_lineStart = m_out.size();
    m_lineHasToken = false;
}

void HeaderWriter::addToken(QByteArrayView whitespaceBefore, QByteArrayView token)
{
    if (!m_anyToken)
        whitespaceBefore = {}; // "Name: " already holds the space
    if (!whitespaceBefore.isEmpty() && m_lineHasToken &&
        column() + whitespaceBefore.size() + token.size() > kLineLimit)
        fold();
    m_out += whitespaceBefore;
    m_out += token;
    m_lineHasToken = true;
    m_anyToken = true;
}

void HeaderWriter::addEncoded(QByteArrayView whitespaceBefore, QStringView text)
{
    if (text.isEmpty())
        return;
    const QByteArray utf8 = text.toUtf8();
    qsizetype qLength = 0;
    for (const char c : utf8)
        qLength += qCost(static_cast<unsigned char>(c));
    const bool useB = (utf8.size() + 2) / 3 * 4 < qLength; // §4: the shorter encoding
    const QByteArrayView prefix =
        useB ? QByteArrayView("=?UTF-8?B?") : QByteArrayView("=?UTF-8?Q?");

    QByteArray separator = m_anyToken ? whitespaceBefore.toByteArray() : QByteArray();
    if (m_anyToken && separator.isEmpty())
        separator = " "; // encoded-words must be delimited by whitespace (§5(1))
    qsizetype limit = 0;
    auto available = [this, &separator] {
        return qMin(kWordLimit, kLineLimit - column() - separator.size()) - kWordOverhead;
    };
    // Folds first when the rest of the text would fit a fresh line but not this one, or
    // when too little of this line is left for a useful word.
    auto startWord = [&](qsizetype restLength) {
        if (m_lineHasToken && restLength > available() &&
            (restLength <= kWordLimit - kWordOverhead || available() < 12)) {
            fold();
            if (separator.isEmpty())
                separator = " ";
        }
        limit = qMax<qsizetype>(available(), 4);
    };
    auto encodedLength = [useB](QByteArrayView bytes) {
        if (useB)
            return (bytes.size() + 2) / 3 * 4;
        qsizetype n = 0;
        for (const char c : bytes)
            n += qCost(static_cast<unsigned char>(c));
        return n;
    };
    auto writeWord = [&](const QByteArray& chunk) {
        m_out += separator;
        m_out += prefix;
        if (useB) {
            m_out += chunk.toBase64();
        } else {
            static constexpr char hex[] = "0123456789ABCDEF";
            for (const char c : chunk) {
                const auto b = static_cast<unsigned char>(c);
                if (b == ' ') {
                    m_out += '_';
                } else if (isQSafe(b)) {
                    m_out += c;
                } else {
                    m_out += '=';
                    m_out += hex[b >> 4];
                    m_out += hex[b & 0xF];
                }
            }
        }
        m_out += "?=";
        m_lineHasToken = true;
        m_anyToken = true;
        separator = " ";
    };

    const QByteArrayView all(utf8);
    qsizetype consumed = 0; // bytes of `utf8` already written
    startWord(encodedLength(all));
    QByteArray chunk;
    for (qsizetype i = 0; i < text.size();) {
        const QByteArray point = nextCodePoint(text, i); // §5: never split a character
        if (!chunk.isEmpty() && encodedLength(QByteArray(chunk + point)) > limit) {
            writeWord(chunk);
            consumed += chunk.size();
            chunk.clear();
            startWord(encodedLength(all.sliced(consumed)));
        }
        chunk += point;
    }
    writeWord(chunk);
}

void HeaderWriter::addText(QStringView input)
{
    const QString text = sanitized(input).trimmed();
    struct Word
    {
        QStringView space;
        QStringView word;
        bool encode = false;
    };
    QList<Word> words;
    const QStringView view(text);
    qsizetype pos = 0;
    while (pos < view.size()) {
        qsizetype start = pos;
        while (pos < view.size() && (view[pos] == u' ' || view[pos] == u'\t'))
            ++pos;
        const QStringView space = view.sliced(start, pos - start);
        start = pos;
        while (pos < view.size() && view[pos] != u' ' && view[pos] != u'\t')
            ++pos;
        const QStringView word = view.sliced(start, pos - start);
        // A word that looks like an encoded-word is encoded so it reads back as written.
        const bool encode =
            !isPrintableAscii(word) || word.contains(u"=?") || word.size() > kLongestPlain;
        words.append({space, word, encode});
    }
    for (qsizetype i = 0; i < words.size(); ++i) {
        if (!words[i].encode) {
            addToken(words[i].space.toLatin1(), words[i].word.toLatin1());
            continue;
        }
        // A run of words to encode becomes one text, spaces inside it encoded too (§5(1)).
        qsizetype j = i;
        while (j + 1 < words.size() && words[j + 1].encode)
            ++j;
        const QStringView run =
            view.sliced(words[i].word.data() - view.data(),
                        words[j].word.data() + words[j].word.size() - words[i].word.data());
        addEncoded(words[i].space.toLatin1(), run);
        i = j;
    }
}

void HeaderWriter::addPhrase(QStringView input)
{
    const QString phrase = sanitized(input).simplified();
    if (phrase.isEmpty())
        return;
    if (!isPrintableAscii(phrase) || phrase.contains(u"=?") || phrase.size() > kLongestPlain) {
        addEncoded(" ", phrase);
        return;
    }
    bool atoms = true;
    for (const QChar c : phrase) {
        if (c != u' ' && !isAtext(c)) {
            atoms = false;
            break;
        }
    }
    if (!atoms) {
        addToken(" ", quoted(phrase));
        return;
    }
    for (const QStringView word : QStringView(phrase).split(u' '))
        addToken(" ", word.toLatin1());
}

void HeaderWriter::addAddress(const Address& address, bool separator)
{
    QByteArray spec = encodeAddrSpec(address.email);
    if (address.name.trimmed().isEmpty()) {
        if (separator)
            spec += ',';
        addToken(" ", spec);
        return;
    }
    addPhrase(address.name);
    QByteArray angle = '<' + spec + '>';
    if (separator)
        angle += ',';
    addToken(" ", angle);
}

QByteArray HeaderWriter::encodeAddrSpec(QStringView input)
{
    const QString email = sanitized(input).trimmed();
    const qsizetype at = email.lastIndexOf(u'@');
    const QStringView local = at < 0 ? QStringView(email) : QStringView(email).first(at);
    QByteArray out;
    if (isDotAtom(local) || (local.size() >= 2 && local.startsWith(u'"') && local.endsWith(u'"')))
        out = local.toUtf8(); // RFC 6532 allows a UTF-8 local part
    else
        out = quoted(local);
    if (at < 0)
        return out;
    const QString domain = email.sliced(at + 1);
    QByteArray ace = isPrintableAscii(domain) ? domain.toLatin1() : QUrl::toAce(domain);
    if (ace.isEmpty())
        ace = domain.toUtf8();
    return out + '@' + ace;
}

} // namespace threadline::mime
