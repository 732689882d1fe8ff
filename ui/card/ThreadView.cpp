#include "ThreadView.h"

#include "SafeTextBrowser.h"
#include "ThreadRoles.h"
#include "net/ErrorCatalog.h"
#include "store/LinkRepository.h"
#include "store/MessageRepository.h"
#include "sync/AttachmentCache.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

enum MessageColumn
{
    FromColumn,
    DateColumn,
    SnippetColumn,
};

enum AttachmentColumn
{
    NameColumn,
    TypeColumn,
    SizeColumn,
    StatusColumn,
};

// Item data of the attachment rows (NameColumn); only this view reads them.
enum AttachmentRole
{
    AttachmentPartRole = Qt::UserRole + 60, // IMAP part number, e.g. "2.1"
    AttachmentNameRole,                     // the file name as listed (may be empty)
};

QString dateText(const QDateTime& date)
{
    return date.isValid() ? QLocale().toString(date.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

QString addressList(const store::MessageRecord& record, store::MessageRecord::Role role)
{
    QStringList parts;
    for (const store::MessageRecord::Address& address : record.addressesOf(role)) {
        parts << (address.name.isEmpty() ? address.email
                                         : u"%1 <%2>"_s.arg(address.name, address.email));
    }
    return parts.join(u", "_s);
}

// A push button that mirrors an action (text, enabled) and triggers it.
QPushButton* buttonFor(QAction* action)
{
    auto* button = new QPushButton(action->text());
    button->setAutoDefault(false);
    button->setEnabled(action->isEnabled());
    button->setToolTip(action->toolTip());
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    QObject::connect(action, &QAction::changed, button,
                     [button, action] { button->setEnabled(action->isEnabled()); });
    return button;
}

} // namespace

ThreadView::ThreadView(const QSqlDatabase& db, QWidget* parent)
    : QWidget(parent)
    , m_db(db)
{
    m_subject = new QLabel;
    m_subject->setObjectName(u"threadSubject"_s);
    m_subject->setTextFormat(Qt::PlainText);
    m_subject->setWordWrap(true);
    QFont bold = m_subject->font();
    bold.setBold(true);
    m_subject->setFont(bold);
    m_otherCards = new QLabel;
    m_otherCards->setObjectName(u"threadOtherCards"_s);
    m_otherCards->setTextFormat(Qt::PlainText);
    m_otherCards->setWordWrap(true);

    m_messages = new QTreeWidget;
    m_messages->setObjectName(u"messageList"_s);
    m_messages->setRootIsDecorated(false);
    m_messages->setUniformRowHeights(true);
    m_messages->setHeaderLabels({tr("From"), tr("Date"), tr("Text")});
    m_messages->header()->setSectionResizeMode(FromColumn, QHeaderView::ResizeToContents);
    m_messages->header()->setSectionResizeMode(DateColumn, QHeaderView::ResizeToContents);
    m_messages->setAccessibleName(tr("Messages of the thread"));

    m_headers = new QLabel;
    m_headers->setObjectName(u"messageHeaders"_s);
    m_headers->setTextFormat(Qt::RichText);
    m_headers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headers->setWordWrap(true);
    m_blockedNote = new QLabel(tr("Remote images and other remote content were not loaded."));
    m_blockedNote->setObjectName(u"remoteContentNote"_s);
    m_blockedNote->setWordWrap(true);
    m_blockedNote->hide();
    m_body = new SafeTextBrowser;
    m_body->setObjectName(u"messageBody"_s);
    m_body->setAccessibleName(tr("Message text"));
    m_attachments = new QTreeWidget;
    m_attachments->setObjectName(u"attachmentList"_s);
    m_attachments->setRootIsDecorated(false);
    m_attachments->setHeaderLabels({tr("Attachment"), tr("Type"), tr("Size"), tr("Status")});
    m_attachments->setMaximumHeight(m_attachments->fontMetrics().lineSpacing() * 6);
    m_attachments->setAccessibleName(tr("Attachments"));
    m_attachments->hide();

    m_openAttachment = new QAction(tr("&Open"), this);
    m_openAttachment->setObjectName(u"openAttachmentAction"_s);
    m_openAttachment->setToolTip(
        tr("Download the attachment from the mail server and open it (double-click or Enter)."));
    m_saveAttachment = new QAction(tr("Save &As…"), this);
    m_saveAttachment->setObjectName(u"saveAttachmentAction"_s);
    m_saveAttachment->setToolTip(tr("Download the attachment and save a copy where you choose."));
    m_attachments->addAction(m_openAttachment);
    m_attachments->addAction(m_saveAttachment);
    m_attachments->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* openButton = buttonFor(m_openAttachment);
    openButton->setObjectName(u"openAttachmentButton"_s);
    auto* saveButton = buttonFor(m_saveAttachment);
    saveButton->setObjectName(u"saveAttachmentButton"_s);
    m_attachmentNote = new QLabel;
    m_attachmentNote->setObjectName(u"attachmentNote"_s);
    m_attachmentNote->setTextFormat(Qt::PlainText);
    m_attachmentNote->setWordWrap(true);
    m_attachmentNote->hide();
    m_attachmentBar = new QWidget;
    auto* attachmentBarLayout = new QHBoxLayout(m_attachmentBar);
    attachmentBarLayout->setContentsMargins(0, 0, 0, 0);
    attachmentBarLayout->addWidget(openButton);
    attachmentBarLayout->addWidget(saveButton);
    attachmentBarLayout->addWidget(m_attachmentNote, 1);
    m_attachmentBar->hide();
    m_opener = [](const QUrl& file) {
        return QDesktopServices::openUrl(file);
    };
    m_savePrompt = [this](const QString& suggestedPath) {
        return QFileDialog::getSaveFileName(this, tr("Save Attachment"), suggestedPath);
    };

    m_detachMessage = new QAction(tr("Detach &message"), this);
    m_detachMessage->setObjectName(u"detachMessageAction"_s);
    m_detachMessage->setToolTip(
        tr("Take this message off the card; the rest of the thread stays."));
    m_detachMessage->setShortcut(QKeySequence::Delete);
    m_detachMessage->setShortcutContext(Qt::WidgetShortcut);
    m_attachMessage = new QAction(tr("Re-attach m&essage"), this);
    m_attachMessage->setObjectName(u"attachMessageAction"_s);
    m_attachMessage->setShortcut(Qt::Key_Insert);
    m_attachMessage->setShortcutContext(Qt::WidgetShortcut);
    m_messages->addAction(m_detachMessage);
    m_messages->addAction(m_attachMessage);
    m_messages->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_detachButton = buttonFor(m_detachMessage);
    m_detachButton->setObjectName(u"detachMessageButton"_s);
    m_attachButton = buttonFor(m_attachMessage);
    m_attachButton->setObjectName(u"attachMessageButton"_s);

    auto* detail = new QWidget;
    auto* detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    detailLayout->addWidget(m_headers);
    detailLayout->addWidget(m_blockedNote);
    detailLayout->addWidget(m_body, 1);
    detailLayout->addWidget(m_attachments);
    detailLayout->addWidget(m_attachmentBar);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->addWidget(m_messages);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setChildrenCollapsible(false);

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_detachButton);
    buttons->addWidget(m_attachButton);
    buttons->addStretch(1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_subject);
    layout->addWidget(m_otherCards);
    layout->addWidget(splitter, 1);
    layout->addLayout(buttons);

    connect(m_messages, &QTreeWidget::currentItemChanged, this, &ThreadView::showCurrentMessage);
    connect(m_detachMessage, &QAction::triggered, this, [this] {
        if (const qint64 id = currentMessageId(); id != 0 && m_detachMessage->isEnabled())
            emit detachMessageRequested(id);
    });
    connect(m_attachMessage, &QAction::triggered, this, [this] {
        if (const qint64 id = currentMessageId(); id != 0 && m_attachMessage->isEnabled())
            emit attachMessageRequested(id);
    });
    connect(m_body, &SafeTextBrowser::remoteContentBlocked, m_blockedNote, &QLabel::show);
    connect(m_attachments, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { openAttachment(item); });
    connect(m_attachments, &QTreeWidget::currentItemChanged, this, &ThreadView::updateActions);
    connect(m_openAttachment, &QAction::triggered, this,
            [this] { openAttachment(m_attachments->currentItem()); });
    connect(m_saveAttachment, &QAction::triggered, this,
            [this] { saveAttachment(m_attachments->currentItem()); });
    setTabOrder(m_messages, m_body);
    setTabOrder(m_body, m_attachments);
    setTabOrder(m_attachments, openButton);
    setTabOrder(openButton, saveButton);
    setTabOrder(saveButton, m_detachButton);
    setTabOrder(m_detachButton, m_attachButton);
    clear();
}

