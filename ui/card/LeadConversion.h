#pragma once

#include "crm/Deal.h"

#include <QString>
#include <optional>

namespace threadline::ui {

// What "Convert to contact…" makes of a lead: a contact (its addresses and phones come from
// the lead) and, if asked, a deal with that contact.
struct LeadConversion
{
    QString contactName;
    QString organisation;
    std::optional<crm::Deal> deal; // contactIds are filled in by the conversion
};

} // namespace threadline::ui
