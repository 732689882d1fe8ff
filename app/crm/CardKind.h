#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace threadline::crm {

// The three kinds of CRM card; the key is what the database stores.
enum class CardKind
{
    Lead,
    Contact,
    Deal,
};

QList<CardKind> allCardKinds();
QString cardKindKey(CardKind value);
std::optional<CardKind> cardKindFromKey(const QString& key);
// The translated name shown to the user.
QString cardKindDisplayName(CardKind value);

} // namespace threadline::crm
