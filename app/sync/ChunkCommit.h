#pragma once

#include "store/ChangeSet.h"
#include "store/FolderState.h"
#include "store/MessageRepository.h"
#include "store/SkippedMessage.h"

#include <QList>
#include <QMetaType>

namespace threadline::sync {

// One fetched chunk of a folder, as FolderSync hands it to the ChunkWriter: its messages,
// its skipped records and the folder state that says "fetched up to here", committed as one
// transaction. `sender` and `sequence` let the answer find its way back. A barrier writes
// nothing: its answer says every chunk submitted before it is committed.
struct ChunkCommit
{
    quint64 sender = 0;
    quint64 sequence = 0;
    bool barrier = false;
    store::MessageRepository::Batch batch;
    QList<store::SkippedMessage> skipped;
    store::FolderState state;
};

// The answer to one ChunkCommit: what storing it did, and how many of its new messages
// landed on a card (the rest are untracked). Counts, not the stored messages themselves: the
// answer crosses to the sync thread, and strings made on the store thread would be freed
// there, through the store thread's malloc arena.
struct ChunkCommitted
{
    quint64 sender = 0;
    quint64 sequence = 0;
    int messages = 0; // the chunk's messages stored or found stored
    int inserted = 0; // of them, new to the store
    store::ChangeSet changes;
    int shownOnCards = 0;
};

} // namespace threadline::sync

Q_DECLARE_METATYPE(threadline::sync::ChunkCommitted)
