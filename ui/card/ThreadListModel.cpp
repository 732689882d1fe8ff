#include "ThreadListModel.h"

#include "ThreadRoles.h"
#include "store/CardRepository.h"

#include <QGuiApplication>
#include <QLocale>
#include <QPalette>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

// The store's order (ThreadCursor): last date in seconds, 0 when unknown, then id.
std::pair<qint64, qint64> orderKey(const store::CardThread& row)
{
    const store::ThreadCursor cursor = store::ThreadCursor::after(row.thread);
    return {cursor.lastDate, cursor.threadId};
}

bool newerThan(const store::CardThread& a, const store::CardThread& b)
{
    return orderKey(a) > orderKey(b);
}

std::pair<int, int> rankRange(ThreadListModel::Filter filter)
{
    switch (filter) {
    case ThreadListModel::Filter::Attached:
        return {2, 3};
    case ThreadListModel::Filter::Detached:
        return {0, 1};
    case ThreadListModel::Filter::All:
        break;
    }
    return {0, 3};
}

} // namespace

ThreadListModel::ThreadListModel(const QSqlDatabase& db, QObject* parent)
    : QAbstractTableModel(parent)
    , m_db(db)
    , m_links(db)
{}

void ThreadListModel::setCard(qint64 cardId, Filter filter)
{
    beginResetModel();
    m_cardId = cardId;
    m_filter = filter;
    m_rows.clear();
    m_total = 0;
    m_atEnd = cardId == 0;
    endResetModel();
    if (cardId == 0) {
        emit totalCountChanged(0);
        return;
    }
    updateTotal();
    fetchMore({});
    emit totalCountChanged(m_total);
}

int ThreadListModel::rowOfThread(qint64 threadId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].thread.id == threadId)
            return row;
    }
    return -1;
}

int ThreadListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ThreadListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ThreadListModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd;
}

void ThreadListModel::fetchMore(const QModelIndex& parent)
{
    if (parent.isValid() || m_atEnd)
        return;
    std::optional<store::ThreadCursor> after;
    if (!m_rows.isEmpty())
        after = store::ThreadCursor::after(m_rows.last().thread);
    auto page = m_links.cardThreads(m_cardId, pageSize, after, m_filter);
    if (!page) {
        m_atEnd = true;
        emit loadFailed(page.error().message);
        return;
    }
    m_atEnd = page.value().size() < pageSize;
    if (page.value().isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(page.value().size()) - 1);
    m_rows.append(page.value());
    endInsertRows();
}

std::optional<store::CardThread> ThreadListModel::readThread(qint64 threadId,
                                                             bool* touchesCard) const
{
    *touchesCard = false;
    auto summary = m_links.thread(threadId);
    if (!summary || !summary.value() || summary.value()->messageCount == 0)
        return std::nullopt;
    auto links = m_links.threadLinks(threadId);
    if (!links)
        return std::nullopt;
    // The card's best row decides, ranked as the store ranks it: attached before detached,
    // whole thread before single message.
    int best = -1;
    store::CardThread row;
    row.thread = *summary.value();
    for (const store::ThreadCardLink& link : links.value()) {
        if (link.cardId != m_cardId)
            continue;
        *touchesCard = true;
        const int rank =
            (link.state == store::LinkState::Attached ? 2 : 0) + (link.messageId == 0 ? 1 : 0);
        if (rank <= best)
            continue;
        best = rank;
        row.state = link.state;
        row.origin = link.origin;
        row.detail = link.detail;
        row.wholeThread = link.messageId == 0;
    }
    const auto [low, high] = rankRange(m_filter);
    if (best < low || best > high)
        return std::nullopt;
    return row;
}

int ThreadListModel::insertionRow(const store::CardThread& thread) const
{
    const auto it =
        std::lower_bound(m_rows.cbegin(), m_rows.cend(), thread,
                         [](const store::CardThread& row, const store::CardThread& value) {
                             return newerThan(row, value);
                         });
    return int(it - m_rows.cbegin());
}

