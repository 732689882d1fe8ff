#include "LeadStatus.h"

#include "KeyedEnum.h"

#include <QCoreApplication>

namespace threadline::crm {

namespace {
constexpr KeyedEnum<LeadStatus, 4> keys{{{
    {LeadStatus::New, u"new"},
    {LeadStatus::Contacted, u"contacted"},
    {LeadStatus::Qualified, u"qualified"},
    {LeadStatus::Unqualified, u"unqualified"},
}}};
} // namespace

QList<LeadStatus> allLeadStatuss()
{
    QList<LeadStatus> values;
    for (const auto& entry : keys.entries)
        values.append(entry.first);
    return values;
}

QString leadStatusKey(LeadStatus value)
{
    return keys.key(value);
}

std::optional<LeadStatus> leadStatusFromKey(const QString& key)
{
    return keys.fromKey(key);
}

QString leadStatusDisplayName(LeadStatus value)
{
    switch (value) {
    case LeadStatus::New:
        return QCoreApplication::translate("LeadStatus", "New");
    case LeadStatus::Contacted:
        return QCoreApplication::translate("LeadStatus", "Contacted");
    case LeadStatus::Qualified:
        return QCoreApplication::translate("LeadStatus", "Qualified");
    case LeadStatus::Unqualified:
        return QCoreApplication::translate("LeadStatus", "Unqualified");
    }
    return {};
}

} // namespace threadline::crm
