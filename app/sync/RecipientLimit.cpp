#include "RecipientLimit.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

QString RecipientLimit::skippedReason()
{
    return u"too-many-recipients"_s;
}

int RecipientLimit::count(const imap::Envelope& envelope)
{
    int total = 0;
    for (const QList<imap::Address>* list : {&envelope.to, &envelope.cc, &envelope.bcc}) {
        for (const imap::Address& address : *list) {
            if (!address.isGroupStart() && !address.isGroupEnd())
                ++total;
        }
    }
    return total;
}

} // namespace threadline::sync
