#include "CardTableModel.h"

#include "CardRoles.h"
#include "store/CardRepository.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

QString firstEmail(const QList<crm::EmailAddress>& emails)
{
    return emails.isEmpty() ? QString() : emails.first().written();
}

} // namespace

CardTableModel::CardTableModel(crm::CardKind kind, const QSqlDatabase& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_db(db)
{
    reload();
}

bool CardTableModel::reload()
{
    store::CardRepository repository(m_db);
    bool ok = false;
    auto replace = [&](auto result) {
        if (!result)
            return;
        beginResetModel();
        m_cards = std::move(result.value());
        endResetModel();
        ok = true;
    };
    switch (m_kind) {
    case crm::CardKind::Lead:
        replace(repository.leads());
        break;
    case crm::CardKind::Contact:
        replace(repository.contacts());
        break;
    case crm::CardKind::Deal:
        replace(repository.deals());
        break;
    }
    return ok;
}

int CardTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    return std::visit([](const auto& cards) { return int(cards.size()); }, m_cards);
}

int CardTableModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid())
        return 0;
    switch (m_kind) {
    case crm::CardKind::Lead:
        return 5;
    case crm::CardKind::Contact:
        return 4;
    case crm::CardKind::Deal:
        return 4;
    }
    return 0;
}

QVariant CardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (m_kind) {
    case crm::CardKind::Lead: {
        const QString titles[] = {tr("Name"), tr("Company"), tr("Email"), tr("Status"),
                                  tr("Source")};
        return section < 5 ? titles[section] : QVariant();
    }
    case crm::CardKind::Contact: {
        const QString titles[] = {tr("Name"), tr("Organisation"), tr("Email"), tr("Phone")};
        return section < 4 ? titles[section] : QVariant();
    }
    case crm::CardKind::Deal: {
        const QString titles[] = {tr("Name"), tr("Stage"), tr("Value"), tr("Expected close")};
        return section < 4 ? titles[section] : QVariant();
    }
    }
    return {};
}

QVariant CardTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    return std::visit(
        [&](const auto& cards) -> QVariant {
            const auto& card = cards[index.row()];
            if (role == CardIdRole)
                return card.id;
            if (role == CardKindRole)
                return QVariant::fromValue(int(m_kind));
            using Card = std::decay_t<decltype(card)>;
            if constexpr (std::is_same_v<Card, crm::Lead>)
                return leadData(card, index.column(), role);
            else if constexpr (std::is_same_v<Card, crm::Contact>)
                return contactData(card, index.column(), role);
            else
                return dealData(card, index.column(), role);
        },
        m_cards);
}

QVariant CardTableModel::leadData(const crm::Lead& lead, int column, int role) const
{
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case 0:
        return lead.name;
    case 1:
        return lead.company;
    case 2:
        return firstEmail(lead.emails);
    case 3:
        return role == SortRole ? QVariant(int(lead.status))
                                : QVariant(crm::leadStatusDisplayName(lead.status));
    case 4:
        return lead.source;
    }
    return {};
}

QVariant CardTableModel::contactData(const crm::Contact& contact, int column, int role) const
{
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case 0:
        return contact.name;
    case 1:
        return contact.kind == crm::ContactKind::Organisation ? QString() : contact.organisation;
    case 2:
        return firstEmail(contact.emails);
    case 3:
        return contact.phones.value(0);
    }
    return {};
}

QVariant CardTableModel::dealData(const crm::Deal& deal, int column, int role) const
{
    if (role == Qt::TextAlignmentRole && column == 2)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    switch (column) {
    case 0:
        return deal.name;
    case 1:
        return role == SortRole ? QVariant(int(deal.stage))
                                : QVariant(crm::dealStageDisplayName(deal.stage));
    case 2:
        if (role == SortRole)
            return deal.value.minorUnits;
        return QLocale().toCurrencyString(double(deal.value.minorUnits) / 100.0,
                                          deal.value.currency);
    case 3:
        if (role == SortRole)
            return deal.expectedClose;
        return QLocale().toString(deal.expectedClose, QLocale::ShortFormat);
    }
    return {};
}

} // namespace threadline::ui