void ThreadView::clear()
{
    m_cardId = 0;
    m_threadId = 0;
    m_list.clear();
    m_subject->setText(tr("Open a thread to read it (double-click or Enter)."));
    m_otherCards->clear();
    m_otherCards->hide();
    m_messages->clear();
    m_headers->clear();
    m_blockedNote->hide();
    m_body->setMailText(QString());
    m_attachments->clear();
    m_attachments->hide();
    m_attachmentBar->hide();
    showAttachmentNote({});
    updateActions();
}

void ThreadView::showThread(qint64 cardId, qint64 threadId)
{
    m_cardId = cardId;
    m_threadId = threadId;
    refresh();
    if (m_messages->topLevelItemCount() > 0 && m_messages->currentItem() == nullptr)
        m_messages->setCurrentItem(m_messages->topLevelItem(m_messages->topLevelItemCount() - 1));
}

void ThreadView::refresh()
{
    if (m_threadId == 0)
        return;
    const qint64 selected = currentMessageId();
    store::LinkRepository links(m_db);
    const auto summary = links.thread(m_threadId);
    const auto messages = links.threadMessages(m_threadId, m_cardId);
    if (!summary || !messages) {
        emit loadFailed(!summary ? summary.error().message : messages.error().message);
        return;
    }
    if (!summary.value()) { // merged into another thread, or gone
        clear();
        return;
    }
    m_subject->setText(summary.value()->subject.isEmpty() ? tr("(no subject)")
                                                          : summary.value()->subject);
    // Which other cards show the thread: detaching here leaves them alone.
    QStringList others;
    if (const auto cardLinks = links.threadLinks(m_threadId)) {
        for (const store::ThreadCardLink& link : cardLinks.value()) {
            if (link.cardId != m_cardId && link.state == store::LinkState::Attached &&
                !others.contains(link.cardName))
                others << link.cardName;
        }
    }
    m_otherCards->setText(others.isEmpty() ? QString()
                                           : tr("Also on: %1").arg(others.join(u", "_s)));
    m_otherCards->setVisible(!others.isEmpty());

    m_list = messages.value();
    const QSignalBlocker blocker(m_messages);
    m_messages->clear();
    const QBrush grey = QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
    QTreeWidgetItem* current = nullptr;
    for (const store::ThreadMessage& message : std::as_const(m_list)) {
        auto* item = new QTreeWidgetItem(m_messages);
        const QString from = message.fromName.isEmpty() ? message.fromEmail : message.fromName;
        item->setText(FromColumn, message.outgoing ? tr("%1 (sent)").arg(from) : from);
        item->setText(DateColumn, dateText(message.date));
        item->setText(SnippetColumn, message.snippet);
        item->setData(FromColumn, MessageIdRole, message.id);
        item->setData(FromColumn, OnCardRole, message.onCard);
        item->setToolTip(FromColumn, message.fromEmail);
        if (!message.onCard) {
            for (int column = 0; column < 3; ++column) {
                item->setForeground(column, grey);
                item->setToolTip(column, tr("Not shown on this card (detached)"));
            }
        }
        if (message.id == selected)
            current = item;
    }
    if (current)
        m_messages->setCurrentItem(current);
    showCurrentMessage();
}

