#pragma once

#include "CardField.h"

#include <QString>

namespace threadline::ui {

// One validation failure: the field it is about and the translated explanation shown beside it.
struct FieldError
{
    CardField field = CardField::Name;
    QString message;

    friend bool operator==(const FieldError&, const FieldError&) = default;
};

} // namespace threadline::ui
