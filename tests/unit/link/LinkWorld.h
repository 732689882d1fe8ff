#pragma once

// Helpers of the linking tests: a message builder and a throwaway store with cards.
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"
#include "store/CardRepository.h"
#include "store/Database.h"
#include "store/LinkRepository.h"
#include "store/MessageRepository.h"
#include "sync/MailIngest.h"
#include "sync/MatchPolicy.h"
#include "sync/Matcher.h"

#include <QSqlQuery>
#include <QTest>
#include <memory>

namespace linktest {

using namespace Qt::StringLiterals;
using namespace threadline;

inline const QString userAddress = u"me@acme.test"_s;

// Noon UTC on 1 March 2024 plus some days: dates the tests can reason about.
inline QDateTime day(int offset)
{
    return QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC).addDays(offset);
}

// A message as a sync would hand it over, built line by line.
class Mail final
{
public:
    explicit Mail(const QString& messageId = {})
    {
        record.messageId = messageId;
        record.subject = u"Quote"_s;
        record.date = day(0);
        record.internalDate = day(0);
        record.size = 1000;
        record.textBody = u"Hello"_s;
        location.folder = u"INBOX"_s;
        location.uidValidity = 1;
    }

    Mail& from(const QString& email, const QString& name = {})
    {
        record.addresses.append({store::MessageRecord::Role::From, name, email});
        return *this;
    }
    Mail& to(const QStringList& emails) { return add(store::MessageRecord::Role::To, emails); }
    Mail& cc(const QStringList& emails) { return add(store::MessageRecord::Role::Cc, emails); }
    Mail& bcc(const QStringList& emails) { return add(store::MessageRecord::Role::Bcc, emails); }
    Mail& replyTo(const QString& email)
    {
        return add(store::MessageRecord::Role::ReplyTo, {email});
    }
    Mail& deliveredTo(const QString& email)
    {
        return add(store::MessageRecord::Role::DeliveredTo, {email});
    }
    Mail& subject(const QString& text)
    {
        record.subject = text;
        return *this;
    }
    Mail& on(int offset)
    {
        record.date = day(offset);
        record.internalDate = day(offset);
        return *this;
    }
    Mail& inReplyTo(const QString& id)
    {
        record.inReplyTo = QStringList{id};
        return *this;
    }
    Mail& references(const QStringList& ids)
    {
        record.references = ids;
        return *this;
    }
    Mail& outgoing()
    {
        record.outgoing = true;
        return *this;
    }
    Mail& in(const QString& folder)
    {
        location.folder = folder;
        return *this;
    }
    Mail& uid(quint32 value)
    {
        location.uid = value;
        return *this;
    }

    store::MessageRecord record;
    store::MessageLocation location;

private:
    Mail& add(store::MessageRecord::Role role, const QStringList& emails)
    {
        for (const QString& email : emails)
            record.addresses.append({role, QString(), email});
        return *this;
    }
};

// A fresh profile database with the user me@acme.test (dropbox me+crm@acme.test).
class World final
{
public:
    explicit World(const QString& path)
        : database(path)
    {
        const auto error = database.open();
        if (error)
            qFatal("cannot open the test database: %s", qPrintable(error->message));
    }

    const QSqlDatabase& db() const { return database.connection(); }

    // Stores a batch through the same path as the sync; UIDs are numbered when not given.
    sync::IngestResult ingest(const QList<Mail>& mails)
    {
        store::MessageRepository::Batch batch;
        for (Mail mail : mails) {
            if (mail.location.uid == 0)
                mail.location.uid = m_nextUid++;
            batch.append({mail.record, mail.location});
        }
        if (!m_ingest)
            m_ingest = std::make_unique<sync::MailIngest>(db(), policy);
        auto result = m_ingest->ingest(batch);
        if (!result)
            qFatal("ingest failed: %s", qPrintable(result.error().message));
        return result.value();
    }
    sync::IngestResult ingest(const Mail& mail) { return ingest(QList<Mail>{mail}); }

    sync::Matcher matcher() const { return sync::Matcher(db(), policy); }

    qint64 contact(const QString& name, const QStringList& emails)
    {
        crm::Contact card;
        card.name = name;
        for (const QString& email : emails)
            card.emails.append(crm::EmailAddress(email));
        return check(store::CardRepository(db()).insertContact(card));
    }
    qint64 lead(const QString& name, const QStringList& emails)
    {
        crm::Lead card;
        card.name = name;
        for (const QString& email : emails)
            card.emails.append(crm::EmailAddress(email));
        return check(store::CardRepository(db()).insertLead(card));
    }
    qint64 deal(const QString& name)
    {
        crm::Deal card;
        card.name = name;
        return check(store::CardRepository(db()).insertDeal(card));
    }

    // Row ids by storage key (the Message-ID for these tests).
    qint64 message(const QString& key) const
    {
        return scalar(u"SELECT id FROM messages WHERE message_key = ?"_s, key);
    }
    qint64 threadOf(const QString& key) const
    {
        return scalar(u"SELECT thread_id FROM messages WHERE message_key = ?"_s, key);
    }
    qint64 count(const QString& sql) const { return scalar(sql, {}); }

    // The threads a card shows (attached), as thread ids.
    QList<qint64> cardThreads(qint64 cardId, store::LinkRepository::Filter filter =
                                                 store::LinkRepository::Filter::Attached) const
    {
        const auto rows = store::LinkRepository(db()).cardThreads(cardId, 1000, {}, filter);
        if (!rows)
            qFatal("cardThreads failed: %s", qPrintable(rows.error().message));
        QList<qint64> ids;
        for (const store::CardThread& row : rows.value())
            ids << row.thread.id;
        return ids;
    }
    // Whether the card shows this message (through its thread or alone).
    bool cardShows(qint64 cardId, const QString& key) const
    {
        const qint64 thread = threadOf(key);
        if (!cardThreads(cardId).contains(thread))
            return false;
        const auto messages = store::LinkRepository(db()).threadMessages(thread, cardId);
        if (!messages)
            qFatal("threadMessages failed: %s", qPrintable(messages.error().message));
        for (const store::ThreadMessage& m : messages.value()) {
            if (m.messageId == key)
                return m.onCard;
        }
        return false;
    }

    store::Database database;
    sync::MatchPolicy policy = sync::MatchPolicy::forAccount(userAddress);

private:
    static qint64 check(const store::Result<qint64>& id)
    {
        if (!id)
            qFatal("card insert failed: %s", qPrintable(id.error().message));
        return id.value();
    }
    qint64 scalar(const QString& sql, const QVariant& value) const
    {
        QSqlQuery query(db());
        query.prepare(sql);
        if (value.isValid())
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return 0;
        return query.value(0).toLongLong();
    }

    quint32 m_nextUid = 1;
    std::unique_ptr<sync::MailIngest> m_ingest;
};

} // namespace linktest

Q_DECLARE_METATYPE(linktest::Mail)
