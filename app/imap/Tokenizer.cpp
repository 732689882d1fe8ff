#include "imap/Tokenizer.h"

#include <QLatin1StringView>
#include <cstring>
#include <limits>

namespace threadline::imap {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

char toUpperAscii(char c)
{
    return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
}

bool isNameChar(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || isDigit(c) || c == '.' || c == '-' ||
           c == '_';
}

} // namespace

Tokenizer::Tokenizer(QByteArrayView data, const Limits& limits)
    : m_data(data)
    , m_limits(limits)
{}

void Tokenizer::fail(ParseError::Code code, const char* message)
{
    if (m_failed) {
        return;
    }
    m_failed = true;
    m_error.code = code;
    m_error.message = QLatin1StringView(message);
    m_error.offset = m_pos;
}

bool Tokenizer::isAtomChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
        return true;
    }
    if (u <= 0x1f || u == 0x7f) {
        return false;
    }
    switch (c) {
    case '(':
    case ')':
    case '{':
    case ' ':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']':
        return false;
    default:
        return true;
    }
}

bool Tokenizer::atLineEnd() const
{
    const char c = peek();
    return atEnd() || c == '\r' || c == '\n';
}

bool Tokenizer::consume(char c)
{
    if (m_failed || atEnd() || m_data[m_pos] != c) {
        return false;
    }
    ++m_pos;
    return true;
}

void Tokenizer::expect(char c)
{
    if (!consume(c)) {
        switch (c) {
        case '(':
            fail(ParseError::Code::Malformed, "expected '('");
            break;
        case ')':
            fail(ParseError::Code::Malformed, "expected ')'");
            break;
        case ']':
            fail(ParseError::Code::Malformed, "expected ']'");
            break;
        default:
            fail(ParseError::Code::Malformed, "unexpected character");
            break;
        }
    }
}

void Tokenizer::expectSpace()
{
    if (!skipSpaces()) {
        fail(ParseError::Code::Malformed, "expected a space");
    }
}

bool Tokenizer::skipSpaces()
{
    if (m_failed) {
        return false;
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && m_data[m_pos] == ' ') {
        ++m_pos;
    }
    return m_pos > start;
}

bool Tokenizer::consumeKeyword(QByteArrayView upperKeyword)
{
    if (m_failed || m_data.size() - m_pos < upperKeyword.size()) {
        return false;
    }
    for (qsizetype i = 0; i < upperKeyword.size(); ++i) {
        if (toUpperAscii(m_data[m_pos + i]) != upperKeyword[i]) {
            return false;
        }
    }
    if (isAtomChar(peekAt(upperKeyword.size()))) {
        return false;
    }
    m_pos += upperKeyword.size();
    return true;
}

bool Tokenizer::atNil() const
{
    return !m_failed && toUpperAscii(peek()) == 'N' && toUpperAscii(peekAt(1)) == 'I' &&
           toUpperAscii(peekAt(2)) == 'L' && !isAtomChar(peekAt(3));
}

bool Tokenizer::consumeNil()
{
    if (!atNil()) {
        return false;
    }
    m_pos += 3;
    return true;
}

QByteArrayView Tokenizer::atom()
{
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && isAtomChar(m_data[m_pos])) {
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected an atom");
        return {};
    }
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Tokenizer::flag()
{
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    if (consume('\\')) {
        if (consume('*')) {
            return m_data.sliced(start, 2);
        }
    }
    atom();
    return m_failed ? QByteArrayView() : m_data.sliced(start, m_pos - start);
}

QByteArrayView Tokenizer::name()
{
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && isNameChar(m_data[m_pos])) {
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected a name");
        return {};
    }
    return m_data.sliced(start, m_pos - start);
}

quint32 Tokenizer::number()
{
    const quint64 value = number64();
    if (value > std::numeric_limits<quint32>::max()) {
        fail(ParseError::Code::Malformed, "number out of range");
        return 0;
    }
    return quint32(value);
}

quint64 Tokenizer::number64()
{
    if (m_failed) {
        return 0;
    }
    const qsizetype start = m_pos;
    quint64 value = 0;
    constexpr quint64 max = quint64(std::numeric_limits<qint64>::max());
    while (m_pos < m_data.size() && isDigit(m_data[m_pos])) {
        const auto digit = quint64(m_data[m_pos] - '0');
        if (value > (max - digit) / 10) {
            fail(ParseError::Code::Malformed, "number out of range");
            return 0;
        }
        value = value * 10 + digit;
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected a number");
        return 0;
    }
    return value;
}

QByteArrayView Tokenizer::literal()
{
    // literal = "{" number ["+"] "}" CRLF *CHAR8, literal8 = "~{" ... (RFC 3516).
    consume('~');
    expect('{');
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    quint64 size = 0;
    while (m_pos < m_data.size() && isDigit(m_data[m_pos])) {
        size = size * 10 + quint64(m_data[m_pos] - '0');
        if (size > quint64(m_limits.maxLiteralSize)) {
            fail(ParseError::Code::LiteralTooLarge, "literal larger than the limit");
            return {};
        }
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected a literal size");
        return {};
    }
    consume('+');
    expect('}');
    if (!consume('\r')) {
        // A bare LF is accepted like everywhere else.
    }
    if (!consume('\n')) {
        fail(ParseError::Code::Malformed, "expected a line end after the literal size");
        return {};
    }
    if (quint64(m_data.size() - m_pos) < size) {
        fail(ParseError::Code::Malformed, "literal runs past the end of the response");
        return {};
    }
    const QByteArrayView view = m_data.sliced(m_pos, qsizetype(size));
    m_pos += qsizetype(size);
    return view;
}

