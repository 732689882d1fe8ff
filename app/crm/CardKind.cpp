#include "CardKind.h"

#include "KeyedEnum.h"

#include <QCoreApplication>

namespace threadline::crm {

namespace {
constexpr KeyedEnum<CardKind, 3> keys{{{
    {CardKind::Lead, u"lead"},
    {CardKind::Contact, u"contact"},
    {CardKind::Deal, u"deal"},
}}};
} // namespace

QList<CardKind> allCardKinds()
{
    QList<CardKind> values;
    for (const auto& entry : keys.entries)
        values.append(entry.first);
    return values;
}

QString cardKindKey(CardKind value)
{
    return keys.key(value);
}

std::optional<CardKind> cardKindFromKey(const QString& key)
{
    return keys.fromKey(key);
}

QString cardKindDisplayName(CardKind value)
{
    switch (value) {
    case CardKind::Lead:
        return QCoreApplication::translate("CardKind", "Lead");
    case CardKind::Contact:
        return QCoreApplication::translate("CardKind", "Contact");
    case CardKind::Deal:
        return QCoreApplication::translate("CardKind", "Deal");
    }
    return {};
}

} // namespace threadline::crm
