#include "Matcher.h"

#include "store/SqlHelpers.h"
#include "store/Transaction.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace threadline::sync {

using store::execWith;
using store::prepareQuery;
using store::queryFailed;
using store::StoreError;

namespace {

StoreError transactionFailed()
{
    return StoreError{StoreError::Code::QueryFailed, u"transaction failed"_s};
}

bool isParticipantRole(QStringView role)
{
    return role == u"from" || role == u"to" || role == u"cc" || role == u"bcc";
}

bool isRecipientRole(QStringView role)
{
    return role == u"to" || role == u"cc" || role == u"bcc";
}

} // namespace

Matcher::Matcher(const QSqlDatabase& db, MatchPolicy policy)
    : m_db(db)
    , m_basePolicy(std::move(policy))
    , m_policy(m_basePolicy)
    , m_links(db)
    , m_messageInfo(db, u"SELECT thread_id, is_dropbox FROM messages WHERE id = ?"_s)
    , m_messageAddresses(db, u"SELECT role, email_norm FROM message_addresses "
                             "WHERE message_id = ? ORDER BY role, position"_s)
    // Deals own no addresses (crm::Deal); the kind filter keeps it so if that ever changes.
    // A converted lead hands its mail to the contact it became and links nothing more.
    , m_cardsOwning(db, u"SELECT e.card_id FROM card_emails e JOIN cards c ON c.id = e.card_id "
                        "WHERE e.email_norm = ? AND c.kind IN ('lead', 'contact') "
                        "AND c.converted_to IS NULL ORDER BY e.card_id"_s)
    , m_markDropbox(db, u"UPDATE messages SET is_dropbox = 1, is_outgoing = 1 WHERE id = ?"_s)
    , m_anyCardEmailQuery(db, u"SELECT EXISTS (SELECT 1 FROM card_emails)"_s)
    , m_anyMessageLink(db, u"SELECT EXISTS (SELECT 1 FROM links WHERE message_id IS NOT NULL "
                           "AND state = 'attached')"_s)
    , m_parents(db, u"SELECT DISTINCT l.card_id, p.message_id FROM message_references r "
                    "JOIN messages p ON p.message_key = r.referenced_id AND p.message_id <> '' "
                    "JOIN links l ON l.message_id = p.id AND l.state = 'attached' "
                    "WHERE r.message_id = ?"_s)
    , m_threadRow(db, u"SELECT 1 FROM links WHERE card_id = ? AND thread_id = ? "
                      "AND message_id IS NULL"_s)
{}

store::Result<bool> Matcher::exists(store::Statement& query)
{
    if (!query.query() || !query.next())
        return query.error();
    const bool result = query.int64At(0) != 0;
    query.reset();
    return result;
}

std::optional<StoreError> Matcher::loadBlocklist()
{
    QSqlQuery query = prepareQuery(m_db, u"SELECT pattern, kind FROM blocklist"_s);
    if (!query.exec())
        return queryFailed(query);
    m_policy = m_basePolicy;
    m_verdicts.clear();
    while (query.next()) {
        if (query.value(1).toString() == u"domain")
            m_policy.blockDomain(query.value(0).toString());
        else
            m_policy.blockAddress(query.value(0).toString());
    }
    return std::nullopt;
}

Matcher::Verdict Matcher::verdictOf(const QString& email)
{
    auto verdict = m_verdicts.find(email);
    if (verdict == m_verdicts.end())
        verdict =
            m_verdicts.insert(email, Verdict{m_policy.isUser(email), m_policy.isBlocked(email),
                                             m_policy.isCoworker(email)});
    return *verdict;
}

store::Result<QList<qint64>> Matcher::cardsOwning(const QString& email)
{
    // Only asked when some card owns an address (evaluate() returns before otherwise).
    if (const auto cached = m_cardsByEmail.constFind(email); cached != m_cardsByEmail.cend())
        return *cached;
    if (!m_cardsOwning.query(email))
        return m_cardsOwning.error();
    QList<qint64> cards;
    while (m_cardsOwning.next())
        cards << m_cardsOwning.int64At(0);
    if (m_cardsOwning.failed())
        return m_cardsOwning.error();
    m_cardsByEmail.insert(email, cards);
    return cards;
}

store::Result<Matcher::Evaluation> Matcher::evaluate(qint64 messageId)
{
    Message message;
    message.id = messageId;
    if (!m_messageInfo.query(messageId))
        return m_messageInfo.error();
    if (!m_messageInfo.next())
        return m_messageInfo.failed() ? store::Result<Evaluation>(m_messageInfo.error())
                                      : Evaluation{};
    message.threadId = m_messageInfo.int64At(0);
    message.dropbox = m_messageInfo.int64At(1) != 0;
    m_messageInfo.reset();
    if (message.threadId == 0)
        return Evaluation{};

    if (!m_messageAddresses.query(messageId))
        return m_messageAddresses.error();
    while (m_messageAddresses.next())
        message.addresses.append({m_messageAddresses.textAt(0), m_messageAddresses.textAt(1)});
    if (m_messageAddresses.failed())
        return m_messageAddresses.error();
    return evaluate(message);
}