void ThreadListModel::refreshThreads(const QList<qint64>& threadIds)
{
    if (m_cardId == 0)
        return;
    // Most threads of a sync batch are not this card's: one query sorts them out.
    QList<qint64> wanted;
    QSet<qint64> done;
    for (qint64 threadId : threadIds) {
        if (!done.contains(threadId)) {
            done.insert(threadId);
            wanted << threadId;
        }
    }
    QSet<qint64> loaded;
    for (const store::CardThread& row : std::as_const(m_rows))
        loaded.insert(row.thread.id);
    const auto linked = store::CardRepository(m_db).threadsLinkedTo(m_cardId, wanted);
    bool countMayChange = false;
    for (qint64 threadId : std::as_const(wanted)) {
        if (linked && !linked.value().contains(threadId) && !loaded.contains(threadId))
            continue;
        bool touchesCard = false;
        const std::optional<store::CardThread> fresh = readThread(threadId, &touchesCard);
        const int existing = loaded.contains(threadId) ? rowOfThread(threadId) : -1;
        if (existing < 0 && !touchesCard)
            continue;
        countMayChange = true;
        if (existing >= 0) {
            // Keep the row where it is when its place in the order did not change.
            if (fresh && orderKey(*fresh) == orderKey(m_rows[existing])) {
                m_rows[existing] = *fresh;
                emit dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
                continue;
            }
            beginRemoveRows({}, existing, existing);
            m_rows.removeAt(existing);
            endRemoveRows();
        }
        if (!fresh)
            continue;
        const int row = insertionRow(*fresh);
        // Past the last loaded row: the next fetchMore() brings it in its place.
        if (row == m_rows.size() && !m_atEnd)
            continue;
        beginInsertRows({}, row, row);
        m_rows.insert(row, *fresh);
        endInsertRows();
    }
    if (countMayChange) {
        const int before = m_total;
        updateTotal();
        if (m_total != before)
            emit totalCountChanged(m_total);
    }
}

void ThreadListModel::updateTotal()
{
    const auto count = m_links.cardThreadCount(m_cardId, m_filter);
    if (count)
        m_total = count.value();
    else
        emit loadFailed(count.error().message);
}

QVariant ThreadListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const store::CardThread& row = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case SubjectColumn:
            return row.thread.subject.isEmpty() ? tr("(no subject)") : row.thread.subject;
        case ParticipantsColumn:
            return row.thread.participants;
        case DateColumn:
            return row.thread.lastDate.isValid()
                       ? QLocale().toString(row.thread.lastDate.toLocalTime(), QLocale::ShortFormat)
                       : QString();
        case CountColumn:
            return row.thread.messageCount;
        case OriginColumn:
            return originText(row);
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == OriginColumn)
            return row.state == store::LinkState::Detached
                       ? tr("Detached from this card; later replies stay off it.")
                       : originText(row);
        if (index.column() == SubjectColumn || index.column() == ParticipantsColumn)
            return data(index, Qt::DisplayRole);
        break;
    case Qt::ForegroundRole:
        if (row.state == store::LinkState::Detached)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == CountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case ThreadIdRole:
        return row.thread.id;
    case LinkStateRole:
        return int(row.state);
    case LinkOriginRole:
        return int(row.origin);
    }
    return {};
}

QVariant ThreadListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case SubjectColumn:
        return tr("Subject");
    case ParticipantsColumn:
        return tr("Participants");
    case DateColumn:
        return tr("Last message");
    case CountColumn:
        return tr("Messages");
    case OriginColumn:
        return tr("Linked by");
    }
    return {};
}

QString ThreadListModel::originText(const store::CardThread& thread)
{
    QString text;
    switch (thread.origin) {
    case store::LinkOrigin::Address:
        text = thread.detail.isEmpty() ? tr("Address") : tr("Address: %1").arg(thread.detail);
        break;
    case store::LinkOrigin::Reply:
        text = tr("Reply chain");
        break;
    case store::LinkOrigin::Dropbox:
        text = tr("BCC dropbox");
        break;
    case store::LinkOrigin::Manual:
        text = tr("Attached by hand");
        break;
    }
    if (!thread.wholeThread)
        text = tr("%1 (some messages)").arg(text);
    return text;
}

} // namespace threadline::ui
