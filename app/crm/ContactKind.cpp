#include "ContactKind.h"

#include "KeyedEnum.h"

#include <QCoreApplication>

namespace threadline::crm {

namespace {
constexpr KeyedEnum<ContactKind, 2> keys{{{
    {ContactKind::Person, u"person"},
    {ContactKind::Organisation, u"organisation"},
}}};
} // namespace

QList<ContactKind> allContactKinds()
{
    QList<ContactKind> values;
    for (const auto& entry : keys.entries)
        values.append(entry.first);
    return values;
}

QString contactKindKey(ContactKind value)
{
    return keys.key(value);
}

std::optional<ContactKind> contactKindFromKey(const QString& key)
{
    return keys.fromKey(key);
}

QString contactKindDisplayName(ContactKind value)
{
    switch (value) {
    case ContactKind::Person:
        return QCoreApplication::translate("ContactKind", "Person");
    case ContactKind::Organisation:
        return QCoreApplication::translate("ContactKind", "Organisation");
    }
    return {};
}

} // namespace threadline::crm
