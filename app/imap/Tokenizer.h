#pragma once

#include "imap/Limits.h"
#include "imap/ParseError.h"
#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QByteArrayView>

namespace threadline::imap {

// The low-level reader of one framed response (RFC 3501 §4 and §9): atoms, numbers,
// quoted strings, literals, lists. Tokens are views into the response; only the strings a
// caller keeps are copied. The first error sticks: later reads return empty values and
// consume nothing, so callers check ok() after a group of reads, and every loop must test
// ok() to end.
class Tokenizer final
{
public:
    Tokenizer(QByteArrayView data, const Limits& limits);

    bool ok() const { return !m_failed; }
    const ParseError& error() const { return m_error; }
    void fail(ParseError::Code code, const char* message);
    qsizetype position() const { return m_pos; }

    char peek() const { return m_pos < m_data.size() ? m_data[m_pos] : '\0'; }
    char peekAt(qsizetype ahead) const
    {
        return m_pos + ahead < m_data.size() ? m_data[m_pos + ahead] : '\0';
    }
    bool atEnd() const { return m_pos >= m_data.size(); }
    // CR, LF or the end of the data is next.
    bool atLineEnd() const;

    bool consume(char c);
    void expect(char c);
    // One or more SP. RFC 3501 wants exactly one; some servers send more.
    void expectSpace();
    bool skipSpaces();
    // A case-insensitive keyword not followed by another atom character.
    bool consumeKeyword(QByteArrayView upperKeyword);
    bool atNil() const;
    bool consumeNil();

    // 1*ATOM-CHAR (bytes >= 0x80 are accepted: servers with UTF8=ACCEPT send them).
    QByteArrayView atom();
    // A flag: "\Seen", "\*", "$Forwarded", "Junk".
    QByteArrayView flag();
    // A FETCH item or response-code name: letters, digits, '.', '-', '_'.
    QByteArrayView name();
    quint32 number();
    quint64 number64();   // mod-sequence-value: at most 2^63 - 1 (RFC 7162 §7)
    QByteArray string();  // quoted or literal
    QByteArray nstring(); // string or NIL (a null QByteArray)
    QByteArray astring(); // atom (ATOM-CHAR and ']') or string
    // What a string would return, without copying when it is a literal or has no escapes.
    QByteArrayView stringView(bool* needsUnescape);
    // The raw bytes up to the line end, for free text and unknown responses.
    QByteArrayView restOfLine();
    // The raw bytes up to `stop` or the line end, whichever comes first.
    QByteArrayView readUntil(char stop);
    SequenceSet sequenceSet();

    // "(" and ")" with the nesting depth counted against Limits::maxNestingDepth.
    void enterList();
    void leaveList();
    // Any atom, number, string or parenthesised list, for data this parser does not use.
    void skipValue();

    // Optional trailing spaces, CRLF (or LF), and nothing after it.
    void expectLineEnd();

    static bool isAtomChar(char c);
    static QByteArray unescapeQuoted(QByteArrayView quoted);

private:
    QByteArrayView literal();
    QByteArrayView quoted(bool* needsUnescape);

    QByteArrayView m_data;
    Limits m_limits;
    qsizetype m_pos = 0;
    int m_depth = 0;
    bool m_failed = false;
    ParseError m_error;
};

} // namespace threadline::imap
