#include "ThreadView.h"

#include "SafeTextBrowser.h"
#include "ThreadRoles.h"
#include "store/LinkRepository.h"
#include "store/MessageRepository.h"

#include <QAction>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
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
    m_attachments->setHeaderLabels({tr("Attachment"), tr("Type"), tr("Size")});
    m_attachments->setMaximumHeight(m_attachments->fontMetrics().lineSpacing() * 6);
    m_attachments->hide();

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
    setTabOrder(m_messages, m_body);
    setTabOrder(m_body, m_attachments);
    setTabOrder(m_attachments, m_detachButton);
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
    updateActions();
    const qint64 id = currentMessageId();
    m_blockedNote->hide();
    m_attachments->clear();
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
        item->setText(0, attachment.fileName.isEmpty() ? tr("(unnamed)") : attachment.fileName);
        item->setText(1, attachment.mimeType);
        item->setText(2, QLocale().formattedDataSize(attachment.size));
    }
    m_attachments->setVisible(!record.attachments.isEmpty());
}

void ThreadView::updateActions()
{
    const QTreeWidgetItem* item = m_messages->currentItem();
    const bool onCard = item && item->data(FromColumn, OnCardRole).toBool();
    m_detachMessage->setEnabled(m_cardId != 0 && item && onCard);
    m_attachMessage->setEnabled(m_cardId != 0 && item && !onCard);
}

} // namespace threadline::ui
