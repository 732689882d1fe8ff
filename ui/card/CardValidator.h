#pragma once

#include "CardDraft.h"
#include "FieldError.h"

#include <QCoreApplication>
#include <QList>
#include <QSqlDatabase>

namespace threadline::ui {

// Checks a draft before it is saved: a name, well-formed addresses, no address owned by
// another card (it would steal that card's mail: rule 5 links by address), a numeric value
// and an ISO 4217-shaped currency. Messages are translated and say what to fix.
class CardValidator final
{
    Q_DECLARE_TR_FUNCTIONS(CardValidator)

public:
    explicit CardValidator(const QSqlDatabase& db);

    // Empty when the draft can be saved. A store failure while looking up owners is not the
    // user's mistake: the save reports it instead.
    QList<FieldError> validate(const CardDraft& draft) const;

    // The rules without the store, for other forms (lead conversion).
    static std::optional<FieldError> checkName(const QString& name);
    static std::optional<FieldError> checkValue(const QString& valueText);
    static std::optional<FieldError> checkCurrency(const QString& valueText,
                                                   const QString& currency);

private:
    QSqlDatabase m_db;
};

} // namespace threadline::ui
