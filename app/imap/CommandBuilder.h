#pragma once

#include "imap/Command.h"
#include "imap/SequenceSet.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QStringView>

namespace threadline::imap {

// Formats one command: "tag NAME arg arg ...\r\n" with each argument quoted the way RFC 3501
// §4 requires, and strings that cannot be quoted sent as literals. Arguments are separated
// by one space, except right after "(" and before ")".
//
//   CommandBuilder(tag, "UID FETCH").sequenceSet(uids).raw("(UID FLAGS)").build()
//   CommandBuilder(tag, "SELECT").mailbox(u"Entwürfe").raw("(CONDSTORE)").build()
class CommandBuilder final
{
public:
    // How literals are announced. RFC 7888: LITERAL+ allows "{n+}" (no waiting) for any
    // size, LITERAL- only up to 4096 bytes.
    enum class LiteralMode
    {
        Synchronizing,
        NonSynchronizing,
        NonSynchronizingUpTo4K
    };

    CommandBuilder(QByteArrayView tag, QByteArrayView name,
                   LiteralMode literalMode = LiteralMode::Synchronizing);

    // Verbatim (the caller guarantees the syntax), e.g. "(UID FLAGS)" or "RETURN (ALL)".
    CommandBuilder& raw(QByteArrayView text);
    CommandBuilder& atom(QByteArrayView atom) { return raw(atom); }
    CommandBuilder& number(quint64 number);
    // A string: quoted when possible, a literal when it holds CR, LF, NUL or 8-bit bytes.
    CommandBuilder& string(QByteArrayView value);
    // An astring: a bare atom when every byte allows it, else as string().
    CommandBuilder& astring(QByteArrayView value);
    CommandBuilder& literal(QByteArrayView value);
    // A mailbox name: INBOX in any case becomes INBOX, others are modified UTF-7 encoded.
    CommandBuilder& mailbox(QStringView name);
    CommandBuilder& sequenceSet(const SequenceSet& set);
    // SEARCH dates: "1-Feb-1994". APPEND date-times: "\"07-Feb-1994 21:52:25 -0800\"".
    CommandBuilder& date(QDate date);
    CommandBuilder& dateTime(const QDateTime& dateTime);
    CommandBuilder& beginList();
    CommandBuilder& endList();

    Command build() const;

private:
    void separate();

    QByteArray m_tag;
    LiteralMode m_literalMode;
    QList<QByteArray> m_segments;
    QByteArray m_current;
    bool m_needsSpace = true;
};

} // namespace threadline::imap
