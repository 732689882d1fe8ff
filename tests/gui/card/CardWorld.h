#pragma once

// Helpers of the card view tests: a throwaway profile database, mail stored the way the sync
// stores it (store, thread, link in one batch), and cards.
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"
#include "store/CardRepository.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/SearchIndex.h"
#include "sync/MailIngest.h"
#include "sync/MatchPolicy.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

namespace cardtest {

using namespace Qt::StringLiterals;
using namespace threadline;

inline const QString userAddress = u"me@acme.test"_s;

inline QDateTime day(int offset)
{
    return QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC).addDays(offset);
}

// A message as the sync hands it over, built line by line.
class Mail final
{
public:
    explicit Mail(const QString& messageId)
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
    Mail& to(const QString& email)
    {
        record.addresses.append({store::MessageRecord::Role::To, QString(), email});
        return *this;
    }
    Mail& subject(const QString& text)
    {
        record.subject = text;
        return *this;
    }
    Mail& body(const QString& text)
    {
        record.textBody = text;
        return *this;
    }
    Mail& html(const QString& text)
    {
        record.htmlBody = text;
        return *this;
    }
    Mail& on(int offset)
    {
        record.date = day(offset);
        record.internalDate = day(offset);
        return *this;
    }
    Mail& replyTo(const QString& parentId)
    {
        record.inReplyTo = QStringList{parentId};
        record.references = QStringList{parentId};
        return *this;
    }

    store::MessageRecord record;
    store::MessageLocation location;
};

// A fresh profile with the user me@acme.test.
class World final
{
public:
    World()
        : database(dir.filePath(u"profile.sqlite"_s))
    {
        if (const auto error = database.open())
            qFatal("cannot open the test database: %s", qPrintable(error->message));
    }

    const QSqlDatabase& db() const { return database.connection(); }

    // Stores and links a batch as the sync does; returns the threads it changed.
    QList<qint64> ingest(const QList<Mail>& mails)
    {
        store::MessageRepository::Batch batch;
        for (Mail mail : mails) {
            mail.location.uid = m_nextUid++;
            batch.append({mail.record, mail.location});
        }
        if (!m_ingest)
            m_ingest = std::make_unique<sync::MailIngest>(db(), policy);
        const auto result = m_ingest->ingest(batch);
        if (!result)
            qFatal("ingest failed: %s", qPrintable(result.error().message));
        // Searchable, as the sync's SearchIndexer makes it after each commit.
        if (const auto error = store::SearchIndex(db()).catchUpAll())
            qFatal("indexing failed: %s", qPrintable(error->message));
        QList<qint64> threads(result.value().changes.threads.cbegin(),
                              result.value().changes.threads.cend());
        for (const store::StoredMessage& stored : result.value().messages)
            threads << stored.threadId;
        return threads;
    }
    QList<qint64> ingest(const Mail& mail) { return ingest(QList<Mail>{mail}); }

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

    qint64 scalar(const QString& sql, const QVariant& value = {}) const
    {
        QSqlQuery query(db());
        query.prepare(sql);
        if (value.isValid())
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return 0;
        return query.value(0).toLongLong();
    }
    qint64 threadOf(const QString& messageId) const
    {
        return scalar(u"SELECT thread_id FROM messages WHERE message_id = ?"_s, messageId);
    }
    qint64 message(const QString& messageId) const
    {
        return scalar(u"SELECT id FROM messages WHERE message_id = ?"_s, messageId);
    }

    QTemporaryDir dir;
    store::Database database;
    sync::MatchPolicy policy = sync::MatchPolicy::forAccount(userAddress);

private:
    static qint64 check(const store::Result<qint64>& id)
    {
        if (!id)
            qFatal("card insert failed: %s", qPrintable(id.error().message));
        return id.value();
    }

    quint32 m_nextUid = 1;
    std::unique_ptr<sync::MailIngest> m_ingest;
};

} // namespace cardtest