store::Result<Matcher::Evaluation> Matcher::evaluate(const Message& message)
{
    Evaluation evaluation;
    evaluation.threadId = message.threadId;
    if (evaluation.threadId == 0)
        return evaluation;
    const qint64 messageId = message.id;
    bool dropbox = message.dropbox;
    const QList<std::pair<QString, QString>>& roles = message.addresses;

    // Rule 8: a copy delivered to (or addressed to) the dropbox was sent by the user from
    // another account.
    if (!dropbox) {
        for (const auto& [role, email] : std::as_const(roles)) {
            if ((isRecipientRole(role) || role == u"delivered-to") &&
                m_policy.isDropboxAddress(email)) {
                dropbox = true;
                if (!m_markDropbox.exec(messageId))
                    return m_markDropbox.error();
                break;
            }
        }
    }
    // No card owns any address (a profile before its cards are imported): nothing below can
    // match.
    if (!m_anyCardEmail)
        return evaluation;

    QStringList candidates;
    bool customerPresent = false;
    for (const auto& [role, email] : std::as_const(roles)) {
        if (!isParticipantRole(role))
            continue;
        const Verdict verdict = verdictOf(email);
        if (verdict.user)
            continue;
        // Rule 9: one blocklisted participant keeps the whole message off every card.
        if (verdict.blocked)
            return evaluation;
        if (dropbox && !isRecipientRole(role))
            continue;
        if (!candidates.contains(email)) {
            candidates << email;
            customerPresent = customerPresent || !verdict.coworker;
        }
    }
    // Rule 9: coworkers among themselves are not customer mail.
    if (!customerPresent)
        return evaluation;

    QSet<qint64> seen;
    for (const QString& email : std::as_const(candidates)) {
        const store::Result<QList<qint64>> cards = cardsOwning(email);
        if (!cards)
            return cards.error();
        for (qint64 cardId : cards.value()) {
            if (seen.contains(cardId))
                continue;
            seen.insert(cardId);
            evaluation.matches.append(Match{
                cardId, dropbox ? store::LinkOrigin::Dropbox : store::LinkOrigin::Address, email});
        }
    }
    return evaluation;
}

store::Result<store::ChangeSet> Matcher::linkMessages(const QList<qint64>& messageIds)
{
    QList<Message> messages;
    messages.reserve(messageIds.size());
    for (qint64 messageId : messageIds)
        messages.append(Message{messageId, false, 0, false, {}});
    return linkBatch(messages);
}

store::Result<store::ChangeSet> Matcher::linkBatch(const QList<Message>& messages)
{
    if (auto error = loadBlocklist())
        return *error;
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return transactionFailed();
    m_cardsByEmail.clear();
    const store::Result<bool> anyCardEmail = exists(m_anyCardEmailQuery);
    if (!anyCardEmail)
        return anyCardEmail.error();
    m_anyCardEmail = anyCardEmail.value();
    // Rule 6 needs an attached single-message link to reply to; this call adds such links
    // only as replies to existing ones, so without any there is nothing to look for.
    const store::Result<bool> anyMessageLink = exists(m_anyMessageLink);
    if (!anyMessageLink)
        return anyMessageLink.error();

    store::ChangeSet changes;
    for (const Message& message : messages) {
        const qint64 messageId = message.id;
        const store::Result<Evaluation> evaluation =
            message.written ? evaluate(message) : evaluate(messageId);
        if (!evaluation)
            return evaluation.error();
        const qint64 threadId = evaluation.value().threadId;
        if (threadId == 0)
            continue;
        for (const Match& match : evaluation.value().matches) {
            const store::Result<bool> added =
                m_links.addThreadLink(match.cardId, threadId, match.origin, match.address);
            if (!added)
                return added.error();
            if (added.value()) {
                changes.cards.insert(match.cardId);
                changes.threads.insert(threadId);
            }
        }
        // Rule 6 for cards holding single messages: a reply to one of them joins the card.
        if (!anyMessageLink.value())
            continue;
        if (!m_parents.query(messageId))
            return m_parents.error();
        QList<std::pair<qint64, QString>> replyCards;
        while (m_parents.next())
            replyCards.append({m_parents.int64At(0), m_parents.textAt(1)});
        if (m_parents.failed())
            return m_parents.error();
        for (const auto& [cardId, parentId] : std::as_const(replyCards)) {
            if (!m_threadRow.query(cardId, threadId))
                return m_threadRow.error();
            const bool decidedForThread = m_threadRow.next();
            m_threadRow.reset();
            if (decidedForThread)
                continue;
            const store::Result<bool> added = m_links.addMessageLink(
                cardId, threadId, messageId, store::LinkOrigin::Reply, parentId);
            if (!added)
                return added.error();
            if (added.value()) {
                changes.cards.insert(cardId);
                changes.threads.insert(threadId);
            }
        }
    }
    if (!transaction.commit())
        return transactionFailed();
    return changes;
}

