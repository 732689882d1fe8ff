#include "Migrations.h"

#include "Transaction.h"

#include <QSqlError>
#include <QSqlQuery>
#include <array>
#include <span>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// Version 1: cards, mail, links and sync state.
constexpr std::array version1{
    uR"(CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('lead', 'contact', 'deal')),
        name TEXT NOT NULL,
        company TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        lead_status TEXT,
        source TEXT NOT NULL DEFAULT '',
        contact_kind TEXT,
        address TEXT NOT NULL DEFAULT '',
        stage TEXT,
        value_minor INTEGER,
        currency TEXT,
        close_date TEXT,
        converted_to INTEGER REFERENCES cards(id) ON DELETE SET NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL))",
    uR"(CREATE INDEX cards_kind_name ON cards(kind, name))",
    uR"(CREATE TABLE card_emails (
        card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        PRIMARY KEY (card_id, email_norm)) WITHOUT ROWID)",
    uR"(CREATE INDEX card_emails_norm ON card_emails(email_norm))",
    uR"(CREATE TABLE card_phones (
        card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        phone TEXT NOT NULL,
        PRIMARY KEY (card_id, position)) WITHOUT ROWID)",
    uR"(CREATE TABLE deal_contacts (
        deal_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        contact_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        PRIMARY KEY (deal_id, contact_id)) WITHOUT ROWID)",
    uR"(CREATE INDEX deal_contacts_contact ON deal_contacts(contact_id))",
    // A conversation. subject is the earliest message's, subject_key the same without reply
    // prefixes (the subject fallback of the threader looks it up); participants is the display
    // list of senders; dates are seconds since the epoch, 0 when unknown. A thread whose messages
    // all left the server is kept, empty, only while a link decision (detached or manual) is
    // attached to it.
    uR"(CREATE TABLE threads (
        id INTEGER PRIMARY KEY,
        subject TEXT NOT NULL DEFAULT '',
        subject_key TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT '',
        first_date INTEGER NOT NULL DEFAULT 0,
        last_date INTEGER NOT NULL DEFAULT 0,
        message_count INTEGER NOT NULL DEFAULT 0))",
    uR"(CREATE INDEX threads_last_date ON threads(last_date))",
    uR"(CREATE INDEX threads_subject_key ON threads(subject_key, last_date))",
    // One row per message, however many folders hold a copy (INBOX and Sent share a
    // Message-ID when the user cc'd themself). message_key is the Message-ID, or a digest of
    // the headers when a message has none. date is the Date header, else the internal date.
    // thread_reason says how the message found its thread (new, reply-chain, subject).
    uR"(CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        message_key TEXT NOT NULL UNIQUE,
        message_id TEXT NOT NULL DEFAULT '',
        thread_id INTEGER REFERENCES threads(id) ON DELETE SET NULL,
        thread_reason TEXT NOT NULL DEFAULT '',
        in_reply_to TEXT NOT NULL DEFAULT '',
        references_ids TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        from_name TEXT NOT NULL DEFAULT '',
        from_email TEXT NOT NULL DEFAULT '',
        participants TEXT NOT NULL DEFAULT '',
        date INTEGER,
        internal_date INTEGER,
        size INTEGER NOT NULL DEFAULT 0,
        body_text TEXT NOT NULL DEFAULT '',
        body_html TEXT,
        has_attachments INTEGER NOT NULL DEFAULT 0,
        is_outgoing INTEGER NOT NULL DEFAULT 0,
        is_dropbox INTEGER NOT NULL DEFAULT 0,
        parse_problems TEXT NOT NULL DEFAULT ''))",
    uR"(CREATE INDEX messages_thread ON messages(thread_id, date))",
    uR"(CREATE INDEX messages_message_id ON messages(message_id))",
    uR"(CREATE INDEX messages_date ON messages(date))",
    uR"(CREATE TABLE message_addresses (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'delivered-to')),
        position INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        PRIMARY KEY (message_id, role, position)) WITHOUT ROWID)",
    uR"(CREATE INDEX message_addresses_norm ON message_addresses(email_norm))",
    // Every id of In-Reply-To and References (RFC 5322 §3.6.4), indexed by the id referred
    // to: a reply stored before its parent is found again when the parent arrives.
    uR"(CREATE TABLE message_references (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        referenced_id TEXT NOT NULL,
        PRIMARY KEY (message_id, referenced_id)) WITHOUT ROWID)",
    uR"(CREATE INDEX message_references_referenced ON message_references(referenced_id))",
    // A message no synced folder holds any more leaves its key and thread behind, so that
    // the message coming back (moved back from the trash) or a reply to it rejoins the same
    // thread and meets the decisions taken on it.
    uR"(CREATE TABLE message_tombstones (
        message_key TEXT PRIMARY KEY,
        thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        removed_at INTEGER NOT NULL) WITHOUT ROWID)",
    uR"(CREATE INDEX message_tombstones_thread ON message_tombstones(thread_id))",
    uR"(CREATE TABLE message_locations (
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        uidvalidity INTEGER NOT NULL,
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        flags TEXT NOT NULL DEFAULT '',
        modseq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (folder, uid)) WITHOUT ROWID)",
    uR"(CREATE INDEX message_locations_message ON message_locations(message_id))",
    uR"(CREATE TABLE attachments (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        part TEXT NOT NULL,
        filename TEXT NOT NULL DEFAULT '',
        mime_type TEXT NOT NULL DEFAULT '',
        size INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (message_id, part)) WITHOUT ROWID)",
    // A link ties a card to a whole thread (message_id NULL) or to one message of it
    // (thread_id is then the message's thread, kept in step when threads merge). Detaching
    // keeps the row with state 'detached': that is the sticky decision later replies must
    // respect. detail is what made it (the matched address, the replied-to message).
    uR"(CREATE TABLE links (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
        thread_id INTEGER NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
        message_id INTEGER REFERENCES messages(id) ON DELETE CASCADE,
        origin TEXT NOT NULL CHECK (origin IN ('address', 'reply', 'dropbox', 'manual')),
        state TEXT NOT NULL CHECK (state IN ('attached', 'detached')),
        detail TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL))",
    uR"(CREATE UNIQUE INDEX links_card_thread ON links(card_id, thread_id) WHERE message_id IS NULL)",
    uR"(CREATE UNIQUE INDEX links_card_message ON links(card_id, message_id) WHERE message_id IS NOT NULL)",
    uR"(CREATE INDEX links_card ON links(card_id, thread_id))",
    uR"(CREATE INDEX links_thread ON links(thread_id, state))",
    uR"(CREATE INDEX links_message ON links(message_id))",
    uR"(CREATE TABLE folder_state (
        folder TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('inbox', 'sent')),
        uidvalidity INTEGER,
        uidnext INTEGER,
        highestmodseq INTEGER,
        last_sync INTEGER))",
    // DESIGN.md sync rule 3: of a skipped message only what explains its absence is kept.
    uR"(CREATE TABLE skipped_messages (
        folder TEXT NOT NULL,
        uid INTEGER NOT NULL,
        uidvalidity INTEGER NOT NULL,
        reason TEXT NOT NULL,
        date INTEGER,
        sender TEXT NOT NULL DEFAULT '',
        subject TEXT NOT NULL DEFAULT '',
        recipient_count INTEGER,
        recorded_at INTEGER NOT NULL,
        PRIMARY KEY (folder, uid)) WITHOUT ROWID)",
    uR"(CREATE TABLE blocklist (
        pattern TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('address', 'domain'))) WITHOUT ROWID)",
};