qint64 ThreadView::currentMessageId() const
{
    const QTreeWidgetItem* item = m_messages->currentItem();
    return item ? item->data(FromColumn, MessageIdRole).toLongLong() : 0;
}

void ThreadView::selectMessage(qint64 messageId)
{
    for (int i = 0; i < m_messages->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_messages->topLevelItem(i);
        if (item->data(FromColumn, MessageIdRole).toLongLong() == messageId) {
            m_messages->setCurrentItem(item);
            return;
        }
    }
}

void ThreadView::showCurrentMessage()
{
    const qint64 id = currentMessageId();
    m_blockedNote->hide();
    m_attachments->clear();
    m_attachmentBar->hide();
    // A refresh after a sync batch keeps what was said about this message's attachments.
    if (m_noteMessageId != id)
        showAttachmentNote({});
    updateActions();
    if (id == 0) {
        m_headers->clear();
        m_body->setMailText(QString());
        m_attachments->hide();
        return;
    }
    const auto stored = store::MessageRepository(m_db).message(id);
    if (!stored || !stored.value()) {
        m_headers->setText(tr("This message is no longer stored.").toHtmlEscaped());
        m_body->setMailText(QString());
        m_attachments->hide();
        if (!stored)
            emit loadFailed(stored.error().message);
        return;
    }
    const store::MessageRecord& record = *stored.value();
    using Role = store::MessageRecord::Role;
    QStringList lines;
    const auto line = [&lines](const QString& label, const QString& value) {
        if (!value.isEmpty())
            lines << u"<b>%1</b> %2"_s.arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    };
    line(tr("From:"), addressList(record, Role::From));
    line(tr("To:"), addressList(record, Role::To));
    line(tr("Cc:"), addressList(record, Role::Cc));
    line(tr("Bcc:"), addressList(record, Role::Bcc));
    line(tr("Date:"), dateText(record.date.isValid() ? record.date : record.internalDate));
    line(tr("Subject:"), record.subject);
    m_headers->setText(lines.join(u"<br>"_s));
    if (record.htmlBody)
        m_body->setMailHtml(*record.htmlBody);
    else
        m_body->setMailText(record.textBody);
    for (const store::MessageRecord::Attachment& attachment : record.attachments) {
        auto* item = new QTreeWidgetItem(m_attachments);
        item->setText(NameColumn,
                      attachment.fileName.isEmpty() ? tr("(unnamed)") : attachment.fileName);
        item->setText(TypeColumn, attachment.mimeType);
        item->setText(SizeColumn, QLocale().formattedDataSize(attachment.size));
        item->setData(NameColumn, AttachmentPartRole, attachment.partPath);
        item->setData(NameColumn, AttachmentNameRole, attachment.fileName);
        if (isDownloading(id, attachment.partPath))
            item->setText(StatusColumn, tr("Downloading…"));
    }
    if (!record.attachments.isEmpty())
        m_attachments->setCurrentItem(m_attachments->topLevelItem(0));
    m_attachments->setVisible(!record.attachments.isEmpty());
    m_attachmentBar->setVisible(!record.attachments.isEmpty());
    updateActions();
}

