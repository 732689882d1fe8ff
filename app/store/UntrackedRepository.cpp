#include "UntrackedRepository.h"

#include "LinkRepository.h"
#include "SqlHelpers.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace threadline::store {

UntrackedRepository::UntrackedRepository(const QSqlDatabase& db)
    : m_db(db)
{}

Result<std::optional<UntrackedSender>>
UntrackedRepository::correspondent(qint64 threadId, const QStringList& ownAddresses) const
{
    QSqlQuery walk = prepareQuery(
        m_db, u"SELECT a.email_norm, a.name, t.last_date FROM messages m "
              "JOIN threads t ON t.id = m.thread_id "
              "JOIN message_addresses a ON a.message_id = m.id AND CASE WHEN m.is_outgoing "
              "THEN a.role IN ('to', 'cc', 'bcc') ELSE a.role = 'from' END "
              "WHERE m.thread_id = ? ORDER BY m.date DESC, m.id DESC, a.role, a.position"_s);
    if (!execWith(walk, threadId))
        return queryFailed(walk);
    QSet<QString> excluded;
    for (const QString& address : ownAddresses)
        excluded.insert(address.toLower());
    std::optional<UntrackedSender> found;
    while (walk.next()) {
        const QString email = walk.value(0).toString();
        if (email.isEmpty() || excluded.contains(email))
            continue;
        UntrackedSender sender;
        sender.email = email;
        sender.name = walk.value(1).toString();
        sender.lastDate = timeFromSeconds(walk.value(2));
        found = sender;
        break;
    }
    walk.finish();
    if (!found)
        return found;

    QSqlQuery details =
        prepareQuery(m_db, u"SELECT (SELECT count(*) FROM (SELECT DISTINCT m.thread_id "
                           "FROM message_addresses a JOIN messages m ON m.id = a.message_id "
                           "WHERE a.email_norm = ? AND CASE WHEN m.is_outgoing "
                           "THEN a.role IN ('to', 'cc', 'bcc') ELSE a.role = 'from' END "
                           "AND NOT EXISTS (SELECT 1 FROM links l WHERE l.thread_id = m.thread_id "
                           "AND l.state = 'attached') ORDER BY a.message_id DESC LIMIT ?)), "
                           "coalesce((SELECT e.card_id FROM card_emails e WHERE e.email_norm = ? "
                           "ORDER BY e.card_id LIMIT 1), 0)"_s);
    if (!execWith(details, found->email, LinkRepository::untrackedCountCap, found->email) ||
        !details.next())
        return queryFailed(details);
    found->threadCount = details.value(0).toInt();
    found->cardId = details.value(1).toLongLong();
    return found;
}

} // namespace threadline::store
