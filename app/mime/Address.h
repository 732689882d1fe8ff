#pragma once

#include <QList>
#include <QString>

namespace threadline::mime {

// One mailbox from an address header, as written. Emails compare case-insensitively
// downstream through normalized(); plus-tags and dots are meaningful and kept.
struct Address
{
    QString name;  // display name, decoded; empty when there is none
    QString email; // addr-spec as written (no angle brackets)

    // The email lowercased: the key addresses are compared by.
    QString normalized() const { return email.toLower(); }
    bool isEmpty() const { return email.isEmpty(); }
    // "Name <email>" or "email", for display.
    QString toDisplayString() const;

    friend bool operator==(const Address&, const Address&) = default;
};

using AddressList = QList<Address>;

} // namespace threadline::mime

// Two QStrings, each relocatable: a growing AddressList moves its bytes instead of
// move-constructing every element.
Q_DECLARE_TYPEINFO(threadline::mime::Address, Q_RELOCATABLE_TYPE);
