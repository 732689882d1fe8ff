#pragma once

#include "store/ThreadMessage.h"

#include <QList>
#include <QSqlDatabase>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace threadline::ui {

class SafeTextBrowser;

// One thread as a card sees it: its messages oldest first (those the card does not show
// greyed), and the selected message's headers, body (plain text, or HTML through
// SafeTextBrowser) and attachments. A single message can be detached from the card or
// re-attached; the card view carries the request out.
class ThreadView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadView)

public:
    ThreadView(const QSqlDatabase& db, QWidget* parent = nullptr);

    // Shows the thread as this card (0: none) sees it, its newest message selected.
    void showThread(qint64 cardId, qint64 threadId);
    void clear();
    // Reads the thread again (links or messages changed), keeping the selected message.
    void refresh();

    qint64 cardId() const { return m_cardId; }
    qint64 threadId() const { return m_threadId; }
    qint64 currentMessageId() const;
    void selectMessage(qint64 messageId);

    QTreeWidget* messageList() const { return m_messages; }
    SafeTextBrowser* body() const { return m_body; }
    QTreeWidget* attachmentList() const { return m_attachments; }
    QAction* detachMessageAction() const { return m_detachMessage; }
    QAction* attachMessageAction() const { return m_attachMessage; }

Q_SIGNALS:
    void detachMessageRequested(qint64 messageId);
    void attachMessageRequested(qint64 messageId);
    void loadFailed(const QString& message);

private:
    void showCurrentMessage();
    void updateActions();

    QSqlDatabase m_db;
    qint64 m_cardId = 0;
    qint64 m_threadId = 0;
    QList<store::ThreadMessage> m_list;
    QLabel* m_subject = nullptr;
    QLabel* m_otherCards = nullptr;
    QTreeWidget* m_messages = nullptr;
    QLabel* m_headers = nullptr;
    QLabel* m_blockedNote = nullptr;
    SafeTextBrowser* m_body = nullptr;
    QTreeWidget* m_attachments = nullptr;
    QPushButton* m_detachButton = nullptr;
    QPushButton* m_attachButton = nullptr;
    QAction* m_detachMessage = nullptr;
    QAction* m_attachMessage = nullptr;
};

} // namespace threadline::ui
