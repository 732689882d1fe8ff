#pragma once

#include <QDateTime>
#include <QString>

namespace threadline::store {

// A correspondent of mail that is linked to no card: the sender of received mail, the
// recipients of sent mail. "Add as lead/contact" starts from here.
struct UntrackedSender
{
    QString email; // lowercased
    QString name;  // as last written
    int threadCount = 0;
    QDateTime lastDate;
    qint64 cardId = 0; // a card owning the address already (its mail was detached), or 0
};

} // namespace threadline::store
