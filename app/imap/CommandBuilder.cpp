#include "imap/CommandBuilder.h"

#include "imap/InternalDate.h"
#include "imap/ModifiedUtf7.h"
#include "imap/Tokenizer.h"

namespace threadline::imap {

namespace {

// Quoted strings are TEXT-CHAR: 7-bit, no CR, LF or NUL (RFC 3501 §4.3, §9).
bool canQuote(QByteArrayView value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u == 0 || u == '\r' || u == '\n' || u >= 0x80) {
            return false;
        }
    }
    return true;
}

bool isAstringAtom(QByteArrayView value)
{
    if (value.isEmpty()) {
        return false;
    }
    for (const char c : value) {
        if (!(Tokenizer::isAtomChar(c) || c == ']') || static_cast<unsigned char>(c) >= 0x80) {
            return false;
        }
    }
    return true;
}

} // namespace

CommandBuilder::CommandBuilder(QByteArrayView tag, QByteArrayView name, LiteralMode literalMode)
    : m_tag(tag.toByteArray())
    , m_literalMode(literalMode)
{
    m_current.reserve(64);
    m_current += tag;
    m_current += ' ';
    m_current += name;
}

void CommandBuilder::separate()
{
    if (m_needsSpace) {
        m_current += ' ';
    }
    m_needsSpace = true;
}

CommandBuilder& CommandBuilder::raw(QByteArrayView text)
{
    separate();
    m_current += text;
    return *this;
}

CommandBuilder& CommandBuilder::number(quint64 number)
{
    separate();
    m_current += QByteArray::number(number);
    return *this;
}

CommandBuilder& CommandBuilder::string(QByteArrayView value)
{
    if (!canQuote(value)) {
        return literal(value);
    }
    separate();
    m_current += '"';
    for (const char c : value) {
        if (c == '"' || c == '\\') {
            m_current += '\\';
        }
        m_current += c;
    }
    m_current += '"';
    return *this;
}

CommandBuilder& CommandBuilder::astring(QByteArrayView value)
{
    if (isAstringAtom(value)) {
        return raw(value);
    }
    return string(value);
}

CommandBuilder& CommandBuilder::literal(QByteArrayView value)
{
    separate();
    const bool nonSynchronizing =
        m_literalMode == LiteralMode::NonSynchronizing ||
        (m_literalMode == LiteralMode::NonSynchronizingUpTo4K && value.size() <= 4096);
    m_current += '{';
    m_current += QByteArray::number(value.size());
    if (nonSynchronizing) {
        m_current += "+}\r\n";
    } else {
        m_current += "}\r\n";
        m_segments.append(std::move(m_current));
        m_current = QByteArray();
    }
    m_current += value;
    return *this;
}

CommandBuilder& CommandBuilder::mailbox(QStringView name)
{
    if (name.compare(QLatin1StringView("INBOX"), Qt::CaseInsensitive) == 0) {
        return raw("INBOX");
    }
    return astring(ModifiedUtf7::encode(name));
}

CommandBuilder& CommandBuilder::sequenceSet(const SequenceSet& set)
{
    return raw(set.toByteArray());
}

CommandBuilder& CommandBuilder::date(QDate date)
{
    return raw(InternalDate::formatDate(date));
}

CommandBuilder& CommandBuilder::dateTime(const QDateTime& dateTime)
{
    return string(InternalDate::format(dateTime));
}

CommandBuilder& CommandBuilder::beginList()
{
    separate();
    m_current += '(';
    m_needsSpace = false;
    return *this;
}

CommandBuilder& CommandBuilder::endList()
{
    m_current += ')';
    m_needsSpace = true;
    return *this;
}

Command CommandBuilder::build() const
{
    Command command{m_tag, m_segments};
    command.segments.append(m_current + "\r\n");
    return command;
}

} // namespace threadline::imap
