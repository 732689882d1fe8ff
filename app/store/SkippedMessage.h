#pragma once

#include <QDateTime>
#include <QString>

namespace threadline::store {

// A message the sync did not store, with only what explains its absence (sync rule 3).
struct SkippedMessage
{
    QString folder;
    quint32 uidValidity = 0;
    quint32 uid = 0;
    QString reason; // a stable key chosen by the sync, e.g. "too-many-recipients"
    QDateTime date;
    QString sender;
    QString subject;
    int recipientCount = 0;
};

} // namespace threadline::store
