#include "DealStage.h"

#include "KeyedEnum.h"

#include <QCoreApplication>

namespace threadline::crm {

namespace {
constexpr KeyedEnum<DealStage, 7> keys{{{
    {DealStage::Incoming, u"incoming"},
    {DealStage::Qualified, u"qualified"},
    {DealStage::Quote, u"quote"},
    {DealStage::Closure, u"closure"},
    {DealStage::Won, u"won"},
    {DealStage::Unqualified, u"unqualified"},
    {DealStage::Lost, u"lost"},
}}};
} // namespace

QList<DealStage> allDealStages()
{
    QList<DealStage> values;
    for (const auto& entry : keys.entries)
        values.append(entry.first);
    return values;
}

QString dealStageKey(DealStage value)
{
    return keys.key(value);
}

std::optional<DealStage> dealStageFromKey(const QString& key)
{
    return keys.fromKey(key);
}

QString dealStageDisplayName(DealStage value)
{
    switch (value) {
    case DealStage::Incoming:
        return QCoreApplication::translate("DealStage", "Incoming");
    case DealStage::Qualified:
        return QCoreApplication::translate("DealStage", "Qualified");
    case DealStage::Quote:
        return QCoreApplication::translate("DealStage", "Quote");
    case DealStage::Closure:
        return QCoreApplication::translate("DealStage", "Closure");
    case DealStage::Won:
        return QCoreApplication::translate("DealStage", "Won");
    case DealStage::Unqualified:
        return QCoreApplication::translate("DealStage", "Unqualified");
    case DealStage::Lost:
        return QCoreApplication::translate("DealStage", "Lost");
    }
    return {};
}

} // namespace threadline::crm
