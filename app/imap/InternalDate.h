#pragma once

#include <QByteArray>
#include <QDate>
#include <QDateTime>

namespace threadline::imap {

// IMAP's date forms (RFC 3501 §9): date-time "17-Jul-1996 02:44:25 -0700" for INTERNALDATE
// and APPEND, date "1-Feb-1994" for SEARCH SINCE/BEFORE. English month names, whatever the
// locale.
class InternalDate final
{
public:
    // An invalid QDateTime when the text is not a date-time.
    static QDateTime parse(QByteArrayView text);
    // The date-time in its own UTC offset, without quotes.
    static QByteArray format(const QDateTime& dateTime);
    static QByteArray formatDate(QDate date);
};

} // namespace threadline::imap
