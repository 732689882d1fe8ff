#include "Lexer.h"

#include "Ascii.h"

#include <QVarLengthArray>
#include <array>

namespace threadline::mime {

bool Lexer::skipCfwsAt(QByteArray* comments)
{
    const qsizetype start = m_pos;
    while (!atEnd()) {
        const char c = m_text[m_pos];
        if (isWhitespace(c)) {
            ++m_pos;
            continue;
        }
        if (c != '(' || m_commentsBroken)
            break;
        // RFC 5322 §3.2.2: comments nest and may hold quoted-pairs.
        int depth = 0;
        qsizetype i = m_pos;
        for (; i < m_text.size(); ++i) {
            const char d = m_text[i];
            if (d == '\\')
                ++i;
            else if (d == '(')
                ++depth;
            else if (d == ')' && --depth == 0)
                break;
        }
        if (depth != 0 || i >= m_text.size()) {
            m_commentsBroken = true;
            break;
        }
        if (comments) {
            QByteArray text;
            for (qsizetype k = m_pos + 1; k < i; ++k) {
                if (m_text[k] == '\\' && k + 1 < i)
                    ++k;
                text += m_text[k];
            }
            text = text.trimmed();
            if (!text.isEmpty()) {
                if (!comments->isEmpty())
                    *comments += ' ';
                *comments += text;
            }
        }
        m_pos = i + 1;
    }
    return m_pos != start;
}

bool Lexer::readQuotedString(QByteArray& out)
{
    QByteArrayView content;
    bool plain = true;
    if (!readQuotedContent(content, plain))
        return false;
    if (plain)
        out += content;
    else
        unquote(content, out);
    return true;
}

bool Lexer::readQuotedContent(QByteArrayView& content, bool& plain)
{
    if (peek() != '"' || m_quotesBroken)
        return false;
    plain = true; // no quoted-pair or line break: usable as written
    qsizetype i = m_pos + 1;
    for (; i < m_text.size(); ++i) {
        const char c = m_text[i];
        if (c == '"')
            break;
        if (c == '\\' || c == '\r' || c == '\n') {
            plain = false;
            if (c == '\\')
                ++i;
        }
    }
    if (i >= m_text.size()) {
        m_quotesBroken = true;
        return false;
    }
    content = m_text.sliced(m_pos + 1, i - m_pos - 1);
    m_pos = i + 1;
    return true;
}

void Lexer::unquote(QByteArrayView content, QByteArray& out)
{
    for (qsizetype k = 0; k < content.size(); ++k) {
        const char c = content[k];
        if (c == '\\' && k + 1 < content.size())
            out += content[++k];
        else if (c != '\r' && c != '\n') // unfolding, RFC 5322 §3.2.4
            out += c;
    }
}

QByteArray Lexer::lowered(QByteArrayView atom)
{
    using namespace Qt::StringLiterals;
    static const QByteArray common[] = {
        "text"_ba,       "plain"_ba,       "html"_ba,     "multipart"_ba,       "alternative"_ba,
        "mixed"_ba,      "related"_ba,     "charset"_ba,  "boundary"_ba,        "format"_ba,
        "flowed"_ba,     "name"_ba,        "filename"_ba, "application"_ba,     "image"_ba,
        "message"_ba,    "rfc822"_ba,      "pdf"_ba,      "octet-stream"_ba,    "inline"_ba,
        "attachment"_ba, "delsp"_ba,       "type"_ba,     "start"_ba,           "signed"_ba,
        "png"_ba,        "jpeg"_ba,        "calendar"_ba, "protocol"_ba,        "micalg"_ba,
        "size"_ba,       "report-type"_ba, "report"_ba,   "delivery-status"_ba, "digest"_ba,
    };
    // The names grouped by length, built once: a lookup compares only the two or three of
    // the atom's length instead of walking all of them.
    constexpr qsizetype kLongest = 16;
    static const auto byLength = [] {
        std::array<QVarLengthArray<const QByteArray*, 8>, kLongest> table;
        for (const QByteArray& known : common) {
            Q_ASSERT(known.size() < kLongest);
            table[known.size()].append(&known);
        }
        return table;
    }();
    if (atom.size() < kLongest) {
        for (const QByteArray* known : byLength[atom.size()]) {
            if (Ascii::equalsIgnoringCase(atom, *known))
                return *known;
        }
    }
    return atom.toByteArray().toLower();
}

QByteArrayView Lexer::readAtom(Stops stops)
{
    if (!m_commentsBroken)
        stops.add('(');
    if (!m_quotesBroken)
        stops.add('"');
    const qsizetype start = m_pos;
    const qsizetype size = m_text.size();
    const char* const data = m_text.data();
    while (m_pos < size && !stops.contains(data[m_pos]))
        ++m_pos;
    return m_text.sliced(start, m_pos - start);
}

} // namespace threadline::mime