store::Result<store::ChangeSet> Matcher::linkCard(qint64 cardId)
{
    if (auto error = loadBlocklist())
        return *error;
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return transactionFailed();
    m_cardsByEmail.clear();
    m_anyCardEmail = true;
    store::ChangeSet changes;

    // Automatic links no address of the card explains any more (an address was removed).
    QSqlQuery stale = prepareQuery(
        m_db, u"DELETE FROM links WHERE card_id = ? AND message_id IS NULL "
              "AND state = 'attached' AND origin IN ('address', 'dropbox') AND NOT EXISTS ("
              "SELECT 1 FROM messages m JOIN message_addresses a ON a.message_id = m.id "
              "JOIN card_emails e ON e.email_norm = a.email_norm AND e.card_id = links.card_id "
              "WHERE m.thread_id = links.thread_id AND a.role IN ('from', 'to', 'cc', 'bcc')) "
              "RETURNING thread_id"_s);
    if (!execWith(stale, cardId))
        return queryFailed(stale);
    while (stale.next()) {
        changes.cards.insert(cardId);
        changes.threads.insert(stale.value(0).toLongLong());
    }

    QSqlQuery messages = prepareQuery(
        m_db, u"SELECT DISTINCT a.message_id FROM card_emails e "
              "JOIN message_addresses a ON a.email_norm = e.email_norm "
              "JOIN cards c ON c.id = e.card_id "
              "WHERE e.card_id = ? AND c.kind IN ('lead', 'contact') AND c.converted_to IS NULL "
              "AND a.role IN ('from', 'to', 'cc', 'bcc')"_s);
    if (!execWith(messages, cardId))
        return queryFailed(messages);
    QList<qint64> messageIds;
    while (messages.next())
        messageIds << messages.value(0).toLongLong();

    for (qint64 messageId : std::as_const(messageIds)) {
        const store::Result<Evaluation> evaluation = evaluate(messageId);
        if (!evaluation)
            return evaluation.error();
        for (const Match& match : evaluation.value().matches) {
            if (match.cardId != cardId)
                continue;
            const store::Result<bool> added = m_links.addThreadLink(
                cardId, evaluation.value().threadId, match.origin, match.address);
            if (!added)
                return added.error();
            if (added.value()) {
                changes.cards.insert(cardId);
                changes.threads.insert(evaluation.value().threadId);
            }
        }
    }
    if (!transaction.commit())
        return transactionFailed();
    return changes;
}

store::Result<store::ChangeSet> Matcher::setThread(qint64 cardId, qint64 threadId,
                                                   store::LinkState state)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return transactionFailed();
    const store::Result<bool> changed = m_links.setThreadLink(cardId, threadId, state);
    if (!changed)
        return changed.error();
    if (!transaction.commit())
        return transactionFailed();
    store::ChangeSet changes;
    if (changed.value()) {
        changes.cards.insert(cardId);
        changes.threads.insert(threadId);
    }
    return changes;
}

store::Result<store::ChangeSet> Matcher::setMessage(qint64 cardId, qint64 messageId,
                                                    store::LinkState state)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return transactionFailed();
    QSqlQuery thread = prepareQuery(m_db, u"SELECT thread_id FROM messages WHERE id = ?"_s);
    if (!execWith(thread, messageId))
        return queryFailed(thread);
    const qint64 threadId = thread.next() ? thread.value(0).toLongLong() : 0;
    thread.finish();
    if (threadId == 0)
        return StoreError{StoreError::Code::QueryFailed,
                          u"message %1 is not stored or not threaded"_s.arg(messageId)};
    const store::Result<bool> changed = m_links.setMessageLink(cardId, messageId, state);
    if (!changed)
        return changed.error();
    if (!transaction.commit())
        return transactionFailed();
    store::ChangeSet changes;
    if (changed.value()) {
        changes.cards.insert(cardId);
        changes.threads.insert(threadId);
    }
    return changes;
}

store::Result<store::ChangeSet> Matcher::attachThread(qint64 cardId, qint64 threadId)
{
    return setThread(cardId, threadId, store::LinkState::Attached);
}

store::Result<store::ChangeSet> Matcher::detachThread(qint64 cardId, qint64 threadId)
{
    return setThread(cardId, threadId, store::LinkState::Detached);
}

store::Result<store::ChangeSet> Matcher::attachMessage(qint64 cardId, qint64 messageId)
{
    return setMessage(cardId, messageId, store::LinkState::Attached);
}

store::Result<store::ChangeSet> Matcher::detachMessage(qint64 cardId, qint64 messageId)
{
    return setMessage(cardId, messageId, store::LinkState::Detached);
}

store::Result<store::ChangeSet> Matcher::moveLinks(qint64 fromCardId, qint64 toCardId)
{
    store::Transaction transaction(m_db);
    if (!transaction.isActive())
        return transactionFailed();
    const store::Result<QList<qint64>> threads = m_links.moveCardLinks(fromCardId, toCardId);
    if (!threads)
        return threads.error();
    if (!transaction.commit())
        return transactionFailed();
    store::ChangeSet changes;
    if (!threads.value().isEmpty()) {
        changes.cards = {fromCardId, toCardId};
        changes.threads = QSet<qint64>(threads.value().cbegin(), threads.value().cend());
    }
    return changes;
}

} // namespace threadline::sync
