#include "Lexer.h"

namespace threadline::mime {

bool Lexer::skipCfws(QByteArray* comments)
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
    if (peek() != '"' || m_quotesBroken)
        return false;
    bool plain = true; // no quoted-pair or line break: copied in one go
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
    const QByteArrayView content = m_text.sliced(m_pos + 1, i - m_pos - 1);
    m_pos = i + 1;
    if (plain) {
        out += content;
        return true;
    }
    for (qsizetype k = 0; k < content.size(); ++k) {
        const char c = content[k];
        if (c == '\\' && k + 1 < content.size())
            out += content[++k];
        else if (c != '\r' && c != '\n') // unfolding, RFC 5322 §3.2.4
            out += c;
    }
    return true;
}

QByteArrayView Lexer::readAtom(QByteArrayView stops)
{
    // A bitmap of the bytes that end the atom: one test per byte instead of a search.
    quint64 stop[4] = {};
    auto mark = [&stop](char c) {
        const auto b = static_cast<unsigned char>(c);
        stop[b >> 6] |= quint64(1) << (b & 63);
    };
    for (const char c : stops)
        mark(c);
    for (const char c : {' ', '\t', '\r', '\n'})
        mark(c);
    if (!m_commentsBroken)
        mark('(');
    if (!m_quotesBroken)
        mark('"');
    const qsizetype start = m_pos;
    const qsizetype size = m_text.size();
    while (m_pos < size) {
        const auto b = static_cast<unsigned char>(m_text[m_pos]);
        if (stop[b >> 6] & (quint64(1) << (b & 63)))
            break;
        ++m_pos;
    }
    return m_text.sliced(start, m_pos - start);
}

} // namespace threadline::mime
