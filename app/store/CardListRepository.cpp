#include "CardListRepository.h"

#include "SqlHelpers.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace threadline::store {

CardListRepository::CardListRepository(const QSqlDatabase& db)
    : m_db(db)
{}

Result<QList<CardListRow>> CardListRepository::rows(crm::CardKind kind) const
{
    const QString key = crm::cardKindKey(kind);
    return read(u"kind = ?"_s, {key});
}

Result<QList<CardListRow>> CardListRepository::rows(const QList<qint64>& ids) const
{
    QList<CardListRow> result;
    for (qsizetype start = 0; start < ids.size(); start += idsPerStatement) {
        const QList<qint64> chunk = ids.mid(start, idsPerStatement);
        QStringList marks;
        QVariantList values;
        for (qint64 id : chunk) {
            marks << u"?"_s;
            values << id;
        }
        Result<QList<CardListRow>> part = read(u"id IN ("_s + marks.join(u',') + u")"_s, values);
        if (!part)
            return part;
        result += part.value();
    }
    return result;
}

Result<QList<CardListRow>> CardListRepository::read(const QString& scope,
                                                    const QVariantList& values) const
{
    // A card shows a thread when it holds any attached link in it (whole thread or single
    // messages), as LinkRepository::cardThreads lists them. The statistics are grouped once
    // over the links of the cards in scope, not computed per card.
    QSqlQuery query = prepareQuery(
        m_db,
        u"SELECT c.id, c.kind, c.name, c.company, c.title, c.lead_status, "
        "c.converted_to IS NOT NULL, c.source, c.contact_kind, c.stage, c.value_minor, "
        "c.currency, c.close_date, "
        "(SELECT e.email FROM card_emails e WHERE e.card_id = c.id ORDER BY e.position LIMIT 1), "
        "(SELECT p.phone FROM card_phones p WHERE p.card_id = c.id ORDER BY p.position LIMIT 1), "
        "coalesce(s.threads, 0), coalesce(s.last, 0) "
        "FROM cards c LEFT JOIN (SELECT l.card_id AS card, count(DISTINCT l.thread_id) AS threads, "
        "max(t.last_date) AS last FROM cards k JOIN links l ON l.card_id = k.id "
        "JOIN threads t ON t.id = l.thread_id "
        "WHERE k."_s +
            scope +
            u" AND l.state = 'attached' AND t.message_count > 0 GROUP BY l.card_id) s "
            "ON s.card = c.id WHERE c."_s +
            scope + u" ORDER BY c.id"_s);
    // The scope appears twice (the grouped links, then the cards), so its values bind twice.
    int index = 0;
    for (int pass = 0; pass < 2; ++pass) {
        for (const QVariant& value : values)
            query.bindValue(index++, bindable(value));
    }
    if (!query.exec())
        return queryFailed(query);
    QList<CardListRow> result;
    while (query.next()) {
        CardListRow row;
        row.id = query.value(0).toLongLong();
        row.kind = crm::cardKindFromKey(query.value(1).toString()).value_or(crm::CardKind::Lead);
        row.name = query.value(2).toString();
        row.company = query.value(3).toString();
        row.title = query.value(4).toString();
        row.leadStatus =
            crm::leadStatusFromKey(query.value(5).toString()).value_or(crm::LeadStatus::New);
        row.converted = query.value(6).toBool();
        row.source = query.value(7).toString();
        row.contactKind =
            crm::contactKindFromKey(query.value(8).toString()).value_or(crm::ContactKind::Person);
        row.stage =
            crm::dealStageFromKey(query.value(9).toString()).value_or(crm::DealStage::Incoming);
        row.valueMinor = query.value(10).toLongLong();
        row.currency = query.value(11).toString();
        row.expectedClose = QDate::fromString(query.value(12).toString(), Qt::ISODate);
        row.email = query.value(13).toString();
        row.phone = query.value(14).toString();
        row.threadCount = query.value(15).toInt();
        const qint64 last = query.value(16).toLongLong();
        row.lastEmail = last == 0 ? QDateTime() : QDateTime::fromSecsSinceEpoch(last, Qt::UTC);
        result.append(std::move(row));
    }
    return result;
}

} // namespace threadline::store
