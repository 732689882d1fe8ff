#pragma once

#include <QSet>

namespace threadline::store {

// The rows a write changed, so item models update those rows only (no reset after a batch).
struct ChangeSet
{
    QSet<qint64> cards;          // cards whose thread list changed
    QSet<qint64> threads;        // threads created or changed (messages, subject, links)
    QSet<qint64> removedThreads; // threads that no longer exist (merged into another, or empty)

    bool isEmpty() const
    {
        return cards.isEmpty() && threads.isEmpty() && removedThreads.isEmpty();
    }

    ChangeSet& operator+=(const ChangeSet& other)
    {
        cards.unite(other.cards);
        threads.unite(other.threads);
        removedThreads.unite(other.removedThreads);
        threads.subtract(removedThreads);
        return *this;
    }
};

} // namespace threadline::store
