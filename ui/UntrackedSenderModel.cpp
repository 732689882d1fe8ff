#include "UntrackedSenderModel.h"

#include "CardRoles.h"
#include "store/LinkRepository.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum Column
{
    NameColumn,
    EmailColumn,
    ThreadsColumn,
    LastColumn,
    ColumnCount
};

// How far ensureListed() reads on before it adds the row on top instead.
constexpr int maxRowsToSearch = 1000;

} // namespace

UntrackedSenderModel::UntrackedSenderModel(const QSqlDatabase& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

void UntrackedSenderModel::setOwnAddresses(const QStringList& addresses)
{
    m_ownAddresses = addresses;
}

bool UntrackedSenderModel::reload()
{
    const int wanted = qMax(pageSize, m_loaded);
    auto result = store::LinkRepository(m_db).untrackedSenders(wanted, 0, m_ownAddresses);
    if (!result) {
        Q_EMIT loadFailed(result.error().message);
        return false;
    }
    beginResetModel();
    m_senders = std::move(result.value());
    m_loaded = int(m_senders.size());
    m_atEnd = m_loaded < wanted;
    endResetModel();
    return true;
}

const store::UntrackedSender* UntrackedSenderModel::sender(int row) const
{
    return row >= 0 && row < m_senders.size() ? &m_senders[row] : nullptr;
}

int UntrackedSenderModel::rowOfEmail(const QString& email) const
{
    const QString key = email.toLower();
    for (int i = 0; i < m_senders.size(); ++i) {
        if (m_senders[i].email == key)
            return i;
    }
    return -1;
}

int UntrackedSenderModel::ensureListed(const store::UntrackedSender& sender)
{
    int row = rowOfEmail(sender.email);
    while (row < 0 && !m_atEnd && m_senders.size() < maxRowsToSearch) {
        fetchMore({});
        row = rowOfEmail(sender.email);
    }
    if (row >= 0)
        return row;
    beginInsertRows({}, 0, 0);
    m_senders.prepend(sender);
    endInsertRows();
    return 0;
}

int UntrackedSenderModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_senders.size());
}

int UntrackedSenderModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UntrackedSenderModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case EmailColumn:
        return tr("Email");
    case ThreadsColumn:
        return tr("Threads");
    case LastColumn:
        return tr("Last email");
    }
    return {};
}

QVariant UntrackedSenderModel::data(const QModelIndex& index, int role) const
{
    const store::UntrackedSender* row = sender(index.row());
    if (!index.isValid() || !row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return row->name.isEmpty() ? row->email : row->name;
        case EmailColumn:
            return row->email;
        case ThreadsColumn:
            return row->threadCount >= store::LinkRepository::untrackedCountCap
                       ? tr("%1+").arg(store::LinkRepository::untrackedCountCap)
                       : QString::number(row->threadCount);
        case LastColumn:
            return row->lastDate.isValid() ? QLocale().toString(row->lastDate.toLocalTime().date(),
                                                                QLocale::ShortFormat)
                                           : QString();
        }
        return {};
    case Qt::ToolTipRole:
        if (row->cardId != 0)
            return tr("This address is on a card, but this mail was taken off it.");
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == ThreadsColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case EmailRole:
        return row->email;
    case CardIdRole:
        return row->cardId;
    }
    return {};
}

bool UntrackedSenderModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void UntrackedSenderModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    auto result = store::LinkRepository(m_db).untrackedSenders(pageSize, m_loaded, m_ownAddresses);
    if (!result) {
        m_atEnd = true;
        Q_EMIT loadFailed(result.error().message);
        return;
    }
    QList<store::UntrackedSender> page;
    for (store::UntrackedSender& sender : result.value()) {
        if (rowOfEmail(sender.email) < 0) // may have been added on top by ensureListed()
            page.append(std::move(sender));
    }
    m_loaded += int(result.value().size());
    m_atEnd = result.value().size() < pageSize;
    if (page.isEmpty())
        return;
    const int first = int(m_senders.size());
    beginInsertRows({}, first, first + int(page.size()) - 1);
    m_senders += page;
    endInsertRows();
}

} // namespace threadline::ui
