#pragma once

#include <QString>
#include <QStringList>

namespace threadline::store {

// Where the server holds one copy of a message: a folder and a UID valid under one
// UIDVALIDITY (RFC 3501 §2.3.1.1), with its flags and CONDSTORE mod-sequence (RFC 7162).
struct MessageLocation
{
    QString folder;
    quint32 uidValidity = 0;
    quint32 uid = 0;
    QStringList flags;
    quint64 modSeq = 0;

    friend bool operator==(const MessageLocation&, const MessageLocation&) = default;
};

} // namespace threadline::store
