#include "CardTableModel.h"

#include "CardRoles.h"
#include "TextFolding.h"
#include "store/CardListRepository.h"

#include <QLocale>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

QList<CardTableModel::Column> columnsFor(crm::CardKind kind)
{
    using C = CardTableModel::Column;
    switch (kind) {
    case crm::CardKind::Lead:
        return {C::Name, C::Company, C::LastEmail, C::Threads, C::Email, C::Status, C::Source};
    case crm::CardKind::Contact:
        return {C::Name, C::Company, C::LastEmail, C::Threads, C::Email, C::Phone};
    case crm::CardKind::Deal:
        return {C::Name, C::Stage, C::Value, C::ExpectedClose, C::LastEmail, C::Threads};
    }
    return {};
}

} // namespace

CardTableModel::CardTableModel(crm::CardKind kind, const QSqlDatabase& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_kind(kind)
    , m_db(db)
    , m_columns(columnsFor(kind))
{
    reload();
}

bool CardTableModel::reload()
{
    auto result = store::CardListRepository(m_db).rows(m_kind);
    if (!result) {
        Q_EMIT loadFailed(result.error().message);
        return false;
    }
    beginResetModel();
    m_rows = std::move(result.value());
    m_filterTexts.clear();
    m_filterTexts.reserve(m_rows.size());
    for (const store::CardListRow& row : std::as_const(m_rows))
        m_filterTexts.append(filterText(row));
    rebuildIndex();
    endResetModel();
    return true;
}

void CardTableModel::rebuildIndex()
{
    m_rowOfCard.clear();
    m_rowOfCard.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_rowOfCard.insert(m_rows[i].id, i);
}

void CardTableModel::applyChanges(const QList<qint64>& changedCardIds)
{
    if (changedCardIds.isEmpty())
        return;
    QList<qint64> ids = changedCardIds;
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    auto result = store::CardListRepository(m_db).rows(ids);
    if (!result) {
        Q_EMIT loadFailed(result.error().message);
        return;
    }
    QHash<qint64, const store::CardListRow*> fresh;
    for (const store::CardListRow& row : result.value())
        fresh.insert(row.id, &row);

    // Cards gone, or no longer of this kind, leave; from the bottom so rows stay valid.
    QList<int> removed;
    for (qint64 id : std::as_const(ids)) {
        const auto it = m_rowOfCard.constFind(id);
        const store::CardListRow* row = fresh.value(id);
        if (it != m_rowOfCard.cend() && (!row || row->kind != m_kind))
            removed << *it;
    }
    std::sort(removed.begin(), removed.end(), std::greater<>());
    for (int row : std::as_const(removed)) {
        beginRemoveRows({}, row, row);
        m_rows.removeAt(row);
        m_filterTexts.removeAt(row);
        endRemoveRows();
    }
    if (!removed.isEmpty())
        rebuildIndex();

    QList<const store::CardListRow*> added;
    for (qint64 id : std::as_const(ids)) {
        const store::CardListRow* row = fresh.value(id);
        if (!row || row->kind != m_kind)
            continue;
        const auto it = m_rowOfCard.constFind(id);
        if (it == m_rowOfCard.cend()) {
            added << row;
            continue;
        }
        const int index = *it;
        if (m_rows[index] == *row)
            continue;
        m_rows[index] = *row;
        m_filterTexts[index] = filterText(*row);
        Q_EMIT dataChanged(this->index(index, 0), this->index(index, columnCount() - 1));
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const store::CardListRow* row : std::as_const(added)) {
            m_rowOfCard.insert(row->id, int(m_rows.size()));
            m_rows.append(*row);
            m_filterTexts.append(filterText(*row));
        }
        endInsertRows();
    }
}

QModelIndex CardTableModel::indexOfCard(qint64 cardId, int column) const
{
    const auto it = m_rowOfCard.constFind(cardId);
    return it == m_rowOfCard.cend() ? QModelIndex() : index(*it, column);
}

int CardTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CardTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant CardTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return {};
    const Column column = m_columns[section];
    if (role == Qt::TextAlignmentRole && (column == Column::Value || column == Column::Threads))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (column) {
    case Column::Name:
        return tr("Name");
    case Column::Company:
        return m_kind == crm::CardKind::Lead ? tr("Company") : tr("Organisation");
    case Column::Email:
        return tr("Email");
    case Column::Phone:
        return tr("Phone");
    case Column::Status:
        return tr("Status");
    case Column::Source:
        return tr("Source");
    case Column::Stage:
        return tr("Stage");
    case Column::Value:
        return tr("Value");
    case Column::ExpectedClose:
        return tr("Expected close");
    case Column::Threads:
        return tr("Threads");
    case Column::LastEmail:
        return tr("Last email");
    }
    return {};
}

QVariant CardTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= m_columns.size())
        return {};
    const store::CardListRow& row = m_rows[index.row()];
    const Column column = m_columns[index.column()];
    switch (role) {
    case Qt::DisplayRole:
        return display(row, column);
    case Qt::ToolTipRole:
        if (column == Column::LastEmail && row.lastEmail.isValid())
            return QLocale().toString(row.lastEmail.toLocalTime(), QLocale::LongFormat);
        return {};
    case Qt::TextAlignmentRole:
        if (column == Column::Value || column == Column::Threads)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case CardIdRole:
        return row.id;
    case CardKindRole:
        return int(row.kind);
    case SortRole:
        return sortKey(row, column);
    case FilterRole:
        return m_filterTexts[index.row()];
    }
    return {};
}

QVariant CardTableModel::display(const store::CardListRow& row, Column column) const
{
    switch (column) {
    case Column::Name:
        return row.name;
    case Column::Company:
        return row.kind == crm::CardKind::Contact &&
                       row.contactKind == crm::ContactKind::Organisation
                   ? QString()
                   : row.company;
    case Column::Email:
        return row.email;
    case Column::Phone:
        return row.phone;
    case Column::Status:
        return row.converted ? tr("Converted") : crm::leadStatusDisplayName(row.leadStatus);
    case Column::Source:
        return row.source;
    case Column::Stage:
        return crm::dealStageDisplayName(row.stage);
    case Column::Value:
        return QLocale().toCurrencyString(double(row.valueMinor) / 100.0, row.currency);
    case Column::ExpectedClose:
        return row.expectedClose.isValid()
                   ? QLocale().toString(row.expectedClose, QLocale::ShortFormat)
                   : QString();
    case Column::Threads:
        return row.threadCount == 0 ? QString() : QString::number(row.threadCount);
    case Column::LastEmail:
        return row.lastEmail.isValid()
                   ? QLocale().toString(row.lastEmail.toLocalTime().date(), QLocale::ShortFormat)
                   : QString();
    }
    return {};
}

QVariant CardTableModel::sortKey(const store::CardListRow& row, Column column) const
{
    // Numbers and dates sort by value; text by the proxy's locale-aware comparison.
    switch (column) {
    case Column::Status:
        return row.converted ? 100 : int(row.leadStatus);
    case Column::Stage:
        return int(row.stage);
    case Column::Value:
        return row.valueMinor;
    case Column::ExpectedClose:
        return row.expectedClose.isValid() ? row.expectedClose.toJulianDay()
                                           : std::numeric_limits<qint64>::min();
    case Column::Threads:
        return row.threadCount;
    case Column::LastEmail:
        return row.lastEmail.isValid() ? row.lastEmail.toSecsSinceEpoch() : qint64(0);
    default:
        return display(row, column);
    }
}

QString CardTableModel::filterText(const store::CardListRow& row) const
{
    QStringList parts{row.name, row.company, row.email, row.phone, row.source};
    switch (m_kind) {
    case crm::CardKind::Lead:
        parts << display(row, Column::Status).toString() << row.title;
        break;
    case crm::CardKind::Contact:
        break;
    case crm::CardKind::Deal:
        parts << display(row, Column::Stage).toString();
        break;
    }
    return foldForMatching(parts.join(u'\n'));
}

} // namespace threadline::ui
