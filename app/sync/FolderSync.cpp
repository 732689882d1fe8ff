#include "FolderSync.h"

#include "ChunkWriter.h"
#include "FetchPlanner.h"
#include "MessageAssembler.h"
#include "RecipientLimit.h"
#include "imap/ImapSession.h"
#include "mime/AddressParser.h"
#include "mime/EncodedWords.h"
#include "mime/MessageDate.h"
#include "mime/MessageParser.h"
#include "store/Transaction.h"

#include <QLoggingCategory>
#include <QPointer>
#include <atomic>
#include <utility>

using namespace Qt::StringLiterals;

namespace threadline::sync {

Q_LOGGING_CATEGORY(lcFolderSync, "threadline.sync.folder", QtWarningMsg)

namespace {

using imap::SequenceSet;

QList<quint32> expand(const SequenceSet& set, quint32 below = SequenceSet::Star)
{
    QList<quint32> out;
    for (const imap::SequenceRange& range : set.ranges()) {
        const quint32 first = qMin(range.first, range.last);
        const quint32 last = qMin(qMax(range.first, range.last), below == 0 ? 0 : below - 1);
        for (quint64 uid = first; uid <= last && uid != 0; ++uid)
            out.append(quint32(uid));
    }
    return out;
}

// The part of `set` at or above `from` (UID SEARCH "n:*" also matches the highest UID when
// it is below n, RFC 3501 §6.4.4 and §9 seq-range).
SequenceSet atLeast(const SequenceSet& set, quint32 from)
{
    SequenceSet out;
    for (const imap::SequenceRange& range : set.ranges()) {
        const quint32 first = qMin(range.first, range.last);
        const quint32 last = qMax(range.first, range.last);
        if (last < from)
            continue;
        out.append(qMax(first, from), last);
    }
    return out;
}

QStringList flagList(const std::optional<QList<QByteArray>>& flags)
{
    QStringList out;
    if (!flags)
        return out;
    for (const QByteArray& flag : *flags) {
        // \Recent belongs to the session that saw the message first (RFC 3501 §2.3.2): stored,
        // it would say only which of the user's clients happened to look first.
        if (flag.compare("\\Recent", Qt::CaseInsensitive) != 0)
            out.append(QString::fromUtf8(flag));
    }
    return out;
}

quint32 highestOf(const SequenceSet& set)
{
    quint32 high = 0;
    for (const imap::SequenceRange& range : set.ranges())
        high = qMax(high, qMax(range.first, range.last));
    return high;
}

store::SkippedMessage skippedRecord(const QString& folder, quint32 uidValidity, quint32 uid,
                                    const imap::FetchResponse& response)
{
    store::SkippedMessage skipped;
    skipped.folder = folder;
    skipped.uidValidity = uidValidity;
    skipped.uid = uid;
    skipped.reason = RecipientLimit::skippedReason();
    const imap::Envelope& envelope = *response.envelope;
    skipped.date = mime::MessageDate::parse(envelope.date);
    if (!skipped.date.isValid())
        skipped.date = response.internalDate.toUTC();
    for (const imap::Address& address : envelope.from) {
        if (!address.isGroupStart() && !address.isGroupEnd()) {
            skipped.sender = QString::fromUtf8(address.email());
            break;
        }
    }
    skipped.subject = mime::EncodedWords::decode(envelope.subject);
    skipped.recipientCount = RecipientLimit::count(envelope);
    return skipped;
}

// The same record from a message fetched whole.
store::SkippedMessage skippedRecord(const QString& folder, quint32 uidValidity, quint32 uid,
                                    const imap::FetchResponse& response,
                                    const mime::ParsedMessage& parsed)
{
    store::SkippedMessage skipped;
    skipped.folder = folder;
    skipped.uidValidity = uidValidity;
    skipped.uid = uid;
    skipped.reason = RecipientLimit::skippedReason();
    skipped.date = parsed.date.isValid() ? parsed.date : response.internalDate.toUTC();
    if (!parsed.from.isEmpty())
        skipped.sender = parsed.from.first().email;
    skipped.subject = parsed.subject;
    skipped.recipientCount = int(parsed.recipientCount());
    return skipped;
}

} // namespace

FolderSync::FolderSync(Context context, QString folder, store::FolderState::Role role,
                       QObject* parent)
    : QObject(parent)
    , m_context(std::move(context))
    , m_folder(std::move(folder))
    , m_role(role)
    , m_messages(m_context.db)
    , m_ledger(m_context.db)
{
    static std::atomic<quint64> instances{0};
    m_sender = ++instances;
    m_summary.folders = QStringList{m_folder};
    m_progress.folder = m_folder;
    connect(m_context.writer, &ChunkWriter::committed, this, &FolderSync::onCommitted);
    connect(m_context.writer, &ChunkWriter::failed, this,
            [this](quint64 sender, quint64, const store::StoreError& error) {
                if (sender == m_sender && !m_done)
                    failStore(error);
            });
}

FolderSync::~FolderSync() = default;

void FolderSync::start()
{
    if (!m_context.settleFirst) {
        begin();
        return;
    }
    // A folder sync cut short (a lost connection) may have left chunks with the writer: they
    // commit before this one reads the folder's state or applies changes to it.
    ChunkCommit barrier;
    barrier.sender = m_sender;
    barrier.sequence = barrierSequence;
    barrier.barrier = true;
    m_context.writer->submit(std::move(barrier));
}

void FolderSync::begin()
{
    if (m_done)
        return;
    const auto stored = m_messages.folderState(m_folder);
    if (!stored) {
        failStore(stored.error());
        return;
    }
    m_stored = stored.value();
    imap::SelectOptions options;
    // EXAMINE: the sync only reads (BODY.PEEK), changes no flag and leaves \Recent to the
    // user's other clients (RFC 3501 §6.3.2); QRESYNC works the same (RFC 7162 §3.2.5).
    options.readOnly = true;
    if (m_stored && m_stored->uidValidity != 0 && m_stored->highestModSeq > 0 &&
        m_context.session->isEnabled("QRESYNC")) {
        // RFC 7162 §3.2.5: the server reports what changed since then while selecting.
        options.qresync =
            imap::QresyncParameters{m_stored->uidValidity, m_stored->highestModSeq, {}};
        m_qresyncUsed = true;
    }
    QPointer<FolderSync> self(this);
    m_context.session->select(m_folder, options,
                              [self](const imap::SessionResult<imap::SelectedMailbox>& result) {
                                  if (!self || self->m_done)
                                      return;
                                  if (!result) {
                                      if (result.error().kind == imap::SessionError::Kind::No)
                                          self->m_folderMissing = true;
                                      self->failSession(result.error());
                                      return;
                                  }
                                  self->onSelected(result.value());
                              });
}

void FolderSync::onSelected(const imap::SelectedMailbox& selected)
{
    m_selected = selected;
    m_condStore = m_context.session->capabilities().condStore() && !selected.noModSeq;
    m_plan = ResyncPlan::decide(m_stored, selected, m_qresyncUsed, m_condStore);
    m_modSeq = selected.noModSeq ? 0 : selected.highestModSeq.value_or(0);
    qCDebug(lcFolderSync) << m_folder << "plan" << ResyncPlan::reasonKey(m_plan.reason) << "exists"
                          << selected.exists << "uidnext" << selected.uidNext.value_or(0)
                          << "modseq" << m_modSeq;

    if (m_plan.forgetUids) {
        // RFC 3501 §2.3.1.1: the old UIDs mean nothing now. The messages stay (with their
        // threads, links and decisions) until the listing below finds them again by key.
        store::Transaction transaction(m_context.db);
        const auto forgotten = m_messages.forgetFolderUids(m_folder);
        if (!forgotten) {
            failStore(forgotten.error());
            return;
        }
        if (auto error = m_messages.setFolderState(state(1, m_modSeq, QDateTime()))) {
            failStore(*error);
            return;
        }
        if (!transaction.commit()) {
            failStore({store::StoreError::Code::QueryFailed, u"commit failed"_s});
            return;
        }
        m_stored = state(1, m_modSeq, QDateTime());
    }
    m_uidNext = m_plan.newFrom;

    // Known messages at new UIDs exist only after the UIDs were forgotten (or while such a
    // listing resumes): only then is each key looked up before fetching the text. A first
    // sync fetches a message twice only for the rare copy in both folders (self-cc).
    if (m_plan.forgetUids || m_plan.reason == ResyncPlan::Reason::ResumeInitial) {
        const auto empty = m_ledger.isEmpty();
        if (!empty) {
            failStore(empty.error());
            return;
        }
        m_lookupKnown = !empty.value();
    }
    applySelectChanges();
}

void FolderSync::applySelectChanges()
{
    if (m_plan.flags == ResyncPlan::Flags::FromSelect ||
        m_plan.expunges == ResyncPlan::Expunges::FromSelect) {
        QList<store::MessageLocation> flags;
        if (m_plan.flags == ResyncPlan::Flags::FromSelect) {
            for (const imap::FetchResponse& changed : std::as_const(m_selected.changed)) {
                if (changed.uid && changed.flags)
                    flags.append(location(*changed.uid, changed));
            }
        }
        QList<quint32> vanished;
        if (m_plan.expunges == ResyncPlan::Expunges::FromSelect)
            vanished = expand(m_selected.vanished, m_plan.knownUidNext);
        if (!applyChanges(flags, vanished))
            return;
    }
    scanFlags();
}

void FolderSync::scanFlags()
{
    if (m_plan.flags != ResyncPlan::Flags::ChangedSince &&
        m_plan.flags != ResyncPlan::Flags::FullScan) {
        searchExpunges();
        return;
    }
    struct Scan
    {
        QList<store::MessageLocation> flags;
        QList<quint32> present;
    };
    auto scan = std::make_shared<Scan>();
    imap::FetchRequest request;
    request.uids = SequenceSet::range(1, m_plan.knownUidNext - 1);
    request.items = {"UID", "FLAGS"};
    if (m_condStore)
        request.items.append("MODSEQ");
    if (m_plan.flags == ResyncPlan::Flags::ChangedSince)
        request.changedSince = m_plan.changedSince; // RFC 7162 §3.1.4.1
    request.onMessage = [this, scan](const imap::FetchResponse& response) {
        if (!response.uid)
            return;
        scan->present.append(*response.uid);
        if (response.flags)
            scan->flags.append(location(*response.uid, response));
    };
    QPointer<FolderSync> self(this);
    m_context.session->uidFetch(
        std::move(request), [self, scan](const imap::SessionResult<imap::StatusResponse>& result) {
            if (!self || self->m_done)
                return;
            if (!result) {
                self->failSession(result.error());
                return;
            }
            QList<quint32> vanished;
            if (self->m_plan.expunges == ResyncPlan::Expunges::FromScan) {
                std::sort(scan->present.begin(), scan->present.end());
                vanished = self->vanishedFrom(SequenceSet::fromSorted(scan->present));
                if (self->m_done)
                    return;
            }
            if (!self->applyChanges(scan->flags, vanished))
                return;
            self->searchExpunges();
        });
}

void FolderSync::searchExpunges()
{
    if (m_plan.expunges != ResyncPlan::Expunges::UidSearch) {
        searchNew();
        return;
    }
    QPointer<FolderSync> self(this);
    m_context.session->uidSearch("UID 1:" + QByteArray::number(m_plan.knownUidNext - 1),
                                 [self](const imap::SessionResult<imap::SearchResult>& result) {
                                     if (!self || self->m_done)
                                         return;
                                     if (!result) {
                                         self->failSession(result.error());
                                         return;
                                     }
                                     const QList<quint32> vanished =
                                         self->vanishedFrom(result.value().uids);
                                     if (self->m_done || !self->applyChanges({}, vanished))
                                         return;
                                     self->searchNew();
                                 });
}

void FolderSync::searchNew()
{
    if (!m_plan.searchNew) {
        finish();
        return;
    }
    QByteArray criteria = "ALL";
    if (m_uidNext > 1)
        criteria = "UID " + QByteArray::number(m_uidNext) + ":*";
    if (m_plan.initial && m_context.historyDays > 0) {
        // SEARCH SINCE compares the internal date, by day (RFC 3501 §6.4.4).
        const QDate since = QDate::currentDate().addDays(-m_context.historyDays);
        criteria = (m_uidNext > 1 ? criteria + ' ' : QByteArray()) +
                   imap::ImapSession::sinceCriteria(since);
    }
    QPointer<FolderSync> self(this);
    // Both searches go out at once; the fetching starts when the second answers.
    struct Answers
    {
        std::optional<SequenceSet> wanted;
        std::optional<SequenceSet> large;
    };
    auto answers = std::make_shared<Answers>();
    const auto plan = [self, answers] {
        if (!answers->wanted || !answers->large)
            return;
        self->m_large = *answers->large;
        const SequenceSet wanted = atLeast(*answers->wanted, self->m_uidNext);
        self->m_plannedChunks = FetchPlanner::chunks(wanted, self->m_context.chunkSize);
        self->m_progress.total = int(wanted.count());
        self->m_progress.done = 0;
        Q_EMIT self->progress(self->m_progress);
        self->pumpChunks();
    };
    if (m_lookupKnown || m_context.wholeMessageBytes == 0) {
        // Every message takes the two steps: a known one then costs no text (FetchPlanner).
        answers->large = SequenceSet::range(1, SequenceSet::Star);
    }
    // Each search's answer goes into its slot of `answers`, then planning is tried.
    const auto into = [self, answers, plan](std::optional<SequenceSet> Answers::*slot) {
        return [self, answers, plan, slot](const imap::SessionResult<imap::SearchResult>& result) {
            if (!self || self->m_done)
                return;
            if (!result) {
                self->failSession(result.error());
                return;
            }
            (*answers).*slot = result.value().uids;
            plan();
        };
    };
    m_context.session->uidSearch(criteria, into(&Answers::wanted));
    if (answers->large)
        return;
    m_context.session->uidSearch(criteria + ' ' +
                                     FetchPlanner::largerKey(m_context.wholeMessageBytes),
                                 into(&Answers::large));
}

void FolderSync::pumpChunks()
{
    if (m_done)
        return;
    // Chunks being fetched and chunks waiting for the writer both count, and so does the text
    // the waiting ones hold: a slow disk holds the fetching back instead of piling parsed
    // mail up in memory.
    const int committed = m_nextCommit - int(m_submitted.size());
    const int active = m_nextChunk - committed;
    int room = FetchPlanner::chunksToStart(active, m_context.chunksInFlight, m_waitingBytes,
                                           m_context.maxWaitingBytes);
    while (room-- > 0 && m_nextChunk < m_plannedChunks.size() && m_awaitingMetadata == 0)
        startChunk(m_nextChunk++);
    if (m_nextCommit == m_plannedChunks.size() && !std::exchange(m_fetchedSignalled, true))
        Q_EMIT fetched();
    if (committed == m_plannedChunks.size())
        finish();
}

void FolderSync::startChunk(int index)
{
    Chunk& chunk = m_chunks[index];
    chunk.uids = m_plannedChunks.at(index);
    chunk.lastUid = highestOf(chunk.uids);
    chunk.size = chunk.uids.count();
    const auto [whole, large] = FetchPlanner::splitBySize(chunk.uids, m_large);
    // Counted before either is sent: a fetch never completes the chunk while the other waits.
    chunk.pendingFetches = int(!whole.isEmpty()) + int(!large.isEmpty());
    if (chunk.pendingFetches == 0) {
        chunk.complete = true;
        commitReady();
        return;
    }
    if (!whole.isEmpty())
        fetchWhole(index, whole);
    if (!large.isEmpty())
        fetchMetadata(index, large);
}

void FolderSync::fetchWhole(int index, const SequenceSet& uids)
{
    imap::FetchRequest request;
    request.uids = uids;
    request.items = FetchPlanner::wholeMessageItems(m_condStore);
    m_chunks[index].wholeExpected = int(uids.count());
    request.onMessage = [this, index](const imap::FetchResponse& response) {
        // Parsed as it arrives, while the next ones are on their way; the raw message is not
        // kept.
        const auto chunk = m_chunks.find(index);
        if (chunk != m_chunks.end() && !chunk->second.wholeDone)
            onWholeMessage(index, chunk->second, response);
    };
    // Messages expunged meanwhile never come: then the tagged answer ends the fetch.
    fetchForChunk(std::move(request), index, &FolderSync::onWholeFetchDone);
}

void FolderSync::fetchForChunk(imap::FetchRequest request, int index, void (FolderSync::*done)(int))
{
    QPointer<FolderSync> self(this);
    m_context.session->uidFetch(
        std::move(request),
        [self, index, done](const imap::SessionResult<imap::StatusResponse>& result) {
            if (!self || self->m_done)
                return;
            if (!result && !self->tolerable(result.error())) {
                self->failSession(result.error());
                return;
            }
            (self.data()->*done)(index);
        });
}

void FolderSync::onWholeFetchDone(int index)
{
    const auto chunk = m_chunks.find(index);
    if (chunk == m_chunks.end() || std::exchange(chunk->second.wholeDone, true))
        return;
    onFetchDone(index);
}

void FolderSync::onWholeMessage(int index, Chunk& chunk, const imap::FetchResponse& response)
{
    const imap::FetchSection* raw = response.section("", "");
    // A message expunged meanwhile may come without its body: it is not stored half.
    if (!response.uid || !raw || raw->data.isNull())
        return;
    const quint32 uid = *response.uid;
    m_highestSeen = qMax(m_highestSeen, uid);
    if (!chunk.locations.try_emplace(uid, location(uid, response)).second)
        return; // the same message twice: the first stands
    const mime::ParsedMessage parsed = mime::MessageParser::parse(raw->data);
    // Sync rule 3: nothing else of such a message is kept.
    if (RecipientLimit::exceeds(parsed))
        chunk.skipped.append(
            skippedRecord(m_folder, m_selected.uidValidity, uid, response, parsed));
    else
        chunk.records.insert_or_assign(
            uid, MessageAssembler::fromWholeMessage(response, parsed, m_context.policy));
    // Last: the chunk may be handed to the writer (and dropped from m_chunks) here.
    if (++chunk.wholeReceived == chunk.wholeExpected)
        onWholeFetchDone(index);
}

void FolderSync::fetchMetadata(int index, const SequenceSet& uids)
{
    imap::FetchRequest request;
    request.uids = uids;
    request.items = FetchPlanner::metadataItems(m_condStore);
    request.onMessage = [this, index](const imap::FetchResponse& response) {
        // Parsed as it arrives; kept until the chunk's text parts are in.
        if (response.uid)
            m_chunks[index].metadata.insert_or_assign(*response.uid, response);
    };
    ++m_awaitingMetadata;
    fetchForChunk(std::move(request), index, &FolderSync::onMetadataDone);
}

void FolderSync::onMetadataDone(int index)
{
    Chunk& chunk = m_chunks[index];
    QList<std::pair<quint32, QList<QByteArray>>> needs;
    QHash<quint32, QString> keys; // known-message lookup: uid -> storage key
    QHash<quint32, QList<QByteArray>> sectionsOf;
    for (auto& [uid, response] : chunk.metadata) {
        m_highestSeen = qMax(m_highestSeen, uid);
        chunk.locations.insert_or_assign(uid, location(uid, response));
        // Sync rule 3, from the ENVELOPE: nothing else of such a message is kept.
        if (response.envelope && RecipientLimit::exceeds(*response.envelope)) {
            chunk.skipped.append(skippedRecord(m_folder, m_selected.uidValidity, uid, response));
            continue;
        }
        QList<MessageAssembler::TextPart> parts;
        store::MessageRecord record = MessageAssembler::build(response, m_context.policy, &parts);
        if (!parts.isEmpty()) {
            const QList<QByteArray> sections = MessageAssembler::sections(parts);
            if (m_lookupKnown) {
                keys.insert(uid, record.storageKey());
                sectionsOf.insert(uid, sections);
            } else {
                needs.append({uid, sections});
            }
        }
        chunk.records.insert_or_assign(uid, std::move(record));
    }
    if (!keys.isEmpty()) {
        // After a UIDVALIDITY change (or resuming a listing) a message known by its key gets
        // its new location without its text fetched again.
        const auto known = m_messages.findByKeys(keys.values());
        if (!known) {
            failStore(known.error());
            return;
        }
        for (auto it = keys.cbegin(); it != keys.cend(); ++it) {
            if (!known.value().contains(it.value()))
                needs.append({it.key(), sectionsOf.value(it.key())});
        }
        std::sort(needs.begin(), needs.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    // A message whose text does not come (expunged meanwhile) is not stored half.
    for (const auto& need : std::as_const(needs))
        chunk.awaitingText.insert(need.first);

    const QList<FetchPlanner::PartFetch> fetches = FetchPlanner::partFetches(needs);
    chunk.pendingFetches += int(fetches.size());
    for (const FetchPlanner::PartFetch& fetch : fetches) {
        imap::FetchRequest request;
        request.uids = fetch.uids;
        for (const QByteArray& section : fetch.sections)
            request.items.append(FetchPlanner::sectionItem(section));
        request.onMessage = [this, index](const imap::FetchResponse& response) {
            // Decoded as it arrives, while the next answers are on their way.
            Chunk& target = m_chunks[index];
            if (!response.uid || !target.awaitingText.remove(*response.uid))
                return;
            const auto record = target.records.find(*response.uid);
            const auto meta = target.metadata.find(*response.uid);
            if (record == target.records.end() || meta == target.metadata.end() ||
                !meta->second.body)
                return;
            QHash<QByteArray, QByteArray> texts;
            for (const imap::FetchSection& section : response.sections) {
                if (section.text.isEmpty())
                    texts.insert(section.part, section.data);
            }
            MessageAssembler::addBody(record->second, *meta->second.body, texts);
        };
        fetchForChunk(std::move(request), index, &FolderSync::onFetchDone);
    }
    // The metadata step itself is done; the next chunks may go out after its text parts.
    --m_awaitingMetadata;
    onFetchDone(index);
    pumpChunks();
}

void FolderSync::onFetchDone(int index)
{
    Chunk& chunk = m_chunks[index];
    if (--chunk.pendingFetches > 0)
        return;
    for (quint32 uid : std::as_const(chunk.awaitingText))
        chunk.records.erase(uid);
    chunk.awaitingText.clear();
    chunk.complete = true;
    commitReady();
}

void FolderSync::commitReady()
{
    while (!m_done && m_nextCommit < m_plannedChunks.size()) {
        const auto it = m_chunks.find(m_nextCommit);
        if (it == m_chunks.end() || !it->second.complete)
            break;
        submit(it->second);
        m_chunks.erase(it);
        ++m_nextCommit;
    }
    pumpChunks();
}

void FolderSync::submit(Chunk& chunk)
{
    ChunkCommit commit;
    commit.sender = m_sender;
    commit.sequence = quint64(m_nextCommit);
    commit.batch.reserve(qsizetype(chunk.records.size()));
    qint64 bytes = 0;
    for (auto& [uid, record] : chunk.records) {
        bytes += (record.textBody.size() + (record.htmlBody ? record.htmlBody->size() : 0)) *
                 qint64(sizeof(QChar));
        commit.batch.append({std::move(record), chunk.locations.at(uid)});
    }
    commit.skipped = std::move(chunk.skipped);

    // The chunk's messages, its skipped records and "fetched up to here" commit together.
    // HIGHESTMODSEQ moves only for an initial listing (nothing older to catch up on);
    // otherwise it waits for finish(), so a cut here replays the changes it stands for.
    const quint32 uidNext = qMax(qMax(m_uidNext, m_uidNextSubmitted), chunk.lastUid + 1);
    m_uidNextSubmitted = uidNext;
    const quint64 modSeq = m_plan.initial ? m_modSeq : (m_stored ? m_stored->highestModSeq : 0);
    const QDateTime lastSync = m_plan.initial || !m_stored ? QDateTime() : m_stored->lastSync;
    commit.state = state(uidNext, modSeq, lastSync);

    m_submitted.push_back({commit.sequence, uidNext, int(chunk.locations.size()), int(chunk.size),
                           int(commit.skipped.size()), bytes});
    m_waitingBytes += bytes;
    m_context.writer->submit(std::move(commit));
}

void FolderSync::onCommitted(const ChunkCommitted& result)
{
    if (result.sender == m_sender && result.sequence == barrierSequence) {
        begin();
        return;
    }
    if (result.sender == m_sender && result.sequence == finalSequence) {
        if (m_finishing && !m_done)
            complete();
        return;
    }
    if (result.sender != m_sender || m_done || m_submitted.empty() ||
        m_submitted.front().sequence != result.sequence)
        return;
    const Submitted chunk = m_submitted.front();
    m_submitted.pop_front();
    m_waitingBytes -= chunk.bytes;
    m_uidNext = chunk.uidNext;

    m_summary.fetched += chunk.fetched;
    m_summary.stored += result.inserted;
    m_summary.linked += result.shownOnCards;
    m_summary.untracked += result.inserted - result.shownOnCards;
    m_summary.relocated += result.messages - result.inserted;
    if (chunk.skipped > 0)
        m_summary.skipped[RecipientLimit::skippedReason()] += chunk.skipped;
    m_progress.done += chunk.size;
    if (!result.changes.isEmpty())
        Q_EMIT committed(result.changes);
    Q_EMIT progress(m_progress);
    pumpChunks();
}

void FolderSync::finish()
{
    if (m_done || m_finishing)
        return;
    if (!std::exchange(m_fetchedSignalled, true))
        Q_EMIT fetched();
    if (m_done)
        return;
    // UIDNEXT as the server said at SELECT; without one (servers may omit it), one past the
    // highest UID seen.
    quint32 uidNext = qMax(m_uidNext, m_highestSeen + 1);
    if (m_selected.uidNext)
        uidNext = qMax(uidNext, *m_selected.uidNext);
    const bool changed = !m_stored || m_plan.initial || m_stored->uidNext != uidNext ||
                         m_stored->highestModSeq != m_modSeq ||
                         m_stored->uidValidity != m_selected.uidValidity ||
                         !m_stored->lastSync.isValid();
    if (!changed) {
        complete();
        return;
    }
    // Through the writer, after this folder's chunks: the next folder's may be committing
    // there now, and the sync thread does not wait for them.
    ChunkCommit last;
    last.sender = m_sender;
    last.sequence = finalSequence;
    last.state = state(uidNext, m_modSeq, QDateTime::currentDateTimeUtc());
    m_finishing = true;
    m_context.writer->submit(std::move(last));
}

void FolderSync::complete()
{
    m_completedInitial = m_plan.initial;
    m_done = true;
    Q_EMIT finished();
}

bool FolderSync::applyChanges(const QList<store::MessageLocation>& flags,
                              const QList<quint32>& vanished)
{
    if (flags.isEmpty() && vanished.isEmpty())
        return true;
    store::Transaction transaction(m_context.db);
    if (!flags.isEmpty()) {
        if (auto error = m_messages.updateFlags(flags)) {
            failStore(*error);
            return false;
        }
    }
    store::ChangeSet changes;
    if (!vanished.isEmpty()) {
        // EXPUNGE / VANISHED (RFC 3501 §7.4.1, RFC 7162 §3.2.10).
        const auto removed = m_messages.removeLocations(m_folder, vanished);
        if (!removed) {
            failStore(removed.error());
            return false;
        }
        changes = removed.value();
        if (auto error = m_ledger.removeSkipped(m_folder, vanished)) {
            failStore(*error);
            return false;
        }
    }
    if (!transaction.commit()) {
        failStore({store::StoreError::Code::QueryFailed, u"commit failed"_s});
        return false;
    }
    m_summary.flagChanges += int(flags.size());
    m_summary.removed += int(vanished.size());
    if (!changes.isEmpty())
        Q_EMIT committed(changes);
    return true;
}

QList<quint32> FolderSync::vanishedFrom(const SequenceSet& present)
{
    const auto stored = m_messages.uids(m_folder);
    if (!stored) {
        failStore(stored.error());
        return {};
    }
    const auto skipped = m_ledger.skippedUids(m_folder);
    if (!skipped) {
        failStore(skipped.error());
        return {};
    }
    QList<quint32> gone;
    for (const QList<quint32>* known : {&stored.value(), &skipped.value()}) {
        for (quint32 uid : *known) {
            if (uid < m_plan.knownUidNext && !present.contains(uid))
                gone.append(uid);
        }
    }
    std::sort(gone.begin(), gone.end());
    return gone;
}

store::MessageLocation FolderSync::location(quint32 uid, const imap::FetchResponse& response) const
{
    return store::MessageLocation{m_folder, m_selected.uidValidity, uid, flagList(response.flags),
                                  response.modSeq.value_or(0)};
}

store::FolderState FolderSync::state(quint32 uidNext, quint64 modSeq,
                                     const QDateTime& lastSync) const
{
    return store::FolderState{m_folder, m_role, m_selected.uidValidity, uidNext, modSeq, lastSync};
}

bool FolderSync::tolerable(const imap::SessionError& error) const
{
    // Messages expunged between SEARCH and FETCH are simply not there (RFC 5530 §3).
    return error.kind == imap::SessionError::Kind::No &&
           error.response.code.kind == imap::ResponseCode::Kind::ExpungeIssued;
}

void FolderSync::failSession(const imap::SessionError& error)
{
    fail(error.error.isError() ? error.error : net::UserError{net::ErrorCode::ProtocolFailure, {}},
         error.kind == imap::SessionError::Kind::Connection);
}

void FolderSync::failStore(const store::StoreError& error)
{
    fail({net::ErrorCode::StorageFailed, error.message}, false);
}

void FolderSync::fail(const net::UserError& error, bool connection)
{
    if (m_done)
        return;
    qCInfo(lcFolderSync) << m_folder << "failed:" << int(error.code) << error.detail;
    m_error = error;
    m_connectionFailed = connection;
    m_done = true;
    Q_EMIT finished();
}

} // namespace threadline::sync