void ThreadView::updateActions()
{
    const QTreeWidgetItem* item = m_messages->currentItem();
    const bool onCard = item && item->data(FromColumn, OnCardRole).toBool();
    m_detachMessage->setEnabled(m_cardId != 0 && item && onCard);
    m_attachMessage->setEnabled(m_cardId != 0 && item && !onCard);
    const bool attachment = m_attachments->currentItem() != nullptr;
    m_openAttachment->setEnabled(attachment);
    m_saveAttachment->setEnabled(attachment);
}

void ThreadView::openAttachment(QTreeWidgetItem* item)
{
    if (!item)
        return;
    // Asked twice while it downloads: it opens once, when it is here.
    const QString part = item->data(NameColumn, AttachmentPartRole).toString();
    const qint64 messageId = currentMessageId();
    for (const PendingAttachment& pending : std::as_const(m_pending)) {
        if (pending.messageId == messageId && pending.part == part && pending.saveTo.isEmpty())
            return;
    }
    requestAttachment(item, {});
}

void ThreadView::saveAttachment(QTreeWidgetItem* item)
{
    if (!item)
        return;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DownloadLocation);
    const QString suggested = QDir(folder.isEmpty() ? QDir::homePath() : folder)
                                  .filePath(sync::AttachmentCache::safeFileName(
                                      item->data(NameColumn, AttachmentNameRole).toString()));
    const QString target = m_savePrompt ? m_savePrompt(suggested) : QString();
    if (target.isEmpty())
        return; // cancelled
    requestAttachment(item, target);
}

