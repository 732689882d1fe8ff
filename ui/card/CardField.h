#pragma once

namespace threadline::ui {

// The editable fields of a card, across the three kinds; validation errors name one.
enum class CardField
{
    Name,
    Company, // a lead's company, a person's organisation
    Title,
    Emails,
    Phones,
    Status,
    Source,
    ContactKind,
    Address,
    Contacts,
    Stage,
    Value,
    Currency,
    CloseDate,
};

} // namespace threadline::ui
