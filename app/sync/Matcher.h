#pragma once

#include "MatchPolicy.h"
#include "store/ChangeSet.h"
#include "store/LinkOrigin.h"
#include "store/LinkRepository.h"
#include "store/Result.h"

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

    // After a batch is stored and threaded: links these messages.
    store::Result<store::ChangeSet> linkMessages(const QList<qint64>& messageIds);
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

    std::optional<store::StoreError> loadBlocklist();
    store::Result<Evaluation> evaluate(qint64 messageId);
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
    std::optional<QSqlQuery> m_messageInfo;
    std::optional<QSqlQuery> m_messageAddresses;
    std::optional<QSqlQuery> m_cardsOwning;
    std::optional<QSqlQuery> m_markDropbox;
};

} // namespace threadline::sync
