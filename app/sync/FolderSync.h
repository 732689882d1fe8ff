#pragma once

#include "ChunkCommit.h"
#include "MatchPolicy.h"
#include "ResyncPlan.h"
#include "SyncProgress.h"
#include "SyncSummary.h"
#include "imap/FetchRequest.h"
#include "imap/FetchResponse.h"
#include "imap/SelectedMailbox.h"
#include "imap/SessionError.h"
#include "net/ErrorCode.h"
#include "store/ChangeSet.h"
#include "store/FolderState.h"
#include "store/MessageRecord.h"
#include "store/MessageRepository.h"
#include "store/SkippedMessage.h"
#include "store/SyncLedger.h"

#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <deque>
#include <map>
#include <optional>

namespace threadline::imap {
class ImapSession;
}

namespace threadline::sync {

class ChunkWriter;

// Brings one folder (INBOX or Sent) up to date on a signed-in session: SELECT, the resync
// decision (ResyncPlan), flag changes and expunges, then the new messages, fetched in
// pipelined chunks (FetchPlanner) and committed chunk by chunk, in UID order, by the
// ChunkWriter on its own thread while the next chunks arrive.
//
// Crash consistency: a chunk's messages, its skipped records and the folder state that says
// "fetched up to here" are one transaction. Whatever is cut (the connection, the process),
// the next run starts after the last committed chunk; a message is never half stored, and
// one fetched twice is found by its storage key, so it is never stored twice. The stored
// HIGHESTMODSEQ moves only when everything below it has been applied.
//
// Lives on the sync thread, used once: start(), then finished() exactly once.
class FolderSync final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FolderSync)

public:
    struct Context
    {
        imap::ImapSession* session = nullptr;
        QSqlDatabase db;
        ChunkWriter* writer = nullptr; // one per worker, shared across folders
        MatchPolicy policy;
        int historyDays = 0;                       // initial listing window; 0 = all mail
        int chunkSize = 500;                       // messages per UID FETCH and per transaction
        int chunksInFlight = 16;                   // SyncOptions::chunksInFlight
        qint64 maxWaitingBytes = 64 * 1024 * 1024; // SyncOptions::maxWaitingBytes
        // Wait for the writer's queue before reading the folder's state: an earlier sync of
        // this folder was cut short and may have left chunks there.
        bool settleFirst = false;
        quint32 wholeMessageBytes = 128 * 1024; // SyncOptions::wholeMessageBytes
    };

    FolderSync(Context context, QString folder, store::FolderState::Role role,
               QObject* parent = nullptr);
    ~FolderSync() override;

    void start();

    const QString& folder() const { return m_folder; }
    const SyncSummary& summary() const { return m_summary; }
    // Set when finished() reported a failure.
    const std::optional<net::UserError>& error() const { return m_error; }
    // The failure came from the connection (retry later) rather than the store or the server.
    bool connectionFailed() const { return m_connectionFailed; }
    // SELECT answered NO (the folder is gone).
    bool folderMissing() const { return m_folderMissing; }
    // An initial listing (first sync or after a UIDVALIDITY change) completed.
    bool completedInitialListing() const { return m_completedInitial; }
    const ResyncPlan& plan() const { return m_plan; }

Q_SIGNALS:
    void progress(const threadline::sync::SyncProgress& progress);
    // Every new message has been fetched and handed to the writer: the session is free for
    // the next folder while this one waits for its last commits. Not emitted on failure.
    void fetched();
    // After each committed transaction: the rows the GUI must refresh.
    void committed(const threadline::store::ChangeSet& changes);
    void finished();

