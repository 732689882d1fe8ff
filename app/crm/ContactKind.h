#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace threadline::crm {

// A contact is a person or an organisation.
enum class ContactKind
{
    Person,
    Organisation,
};

QList<ContactKind> allContactKinds();
QString contactKindKey(ContactKind value);
std::optional<ContactKind> contactKindFromKey(const QString& key);
// The translated name shown to the user.
QString contactKindDisplayName(ContactKind value);

} // namespace threadline::crm
