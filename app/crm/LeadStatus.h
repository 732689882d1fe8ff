#pragma once

#include <QList>
#include <QString>
#include <optional>

namespace threadline::crm {

// Where a lead stands before it is converted.
enum class LeadStatus
{
    New,
    Contacted,
    Qualified,
    Unqualified,
};

QList<LeadStatus> allLeadStatuss();
QString leadStatusKey(LeadStatus value);
std::optional<LeadStatus> leadStatusFromKey(const QString& key);
// The translated name shown to the user.
QString leadStatusDisplayName(LeadStatus value);

} // namespace threadline::crm
