#pragma once

#include "crm/CardKind.h"
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>
#include <variant>

namespace threadline::ui {

// One table of cards of one kind (leads, contacts or deals), read from the store.
class CardTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardTableModel)

public:
    CardTableModel(crm::CardKind kind, const QSqlDatabase& db, QObject* parent = nullptr);

    crm::CardKind kind() const { return m_kind; }
    // Reads the cards again; returns false (and keeps the old rows) if the store failed.
    bool reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant leadData(const crm::Lead& lead, int column, int role) const;
    QVariant contactData(const crm::Contact& contact, int column, int role) const;
    QVariant dealData(const crm::Deal& deal, int column, int role) const;

    crm::CardKind m_kind;
    QSqlDatabase m_db;
    std::variant<QList<crm::Lead>, QList<crm::Contact>, QList<crm::Deal>> m_cards;
};

} // namespace threadline::ui