// Version 2: full-text search over mail and cards. Mail is indexed as external content (the
// text lives once, in messages); cards keep their own small copy because their searchable
// text spans several tables.
constexpr std::array version2{
    uR"(CREATE VIRTUAL TABLE message_fts USING fts5(
        subject, participants, body_text,
        content = 'messages', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'))",
    uR"(CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO message_fts(rowid, subject, participants, body_text)
        VALUES (new.id, new.subject, new.participants, new.body_text);
        END)",
    uR"(CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO message_fts(message_fts, rowid, subject, participants, body_text)
        VALUES ('delete', old.id, old.subject, old.participants, old.body_text);
        END)",
    uR"(CREATE TRIGGER messages_fts_update AFTER UPDATE OF subject, participants, body_text ON messages BEGIN
        INSERT INTO message_fts(message_fts, rowid, subject, participants, body_text)
        VALUES ('delete', old.id, old.subject, old.participants, old.body_text);
        INSERT INTO message_fts(rowid, subject, participants, body_text)
        VALUES (new.id, new.subject, new.participants, new.body_text);
        END)",
    uR"(INSERT INTO message_fts(message_fts) VALUES ('rebuild'))",
    uR"(CREATE VIRTUAL TABLE card_fts USING fts5(
        name, details, tokenize = 'unicode61 remove_diacritics 2'))",
    uR"(INSERT INTO card_fts(rowid, name, details)
        SELECT c.id, c.name,
               c.company || ' ' || c.title || ' ' || c.address || ' ' || c.source || ' '
               || coalesce((SELECT group_concat(e.email, ' ') FROM card_emails e WHERE e.card_id = c.id), '')
               || ' '
               || coalesce((SELECT group_concat(p.phone, ' ') FROM card_phones p WHERE p.card_id = c.id), '')
        FROM cards c)",
};

// Version 3: new mail is indexed by MessageRepository::storeBatch, one statement per batch.
// The per-row insert trigger made SQLite open a statement savepoint on the FTS5 table for
// every message, and FTS5 writes its pending terms out as a new segment at each savepoint:
// one segment per message, merged again and again (most of the initial sync's time).
constexpr std::array version3{
    uR"(DROP TRIGGER messages_fts_insert)",
};

// Version 4: a message is found by its Message-ID through message_key, which is that id
// whenever the message has one (MessageRecord::storageKey), so the second index on the same
// text only cost every insert a random B-tree write.
constexpr std::array version4{
    uR"(DROP INDEX messages_message_id)",
};