private:
    struct Chunk
    {
        imap::SequenceSet uids;
        quint32 lastUid = 0;
        quint64 size = 0;
        // Every message the server answered for, stored or skipped.
        std::map<quint32, store::MessageLocation> locations;
        // The metadata step of messages fetched in two steps (FetchPlanner).
        std::map<quint32, imap::FetchResponse> metadata;
        std::map<quint32, store::MessageRecord> records;
        QList<store::SkippedMessage> skipped;
        QSet<quint32> awaitingText; // records whose text parts are still to come
        // The fetch of whole messages: done once every UID asked for has come, without
        // waiting for its tagged answer (Dovecot sends that only when the commands pipelined
        // after it are through, which held every commit back by the whole pipeline).
        int wholeExpected = 0;
        int wholeReceived = 0;
        bool wholeDone = false;
        int pendingFetches = 0;
        bool complete = false;
    };

    // Sequence numbers of the barrier start() sends the writer, and of the folder state
    // finish() commits through it.
    static constexpr quint64 barrierSequence = ~quint64(0);
    static constexpr quint64 finalSequence = ~quint64(0) - 1;

    void begin();
    void onSelected(const imap::SelectedMailbox& selected);
    void applySelectChanges();
    void scanFlags();
    void searchExpunges();
    void searchNew();
    void pumpChunks();
    void startChunk(int index);
    void fetchWhole(int index, const imap::SequenceSet& uids);
    // Sends one fetch of chunk `index`; `done` runs once the server has answered it (a NO this
    // sync can live with included), unless the sync is over by then.
    void fetchForChunk(imap::FetchRequest request, int index, void (FolderSync::*done)(int));
    void fetchMetadata(int index, const imap::SequenceSet& uids);
    void onWholeMessage(int index, Chunk& chunk, const imap::FetchResponse& response);
    void onWholeFetchDone(int index);
    void onMetadataDone(int index);
    void onFetchDone(int index);
    void commitReady();
    void submit(Chunk& chunk);
    void onCommitted(const ChunkCommitted& result);
    void finish();
    void complete();

    // One transaction: flags, expunged UIDs (stored UIDs not in `present` when given).
    bool applyChanges(const QList<store::MessageLocation>& flags, const QList<quint32>& vanished);
    QList<quint32> vanishedFrom(const imap::SequenceSet& present);
    store::MessageLocation location(quint32 uid, const imap::FetchResponse& response) const;
    store::FolderState state(quint32 uidNext, quint64 modSeq, const QDateTime& lastSync) const;
    // True (and the fetch goes on) for a tagged NO the sync can live with.
    bool tolerable(const imap::SessionError& error) const;

    void failSession(const imap::SessionError& error);
    void failStore(const store::StoreError& error);
    void fail(const net::UserError& error, bool connection);

    Context m_context;
    QString m_folder;
    store::FolderState::Role m_role;
    store::MessageRepository m_messages;
    store::SyncLedger m_ledger;

    std::optional<store::FolderState> m_stored;
    imap::SelectedMailbox m_selected;
    ResyncPlan m_plan;
    bool m_qresyncUsed = false;
    bool m_condStore = false;
    bool m_lookupKnown = false; // find known messages by key before fetching their text
    imap::SequenceSet m_large;  // new messages too large to fetch whole
    quint64 m_modSeq = 0;       // HIGHESTMODSEQ at SELECT (0: none)
    quint32 m_uidNext = 1;      // committed: every UID below is stored or skipped
    quint32 m_highestSeen = 0;

    QList<imap::SequenceSet> m_plannedChunks;
    std::map<int, Chunk> m_chunks;
    // A chunk handed to the writer, until its answer comes.
    struct Submitted
    {
        quint64 sequence = 0;
        quint32 uidNext = 0;
        int fetched = 0;
        int size = 0;
        int skipped = 0;
        qint64 bytes = 0; // the text its messages hold in memory until committed
    };

    int m_nextChunk = 0;
    // Chunks whose metadata step has not answered yet. No later chunk starts meanwhile: its
    // commands would go out before this chunk's text parts, and the chunk (with its commit)
    // would wait for every chunk in flight.
    int m_awaitingMetadata = 0;
    int m_nextCommit = 0; // next chunk to hand to the writer
    quint64 m_sender = 0; // this instance, for the writer's answers
    quint32 m_uidNextSubmitted = 0;
    std::deque<Submitted> m_submitted;
    qint64 m_waitingBytes = 0; // the sum of m_submitted's bytes
    SyncProgress m_progress;

    SyncSummary m_summary;
    std::optional<net::UserError> m_error;
    bool m_connectionFailed = false;
    bool m_folderMissing = false;
    bool m_completedInitial = false;
    bool m_fetchedSignalled = false;
    bool m_finishing = false; // the final folder state is with the writer
    bool m_done = false;
};

} // namespace threadline::sync