QByteArrayView Tokenizer::quoted(bool* needsUnescape)
{
    expect('"');
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    const char* data = m_data.data();
    const qsizetype size = m_data.size();
    qsizetype i = m_pos;
    while (i < size) {
        const char c = data[i];
        if (c == '"') {
            break;
        }
        if (c == '\\') {
            *needsUnescape = true;
            i += 2;
            continue;
        }
        if (c == '\r' || c == '\n') {
            m_pos = i;
            fail(ParseError::Code::Malformed, "line end inside a quoted string");
            return {};
        }
        ++i;
    }
    if (i >= size) {
        m_pos = size;
        fail(ParseError::Code::Malformed, "unterminated quoted string");
        return {};
    }
    m_pos = i + 1;
    return m_data.sliced(start, i - start);
}

QByteArrayView Tokenizer::stringView(bool* needsUnescape)
{
    *needsUnescape = false;
    const char c = peek();
    if (m_failed) {
        return {};
    }
    if (c == '"') {
        return quoted(needsUnescape);
    }
    if (c == '{' || (c == '~' && peekAt(1) == '{')) {
        return literal();
    }
    fail(ParseError::Code::Malformed, "expected a string");
    return {};
}

QByteArray Tokenizer::unescapeQuoted(QByteArrayView quoted)
{
    QByteArray out;
    out.reserve(quoted.size());
    for (qsizetype i = 0; i < quoted.size(); ++i) {
        // RFC 3501 §9 only escapes '"' and '\'; anything else after '\' is kept as is.
        if (quoted[i] == '\\' && i + 1 < quoted.size()) {
            ++i;
        }
        out += quoted[i];
    }
    return out;
}

QByteArray Tokenizer::string()
{
    bool needsUnescape = false;
    const QByteArrayView view = stringView(&needsUnescape);
    if (m_failed) {
        return {};
    }
    return needsUnescape ? unescapeQuoted(view) : view.toByteArray();
}

QByteArray Tokenizer::nstring()
{
    if (consumeNil()) {
        return {};
    }
    return string();
}

QByteArray Tokenizer::astring()
{
    if (m_failed) {
        return {};
    }
    const char c = peek();
    if (c == '"' || c == '{' || (c == '~' && peekAt(1) == '{')) {
        return string();
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && (isAtomChar(m_data[m_pos]) || m_data[m_pos] == ']')) {
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected an astring");
        return {};
    }
    return m_data.sliced(start, m_pos - start).toByteArray();
}

QByteArrayView Tokenizer::restOfLine()
{
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && m_data[m_pos] != '\r' && m_data[m_pos] != '\n') {
        ++m_pos;
    }
    return m_data.sliced(start, m_pos - start);
}

QByteArrayView Tokenizer::readUntil(char stop)
{
    if (m_failed) {
        return {};
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size() && m_data[m_pos] != stop && m_data[m_pos] != '\r' &&
           m_data[m_pos] != '\n') {
        ++m_pos;
    }
    return m_data.sliced(start, m_pos - start);
}

SequenceSet Tokenizer::sequenceSet()
{
    SequenceSet set;
    auto seqNumber = [this] {
        if (consume('*')) {
            return SequenceSet::Star;
        }
        return number();
    };
    do {
        const quint32 first = seqNumber();
        const quint32 last = consume(':') ? seqNumber() : first;
        if (m_failed) {
            return {};
        }
        set.append(first, last);
    } while (consume(','));
    return set;
}

void Tokenizer::enterList()
{
    expect('(');
    if (!m_failed && ++m_depth > m_limits.maxNestingDepth) {
        fail(ParseError::Code::NestingTooDeep, "lists nested deeper than the limit");
    }
}

void Tokenizer::leaveList()
{
    expect(')');
    --m_depth;
}

void Tokenizer::skipValue()
{
    if (m_failed) {
        return;
    }
    const char c = peek();
    if (c == '(') {
        enterList();
        while (ok()) {
            skipSpaces();
            if (peek() == ')') {
                break;
            }
            if (atLineEnd()) {
                fail(ParseError::Code::Malformed, "unterminated list");
                break;
            }
            skipValue();
        }
        leaveList();
        return;
    }
    if (c == '"' || c == '{' || (c == '~' && peekAt(1) == '{')) {
        bool needsUnescape = false;
        stringView(&needsUnescape);
        return;
    }
    const qsizetype start = m_pos;
    while (m_pos < m_data.size()) {
        const char d = m_data[m_pos];
        if (d == ' ' || d == '(' || d == ')' || d == '"' || d == '\r' || d == '\n') {
            break;
        }
        ++m_pos;
    }
    if (m_pos == start) {
        fail(ParseError::Code::Malformed, "expected a value");
    }
}

void Tokenizer::expectLineEnd()
{
    if (m_failed) {
        return;
    }
    skipSpaces();
    if (consume('\r')) {
        if (!consume('\n')) {
            fail(ParseError::Code::Malformed, "CR without LF");
            return;
        }
    } else if (!consume('\n') && !atEnd()) {
        fail(ParseError::Code::Malformed, "expected the end of the line");
        return;
    }
    if (!atEnd()) {
        fail(ParseError::Code::Malformed, "data after the end of the response");
    }
}

} // namespace threadline::imap
