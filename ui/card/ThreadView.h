#pragma once

#include "net/ErrorCode.h"
#include "store/ThreadMessage.h"
#include "sync/AttachmentRequest.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QUrl>
#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace threadline::ui {

class SafeTextBrowser;

// One thread as a card sees it: its messages oldest first (those the card does not show
// greyed), and the selected message's headers, body (plain text, or HTML through
// SafeTextBrowser) and attachments. A single message can be detached from the card or
// re-attached; the card view carries the request out.
//
// Attachments are fetched only when opened (double-click, Enter, "Open") or saved ("Save
// As…"): the view emits attachmentRequested() and whoever runs the fetcher answers with
// attachmentFetched() or attachmentFailed() under the same request id. Meanwhile the row says
// "Downloading…"; errors are written under the list in plain words, never in a modal box.
class ThreadView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadView)

public:
    // Opens a fetched file (default: QDesktopServices::openUrl); false if nothing could.
    using FileOpener = std::function<bool(const QUrl& file)>;
    // Asks where to save an attachment (default: a file dialog); empty when cancelled.
    using SaveLocationPrompt = std::function<QString(const QString& suggestedPath)>;

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
    QAction* openAttachmentAction() const { return m_openAttachment; }
    QAction* saveAttachmentAction() const { return m_saveAttachment; }
    QLabel* attachmentNote() const { return m_attachmentNote; }

    void setFileOpener(FileOpener opener) { m_opener = std::move(opener); }
    void setSaveLocationPrompt(SaveLocationPrompt prompt) { m_savePrompt = std::move(prompt); }
    // Requests sent and not answered yet.
    int pendingAttachmentCount() const { return int(m_pending.size()); }

public Q_SLOTS:
    // The answers to attachmentRequested(): the file is at filePath (the cached copy, or
    // where the user chose to save it), or it could not be had.
    void attachmentFetched(quint64 requestId, const QString& filePath);
    void attachmentFailed(quint64 requestId, const threadline::net::UserError& error);

Q_SIGNALS:
    void detachMessageRequested(qint64 messageId);
    void attachMessageRequested(qint64 messageId);
    void loadFailed(const QString& message);
    // Fetch this attachment (request.saveTo empty: to open it).
    void attachmentRequested(const threadline::sync::AttachmentRequest& request);

private:
    struct PendingAttachment
    {
        qint64 messageId = 0;
        QString part;
        QString name;
        QString saveTo;
    };

    void showCurrentMessage();
    void updateActions();
    void openAttachment(QTreeWidgetItem* item);
    void saveAttachment(QTreeWidgetItem* item);
    void requestAttachment(QTreeWidgetItem* item, const QString& saveTo);
    // The row of this attachment when the message is shown, else nullptr.
    QTreeWidgetItem* attachmentRow(qint64 messageId, const QString& part) const;
    void updateAttachmentRow(qint64 messageId, const QString& part, const QString& status);
    bool isDownloading(qint64 messageId, const QString& part) const;
    // The words under the attachment list, about an attachment of messageId.
    void showAttachmentNote(const QString& text, const QString& toolTip = {}, qint64 messageId = 0);

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
    QAction* m_openAttachment = nullptr;
    QAction* m_saveAttachment = nullptr;
    QWidget* m_attachmentBar = nullptr;
    QLabel* m_attachmentNote = nullptr;
    FileOpener m_opener;
    SaveLocationPrompt m_savePrompt;
    QHash<quint64, PendingAttachment> m_pending;
    quint64 m_lastRequestId = 0;
    qint64 m_noteMessageId = 0; // the message the note is about
};

} // namespace threadline::ui
