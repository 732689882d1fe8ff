#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDateTime>

namespace threadline::mime {

// The Date header (RFC 5322 §3.3) and the obsolete forms of §4.3 that real mail still
// carries: two- and three-digit years, named zones (UT, GMT, EST...; military letters
// count as -0000), missing seconds, day-of-week or zone; also asctime() and ISO 8601
// dates some scripts write, and common abbreviations such as CET or CEST.
class MessageDate final
{
public:
    MessageDate() = delete;

    // The instant in UTC, or an invalid QDateTime when no date can be read.
    static QDateTime parse(QByteArrayView value);
    // "Tue, 04 Mar 2025 10:00:00 +0100" in the offset `dateTime` carries.
    static QByteArray format(const QDateTime& dateTime);
};

} // namespace threadline::mime
