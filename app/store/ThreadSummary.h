#pragma once

#include <QDateTime>
#include <QString>

namespace threadline::store {

// One conversation as lists show it.
struct ThreadSummary
{
    qint64 id = 0;
    QString subject;
    QString participants; // senders' names, first ones first
    QDateTime firstDate;  // invalid when unknown
    QDateTime lastDate;
    int messageCount = 0;
};

} // namespace threadline::store
