#pragma once

// A throwaway profile for the window tests: cards, and mail stored the way the sync stores
// it (sync::MailIngest: stored, threaded and linked in one transaction).
#include "crm/Contact.h"
#include "crm/Deal.h"
#include "crm/Lead.h"
#include "store/CardRepository.h"
#include "store/ChangeSet.h"
#include "store/Database.h"
#include "store/MessageRepository.h"
#include "store/SearchIndex.h"
#include "sync/MailIngest.h"
#include "sync/MatchPolicy.h"

#include <QSqlQuery>
#include <QTemporaryDir>

namespace guitest {

using namespace Qt::StringLiterals;
using namespace threadline;

inline const QString userAddress = u"me@acme.test"_s;

// One message, built line by line.
struct Mail
{
    explicit Mail(const QString& messageId)
    {
        record.messageId = messageId;
        record.subject = u"Hello"_s;
        record.date = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC);
        record.internalDate = record.date;
        record.size = 1000;
        record.textBody = u"Hello"_s;
        location.folder = u"INBOX"_s;
        location.uidValidity = 1;
    }
    // Mail from the user is sent mail, found in Sent.
    Mail& from(const QString& email, const QString& name = {})
    {
        record.addresses.append({store::MessageRecord::Role::From, name, email});
        record.outgoing = email == userAddress;
        location.folder = record.outgoing ? u"Sent"_s : u"INBOX"_s;
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
    Mail& day(int offset)
    {
        record.date = QDateTime(QDate(2024, 3, 1), QTime(12, 0), Qt::UTC).addDays(offset);
        record.internalDate = record.date;
        return *this;
    }
    Mail& replyTo(const QString& messageId)
    {
        record.inReplyTo = QStringList{messageId};
        record.references = QStringList{messageId};
        return *this;
    }

    store::MessageRecord record;
    store::MessageLocation location;
};

class GuiStore final
{
public:
    GuiStore()
        : m_database(m_dir.filePath(u"threadline.sqlite"_s))
    {
        if (const auto error = m_database.open())
            qFatal("cannot open the test database: %s", qPrintable(error->message));
    }

    const QSqlDatabase& db() const { return m_database.connection(); }
    QString directory() const { return m_dir.path(); }

    // Stores, threads and links a batch; returns what changed, for applySyncChanges().
    store::ChangeSet deliver(const QList<Mail>& mails)
    {
        store::MessageRepository::Batch batch;
        for (Mail mail : mails) {
            mail.location.uid = m_nextUid++;
            batch.append({mail.record, mail.location});
        }
        const auto ingested = sync::MailIngest(db(), policy).ingest(batch);
        if (!ingested)
            qFatal("ingest failed: %s", qPrintable(ingested.error().message));
        // Searchable, as the sync's SearchIndexer makes it after each commit.
        if (const auto error = store::SearchIndex(db()).catchUpAll())
            qFatal("indexing failed: %s", qPrintable(error->message));
        return ingested.value().changes;
    }

    qint64 lead(const QString& name, const QString& email, const QString& company = {})
    {
        crm::Lead card;
        card.name = name;
        card.company = company;
        if (!email.isEmpty())
            card.emails = {crm::EmailAddress(email)};
        return check(store::CardRepository(db()).insertLead(card));
    }
    qint64 contact(const QString& name, const QString& email)
    {
        crm::Contact card;
        card.name = name;
        if (!email.isEmpty())
            card.emails = {crm::EmailAddress(email)};
        return check(store::CardRepository(db()).insertContact(card));
    }
    qint64 deal(const QString& name, qint64 valueMinor = 0)
    {
        crm::Deal card;
        card.name = name;
        card.value = crm::Money{valueMinor, u"EUR"_s};
        return check(store::CardRepository(db()).insertDeal(card));
    }

    qint64 scalar(const QString& sql, const QVariant& value = {}) const
    {
        QSqlQuery query(db());
        query.prepare(sql);
        if (value.isValid())
            query.addBindValue(value);
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toLongLong();
    }
    qint64 threadOf(const QString& messageId) const
    {
        return scalar(u"SELECT thread_id FROM messages WHERE message_key = ?"_s, messageId);
    }

    sync::MatchPolicy policy = sync::MatchPolicy::forAccount(userAddress);

private:
    static qint64 check(const store::Result<qint64>& id)
    {
        if (!id)
            qFatal("card insert failed: %s", qPrintable(id.error().message));
        return id.value();
    }

    QTemporaryDir m_dir;
    store::Database m_database;
    quint32 m_nextUid = 1;
};

} // namespace guitest
