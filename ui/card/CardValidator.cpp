#include "CardValidator.h"

#include "store/CardRepository.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

QString ownedMessage(const QString& email, const store::CardRef& owner)
{
    switch (owner.kind) {
    case crm::CardKind::Lead:
        return CardValidator::tr("%1 already belongs to the lead “%2”.").arg(email, owner.name);
    case crm::CardKind::Contact:
        return CardValidator::tr("%1 already belongs to the contact “%2”.").arg(email, owner.name);
    case crm::CardKind::Deal:
        break;
    }
    return CardValidator::tr("%1 already belongs to the deal “%2”.").arg(email, owner.name);
}

} // namespace

CardValidator::CardValidator(const QSqlDatabase& db)
    : m_db(db)
{}

std::optional<FieldError> CardValidator::checkName(const QString& name)
{
    if (name.trimmed().isEmpty())
        return FieldError{CardField::Name, tr("Enter a name.")};
    return std::nullopt;
}

std::optional<FieldError> CardValidator::checkValue(const QString& valueText)
{
    if (!CardDraft::parseAmount(valueText))
        return FieldError{CardField::Value,
                          tr("The value must be a number, such as 12500 or 12500.50.")};
    return std::nullopt;
}

std::optional<FieldError> CardValidator::checkCurrency(const QString& valueText,
                                                       const QString& currency)
{
    static const QRegularExpression isoCode(u"^[A-Za-z]{3}$"_s);
    const QString code = currency.trimmed();
    if (code.isEmpty() && valueText.trimmed().isEmpty())
        return std::nullopt;
    if (!isoCode.match(code).hasMatch())
        return FieldError{CardField::Currency,
                          tr("Choose a currency: a three-letter code such as EUR or USD.")};
    return std::nullopt;
}

QList<FieldError> CardValidator::validate(const CardDraft& draft) const
{
    QList<FieldError> errors;
    if (auto error = checkName(draft.name))
        errors << *error;

    if (draft.kind != crm::CardKind::Deal) {
        QStringList problems;
        QSet<QString> seen;
        store::CardRepository cards(m_db);
        for (const QString& written : draft.emails) {
            const crm::EmailAddress email(written);
            if (!email.isValid()) {
                problems << tr("“%1” is not a valid email address.").arg(written);
                continue;
            }
            if (seen.contains(email.normalized())) {
                problems << tr("%1 is listed twice.").arg(email.written());
                continue;
            }
            seen.insert(email.normalized());
            const auto owners = cards.emailOwners(email, draft.id);
            if (owners && !owners.value().isEmpty())
                problems << ownedMessage(email.written(), owners.value().first());
        }
        if (!problems.isEmpty())
            errors << FieldError{CardField::Emails, problems.join(u'\n')};
    } else {
        if (auto error = checkValue(draft.valueText))
            errors << *error;
        if (auto error = checkCurrency(draft.valueText, draft.currency))
            errors << *error;
    }
    return errors;
}

} // namespace threadline::ui
