#pragma once

#include "MatchPolicy.h"
#include "store/ChangeSet.h"
#include "store/LinkOrigin.h"
#include "store/LinkRepository.h"
#include "store/Result.h"
#include "store/Statement.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

namespace threadline::sync {

// Links mail to cards (DESIGN.md sync rules 5–10) and applies the user's attach/detach
// decisions. Works on one connection: the sync thread's for linkMessages(), the GUI
// thread's for the user's actions; each call is one short transaction (a savepoint inside
// the caller's). Every call returns the cards and threads whose rows changed.
//
// Automatic links are whole-thread links: a lead or contact owning an address of one
// message shows the whole conversation. Rules:
//  5  every lead/contact owning an address in From/To/Cc/Bcc, the user's own addresses
//     excepted (compared lowercased, plus-tags and dots as written) — origin "address";
//  6  deals get mail only by the user attaching a thread (later replies join the thread, so
//     they show on the deal with nothing to do per message: the message's thread_reason says
//     why) or one message (then each reply naming it gets a single-message link, origin
//     "reply", unless the card has a decision about the whole thread);
//  8  mail delivered to the dropbox address is marked outgoing and links by its recipients
//     only — origin "dropbox";
//  9  a message with a blocklisted participant (the policy's lists plus the blocklist
//     table) links to nothing; so does a message whose participants other than the user
//     are all coworkers (the user's domain);
//  7  a card that has any row for a thread (or message) — attached or detached — is left as
//     it is: automatic linking only ever adds rows, never flips a decision.
// Manual attach/detach work the same for every card kind.
class Matcher final
{
public:
    Matcher(const QSqlDatabase& db, MatchPolicy policy);

    // A message to link. When the batch has just written it whole (`written`), it says its
    // thread, dropbox flag and addresses as stored (role key and email_norm, in the table's
    // order: role, then position), and linking reads none of them back.
    struct Message
    {
        qint64 id = 0;
        bool written = false;
        qint64 threadId = 0;
        bool dropbox = false;
        QList<std::pair<QString, QString>> addresses;
    };

    // After a batch is stored and threaded: links these messages, in order.
    store::Result<store::ChangeSet> linkMessages(const QList<qint64>& messageIds);
    store::Result<store::ChangeSet> linkBatch(const QList<Message>& messages);
    // After a card is created or its addresses changed: links the stored mail of its
    // addresses, and drops its automatic links no address of it explains any more
    // (decisions stay).
    store::Result<store::ChangeSet> linkCard(qint64 cardId);

    // One click each; attaching re-attaches a detached link (origin becomes manual).
    store::Result<store::ChangeSet> attachThread(qint64 cardId, qint64 threadId);
    store::Result<store::ChangeSet> detachThread(qint64 cardId, qint64 threadId);
    store::Result<store::ChangeSet> attachMessage(qint64 cardId, qint64 messageId);
    store::Result<store::ChangeSet> detachMessage(qint64 cardId, qint64 messageId);

    // Lead conversion: the lead's links, decisions included, move to the new contact. Mark
    // the lead converted first (CardRepository::markConverted): a converted lead links no
    // new mail.
    store::Result<store::ChangeSet> moveLinks(qint64 fromCardId, qint64 toCardId);

    // The policy in use: the given one plus the blocklist table as the last call read it
    // (every call reads it again, so the user's edits apply to the next batch).
    const MatchPolicy& policy() const { return m_policy; }

private:
    struct Match
    {
        qint64 cardId = 0;
        store::LinkOrigin origin = store::LinkOrigin::Address;
        QString address;
    };
    struct Evaluation
    {
        qint64 threadId = 0;
        QList<Match> matches;
    };

    // What the policy says of one address (email_norm); see m_verdicts.
    struct Verdict
    {
        bool user = false;
        bool blocked = false;
        bool coworker = false;
    };

    std::optional<store::StoreError> loadBlocklist();
    Verdict verdictOf(const QString& email);
    store::Result<bool> exists(store::Statement& query);
    // Reads the message, then evaluates it.
    store::Result<Evaluation> evaluate(qint64 messageId);
    store::Result<Evaluation> evaluate(const Message& message);
    store::Result<QList<qint64>> cardsOwning(const QString& email);
    store::Result<store::ChangeSet> setThread(qint64 cardId, qint64 threadId,
                                              store::LinkState state);
    store::Result<store::ChangeSet> setMessage(qint64 cardId, qint64 messageId,
                                               store::LinkState state);

    QSqlDatabase m_db;
    MatchPolicy m_basePolicy;
    MatchPolicy m_policy;
    store::LinkRepository m_links;
    QHash<QString, QList<qint64>> m_cardsByEmail; // per call
    // Per call, as long as m_policy (loadBlocklist() clears it): a batch names the same
    // correspondents again and again.
    QHash<QString, Verdict> m_verdicts;
    // Per call: whether any card owns an address at all (else no address can match).
    bool m_anyCardEmail = true;
    store::Statement m_messageInfo;
    store::Statement m_messageAddresses;
    store::Statement m_cardsOwning;
    store::Statement m_markDropbox;
    store::Statement m_anyCardEmailQuery;
    store::Statement m_anyMessageLink;
    store::Statement m_parents;
    store::Statement m_threadRow;
};

} // namespace threadline::sync
