#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace threadline::mime {

// A cursor over a structured header value (RFC 5322 §3.2): whitespace, comments,
// quoted-strings and atoms. Built for damaged input: an unterminated comment or quote
// is read as an ordinary character, and from then on so is every later one, which
// keeps scanning linear.
class Lexer final
{
public:
    // The bytes that end an atom besides whitespace, comments and quotes, as a bitmap built
    // at compile time (constexpr), so that readAtom() tests each byte in one step.
    class Stops final
    {
    public:
        constexpr explicit Stops(const char* bytes)
        {
            for (; *bytes; ++bytes)
                add(*bytes);
            for (const char c : {' ', '\t', '\r', '\n'})
                add(c);
        }
        constexpr void add(char c)
        {
            const auto b = static_cast<unsigned char>(c);
            m_bits[b >> 6] |= quint64(1) << (b & 63);
        }
        constexpr bool contains(char c) const
        {
            const auto b = static_cast<unsigned char>(c);
            return m_bits[b >> 6] & (quint64(1) << (b & 63));
        }

    private:
        quint64 m_bits[4] = {};
    };

    explicit Lexer(QByteArrayView text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return atEnd() ? '\0' : m_text[m_pos]; }
    void advance(qsizetype n = 1) { m_pos = qMin(m_pos + n, m_text.size()); }
    qsizetype position() const { return m_pos; }
    QByteArrayView rest() const { return m_text.sliced(m_pos); }
    QByteArrayView text() const { return m_text; }

    // Skips folding whitespace and comments (CFWS). Comment text, unescaped, is appended
    // to `comments` separated by spaces. True when anything was skipped.
    bool skipCfws(QByteArray* comments = nullptr)
    {
        // Inline for the common answer: an atom or special is next, nothing to skip.
        if (atEnd() || (m_text[m_pos] != '(' && !isWhitespace(m_text[m_pos])))
            return false;
        return skipCfwsAt(comments);
    }
    // At '"': reads the quoted-string into `out` (quoted-pairs resolved). False, with
    // nothing consumed, when the quote is never closed.
    bool readQuotedString(QByteArray& out);
    // At '"': the quoted-string's content as written, quotes removed, without copying.
    // `plain` is false when it holds quoted-pairs or line breaks: unquote() resolves them.
    // False, with nothing consumed, when the quote is never closed.
    bool readQuotedContent(QByteArrayView& content, bool& plain);
    static void unquote(QByteArrayView content, QByteArray& out);
    // Bytes up to whitespace, a comment or quote start, or any byte in `stops`.
    QByteArrayView readAtom(Stops stops);

    // `atom` ASCII-lowercased. The common MIME names (types, subtypes, parameters,
    // dispositions) are shared static data: most calls allocate nothing.
    static QByteArray lowered(QByteArrayView atom);

    static bool isWhitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

private:
    bool skipCfwsAt(QByteArray* comments);

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    bool m_commentsBroken = false;
    bool m_quotesBroken = false;
};

} // namespace threadline::mime
