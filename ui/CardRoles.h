#pragma once

#include <Qt>

namespace threadline::ui {

// Item roles the card models offer beyond display text; views bind only to these.
enum CardRole
{
    CardIdRole = Qt::UserRole + 1,
    CardKindRole,
    SortRole, // a value that sorts naturally (numbers, dates) where the text would not
};

} // namespace threadline::ui
