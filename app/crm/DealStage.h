#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace threadline::crm {

// The sales pipeline a deal moves through, in order.
enum class DealStage
{
    Incoming,
    Qualified,
    Quote,
    Closure,
    Won,
    Unqualified,
    Lost,
};

QList<DealStage> allDealStages();
QString dealStageKey(DealStage value);
std::optional<DealStage> dealStageFromKey(const QString& key);
// The translated name shown to the user.
QString dealStageDisplayName(DealStage value);

} // namespace threadline::crm