// Version 5: the role check of message_addresses as comparisons. SQLite evaluates a CHECK
// with `IN (…)` of more than two values by building a temporary b-tree of the list for every
// row written (a CHECK cannot keep it), which cost more than the row itself: each stored
// message writes about three addresses. The same rule, the same rows; a CHECK cannot be
// altered, so the table is rebuilt (https://sqlite.org/lang_altertable.html#otheralter).
constexpr std::array version5{
    uR"(CREATE TABLE message_addresses_v5 (
        message_id INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role = 'from' OR role = 'sender' OR role = 'reply-to'
                                  OR role = 'to' OR role = 'cc' OR role = 'bcc'
                                  OR role = 'delivered-to'),
        position INTEGER NOT NULL,
        name TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL,
        email_norm TEXT NOT NULL,
        PRIMARY KEY (message_id, role, position)) WITHOUT ROWID)",
    uR"(INSERT INTO message_addresses_v5 (message_id, role, position, name, email, email_norm)
        SELECT message_id, role, position, name, email, email_norm FROM message_addresses)",
    uR"(DROP TABLE message_addresses)",
    uR"(ALTER TABLE message_addresses_v5 RENAME TO message_addresses)",
    uR"(CREATE INDEX message_addresses_norm ON message_addresses(email_norm))",
};

// Version 6: the mail's full-text index moves to a file of its own, written by its own
// thread (SearchIndex, SearchIndexer), so the sync's writer no longer indexes inside its
// transactions. The store keeps the queue of what to index: new messages are appended by
// MessageRepository::storeBatch in the transaction that stores them, changed and deleted
// ones by these triggers. AUTOINCREMENT: the index remembers the last entry it handled, so an
// entry number must never come back after the queue was emptied.
constexpr std::array version6{
    uR"(DROP TRIGGER messages_fts_delete)",
    uR"(DROP TRIGGER messages_fts_update)",
    uR"(DROP TABLE message_fts)",
    uR"(CREATE TABLE search_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id INTEGER NOT NULL))",
    uR"(CREATE TRIGGER messages_search_delete AFTER DELETE ON messages BEGIN
        INSERT INTO search_queue (message_id) VALUES (old.id);
        END)",
    uR"(CREATE TRIGGER messages_search_update
        AFTER UPDATE OF subject, participants, body_text ON messages BEGIN
        INSERT INTO search_queue (message_id) VALUES (new.id);
        END)",
};

// Version 7: messages_date goes. Every query ordering messages by date does so within one
// thread (the card's thread view, the untracked sender's newest message), which
// messages_thread (thread_id, date) serves; the index only cost every stored message a write.
constexpr std::array version7{
    uR"(DROP INDEX messages_date)",
};

const std::array<std::span<const char16_t* const>, 7> allMigrations{
    std::span<const char16_t* const>(version1), std::span<const char16_t* const>(version2),
    std::span<const char16_t* const>(version3), std::span<const char16_t* const>(version4),
    std::span<const char16_t* const>(version5), std::span<const char16_t* const>(version6),
    std::span<const char16_t* const>(version7),
};

bool exec(const QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = query.lastError().text() + u" — in: "_s + sql.left(120);
    return false;
}

} // namespace

int Migrations::latestVersion()
{
    return int(allMigrations.size());
}

int Migrations::currentVersion(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT version FROM schema_version"_s) || !query.next())
        return 0;
    return query.value(0).toInt();
}

std::optional<StoreError> Migrations::migrate(const QSqlDatabase& db, int targetVersion)
{
    if (targetVersion < 0)
        targetVersion = latestVersion();
    QString error;
    if (!exec(db, u"CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"_s,
              &error))
        return StoreError{StoreError::Code::MigrationFailed, error};

    const int current = currentVersion(db);
    if (current > latestVersion()) {
        return StoreError{
            StoreError::Code::NewerSchema,
            u"database schema version %1 is newer than this program's %2"_s.arg(current).arg(
                latestVersion())};
    }
    for (int version = current + 1; version <= targetVersion; ++version) {
        Transaction transaction(db);
        if (!transaction.isActive())
            return StoreError{StoreError::Code::MigrationFailed, u"cannot begin a transaction"_s};
        for (const char16_t* statement : allMigrations[std::size_t(version - 1)]) {
            if (!exec(db, QString::fromUtf16(statement), &error))
                return StoreError{StoreError::Code::MigrationFailed,
                                  u"migration %1: %2"_s.arg(version).arg(error)};
        }
        const QString bump = version == 1
                                 ? u"INSERT INTO schema_version (version) VALUES (1)"_s
                                 : u"UPDATE schema_version SET version = %1"_s.arg(version);
        if (!exec(db, bump, &error) || !transaction.commit())
            return StoreError{StoreError::Code::MigrationFailed,
                              u"migration %1: %2"_s.arg(version).arg(error)};
    }
    return std::nullopt;
}

} // namespace threadline::store
