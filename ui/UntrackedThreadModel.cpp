#include "UntrackedThreadModel.h"

#include "CardRoles.h"
#include "store/LinkRepository.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum Column
{
    SubjectColumn,
    ParticipantsColumn,
    MessagesColumn,
    DateColumn,
    ColumnCount
};

} // namespace

UntrackedThreadModel::UntrackedThreadModel(const QSqlDatabase& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
{}

void UntrackedThreadModel::setCorrespondent(const QString& email)
{
    beginResetModel();
    m_email = email;
    m_threads.clear();
    m_atEnd = email.isEmpty();
    endResetModel();
    if (!m_atEnd)
        fetchMore({});
}

const store::ThreadSummary* UntrackedThreadModel::thread(int row) const
{
    return row >= 0 && row < m_threads.size() ? &m_threads[row] : nullptr;
}

int UntrackedThreadModel::findThread(qint64 threadId)
{
    for (int row = 0;; ++row) {
        if (row == m_threads.size()) {
            if (m_atEnd)
                return -1;
            fetchMore({});
            if (row == m_threads.size())
                return -1;
        }
        if (m_threads[row].id == threadId)
            return row;
    }
}

int UntrackedThreadModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_threads.size());
}

int UntrackedThreadModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UntrackedThreadModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case ParticipantsColumn:
        return tr("Participants");
    case MessagesColumn:
        return tr("Messages");
    case DateColumn:
        return tr("Date");
    }
    return {};
}

QVariant UntrackedThreadModel::data(const QModelIndex& index, int role) const
{
    const store::ThreadSummary* row = thread(index.row());
    if (!index.isValid() || !row)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return row->subject.isEmpty() ? tr("(no subject)") : row->subject;
        case ParticipantsColumn:
            return row->participants;
        case MessagesColumn:
            return row->messageCount;
        case DateColumn:
            return row->lastDate.isValid()
                       ? QLocale().toString(row->lastDate.toLocalTime(), QLocale::ShortFormat)
                       : QString();
        }
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == MessagesColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case ThreadIdRole:
        return row->id;
    }
    return {};
}

bool UntrackedThreadModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void UntrackedThreadModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    std::optional<store::ThreadCursor> after;
    if (!m_threads.isEmpty())
        after = store::ThreadCursor::after(m_threads.last());
    auto result = store::LinkRepository(m_db).untrackedThreads(m_email, pageSize, after);
    if (!result) {
        m_atEnd = true;
        Q_EMIT loadFailed(result.error().message);
        return;
    }
    m_atEnd = result.value().size() < pageSize;
    if (result.value().isEmpty())
        return;
    const int first = int(m_threads.size());
    beginInsertRows({}, first, first + int(result.value().size()) - 1);
    m_threads += result.value();
    endInsertRows();
}

} // namespace threadline::ui