void ThreadView::requestAttachment(QTreeWidgetItem* item, const QString& saveTo)
{
    PendingAttachment pending;
    pending.messageId = currentMessageId();
    pending.part = item->data(NameColumn, AttachmentPartRole).toString();
    pending.name = item->text(NameColumn);
    pending.saveTo = saveTo;
    if (pending.messageId == 0 || pending.part.isEmpty())
        return;
    const quint64 id = ++m_lastRequestId;
    m_pending.insert(id, pending);
    item->setText(StatusColumn, tr("Downloading…"));
    showAttachmentNote({});
    emit attachmentRequested({id, pending.messageId, pending.part, saveTo});
}

void ThreadView::attachmentFetched(quint64 requestId, const QString& filePath)
{
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend())
        return;
    const PendingAttachment pending = *it;
    m_pending.erase(it);
    if (!pending.saveTo.isEmpty()) {
        updateAttachmentRow(pending.messageId, pending.part, tr("Saved"));
        showAttachmentNote(
            tr("Saved “%1” to %2.").arg(pending.name, QDir::toNativeSeparators(filePath)), {},
            pending.messageId);
        return;
    }
    updateAttachmentRow(pending.messageId, pending.part, QString());
    if (!m_opener || !m_opener(QUrl::fromLocalFile(filePath))) {
        showAttachmentNote(tr("No program could open “%1”. Use Save As… to keep a copy and open "
                              "it another way.")
                               .arg(pending.name),
                           {}, pending.messageId);
    }
}

void ThreadView::attachmentFailed(quint64 requestId, const net::UserError& error)
{
    const auto it = m_pending.constFind(requestId);
    if (it == m_pending.cend())
        return;
    const PendingAttachment pending = *it;
    m_pending.erase(it);
    updateAttachmentRow(pending.messageId, pending.part, tr("Failed"));
    const net::ErrorCatalog::Entry entry = net::ErrorCatalog::entry(error.code);
    QString toolTip = entry.explanation;
    if (!error.detail.isEmpty())
        toolTip += u"\n\n"_s + tr("Details: %1").arg(error.detail);
    showAttachmentNote(
        tr("Could not get “%1”: %2 (error %3). %4")
            .arg(pending.name, entry.title, QString::number(int(error.code)), entry.fix),
        toolTip, pending.messageId);
}

QTreeWidgetItem* ThreadView::attachmentRow(qint64 messageId, const QString& part) const
{
    if (messageId != currentMessageId())
        return nullptr;
    for (int i = 0; i < m_attachments->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_attachments->topLevelItem(i);
        if (item->data(NameColumn, AttachmentPartRole).toString() == part)
            return item;
    }
    return nullptr;
}

void ThreadView::updateAttachmentRow(qint64 messageId, const QString& part, const QString& status)
{
    QTreeWidgetItem* item = attachmentRow(messageId, part);
    if (!item)
        return;
    // Another request for the same part may still be on its way.
    item->setText(StatusColumn, isDownloading(messageId, part) ? tr("Downloading…") : status);
}

bool ThreadView::isDownloading(qint64 messageId, const QString& part) const
{
    for (const PendingAttachment& pending : m_pending) {
        if (pending.messageId == messageId && pending.part == part)
            return true;
    }
    return false;
}

void ThreadView::showAttachmentNote(const QString& text, const QString& toolTip, qint64 messageId)
{
    m_noteMessageId = text.isEmpty() ? 0 : messageId;
    m_attachmentNote->setText(text);
    m_attachmentNote->setToolTip(toolTip);
    m_attachmentNote->setVisible(!text.isEmpty());
}

} // namespace threadline::ui
