#include "UntrackedView.h"

#include "AddCardDialog.h"
#include "CardPickerDialog.h"
#include "CardRoles.h"
#include "UntrackedSenderModel.h"
#include "UntrackedThreadModel.h"
#include "store/CardRepository.h"
#include "store/LinkRepository.h"
#include "store/MessageRepository.h"
#include "store/Transaction.h"
#include "store/UntrackedRepository.h"
#include "sync/Matcher.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

QTableView* makeTable(const QString& name)
{
    auto* table = new QTableView;
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setWordWrap(false);
    table->setContextMenuPolicy(Qt::CustomContextMenu);
    table->verticalHeader()->hide();
    table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

// The preview shows the newest messages of a thread, each body cut at a length that keeps
// the GUI thread quick on a huge message.
constexpr int previewMessages = 20;
constexpr int previewBodyChars = 20000;

} // namespace

UntrackedView::UntrackedView(const QSqlDatabase& db, QWidget* parent)
    : QWidget(parent)
    , m_db(db)
{
    setObjectName(u"untrackedView"_s);
    m_senderModel = new UntrackedSenderModel(db, this);
    m_threadModel = new UntrackedThreadModel(db, this);

    m_senders = makeTable(u"untrackedSenders"_s);
    m_senders->setModel(m_senderModel);
    m_threads = makeTable(u"untrackedThreads"_s);
    m_threads->setModel(m_threadModel);
    m_preview = new QTextBrowser;
    m_preview->setObjectName(u"untrackedPreview"_s);
    m_preview->setOpenLinks(false);

    const auto makeAction = [this](const QString& text, const QKeySequence& shortcut,
                                   const QString& tip) {
        auto* action = new QAction(text, this);
        action->setShortcut(shortcut);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setToolTip(tip + u" ("_s + shortcut.toString(QKeySequence::NativeText) + u")"_s);
        addAction(action);
        return action;
    };
    m_addLead = makeAction(tr("Add as &lead"), QKeySequence(u"Ctrl+Shift+L"_s),
                           tr("Create a lead for this correspondent, with their mail"));
    m_addContact = makeAction(tr("Add as &contact"), QKeySequence(u"Ctrl+Shift+K"_s),
                              tr("Create a contact for this correspondent, with their mail"));
    m_attach = makeAction(tr("&Attach to card…"), QKeySequence(u"Ctrl+Shift+A"_s),
                          tr("Put this correspondent's mail on a card you choose"));
    m_openCard = new QAction(tr("&Open card"), this);
    connect(m_addLead, &QAction::triggered, this, [this] { addCard(crm::CardKind::Lead); });
    connect(m_addContact, &QAction::triggered, this, [this] { addCard(crm::CardKind::Contact); });
    connect(m_attach, &QAction::triggered, this, &UntrackedView::attachToCard);
    connect(m_openCard, &QAction::triggered, this, [this] {
        if (const auto* sender = m_senderModel->sender(m_senders->currentIndex().row()))
            Q_EMIT openCardRequested(sender->cardId);
    });

    auto* buttons = new QHBoxLayout;
    for (QAction* action : {m_addLead, m_addContact, m_attach}) {
        auto* button = new QToolButton;
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        button->setObjectName(action == m_addLead      ? u"addLeadButton"_s
                              : action == m_addContact ? u"addContactButton"_s
                                                       : u"attachButton"_s);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);

    auto* intro = new QLabel(tr("Mail no card shows, by correspondent. Add the correspondent as "
                                "a lead or a contact, or attach their mail to a card."));
    intro->setWordWrap(true);
    m_empty = new QLabel(tr("No untracked mail: every stored message is on a card."));
    m_empty->setObjectName(u"untrackedEmpty"_s);
    m_empty->hide();

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(m_threads);
    right->addWidget(m_preview);
    right->setStretchFactor(1, 1);
    auto* split = new QSplitter;
    split->addWidget(m_senders);
    split->addWidget(right);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(intro);
    layout->addLayout(buttons);
    layout->addWidget(m_empty);
    layout->addWidget(split, 1);
    setTabOrder(m_senders, m_threads);
    setTabOrder(m_threads, m_preview);

    connect(m_senders->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &UntrackedView::senderChanged);
    connect(m_threads->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &UntrackedView::threadChanged);
    connect(m_senders, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showContextMenu(m_senders, position); });
    connect(m_threads, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& position) { showContextMenu(m_threads, position); });
    // Enter on a correspondent goes to their threads.
    connect(m_senders, &QAbstractItemView::activated, this, [this] { m_threads->setFocus(); });
    for (auto* model : {static_cast<QAbstractItemModel*>(m_senderModel),
                        static_cast<QAbstractItemModel*>(m_threadModel)}) {
        connect(model, &QAbstractItemModel::modelReset, this, &UntrackedView::updateActions);
        connect(model, &QAbstractItemModel::rowsInserted, this, &UntrackedView::updateActions);
    }
    connect(m_senderModel, &UntrackedSenderModel::loadFailed, this, &UntrackedView::message);
    connect(m_threadModel, &UntrackedThreadModel::loadFailed, this, &UntrackedView::message);
    m_stale = true; // read when first shown
    updateActions();
}

void UntrackedView::setMatchPolicy(const sync::MatchPolicy& policy)
{
    m_policy = policy;
    QStringList own = policy.ownAddresses();
    if (!policy.dropboxAddress().isEmpty())
        own << policy.dropboxAddress();
    m_senderModel->setOwnAddresses(own);
    markStale();
}

void UntrackedView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

void UntrackedView::markStale()
{
    if (isVisible())
        reload();
    else
        m_stale = true;
}

QString UntrackedView::currentEmail() const
{
    const auto* sender = m_senderModel->sender(m_senders->currentIndex().row());
    return sender ? sender->email : QString();
}

void UntrackedView::reload()
{
    m_stale = false;
    const QString email = currentEmail();
    const int row = m_senders->currentIndex().row();
    m_senderModel->reload();
    int next = m_senderModel->rowOfEmail(email);
    if (next < 0) // the correspondent left the view: the one that took their place
        next = qMin(row, m_senderModel->rowCount() - 1);
    if (next < 0 && m_senderModel->rowCount() > 0)
        next = 0;
    if (next >= 0)
        m_senders->setCurrentIndex(m_senderModel->index(next, 0));
    else
        senderChanged();
    m_senders->resizeColumnsToContents();
    updateActions();
}

void UntrackedView::showThread(qint64 threadId)
{
    QStringList own = m_policy.ownAddresses();
    if (!m_policy.dropboxAddress().isEmpty())
        own << m_policy.dropboxAddress();
    if (m_stale)
        reload();
    auto sender = store::UntrackedRepository(m_db).correspondent(threadId, own);
    if (!sender) {
        Q_EMIT message(sender.error().message);
        return;
    }
    if (!sender.value())
        return;
    const int row = m_senderModel->ensureListed(*sender.value());
    m_senders->setCurrentIndex(m_senderModel->index(row, 0));
    m_senders->scrollTo(m_senders->currentIndex());
    const int threadRow = m_threadModel->findThread(threadId);
    if (threadRow >= 0) {
        m_threads->setCurrentIndex(m_threadModel->index(threadRow, 0));
        m_threads->scrollTo(m_threads->currentIndex());
        m_threads->setFocus();
    }
}

void UntrackedView::senderChanged()
{
    m_threadModel->setCorrespondent(currentEmail());
    if (m_threadModel->rowCount() > 0)
        m_threads->setCurrentIndex(m_threadModel->index(0, 0));
    else
        threadChanged();
    m_threads->resizeColumnsToContents();
    updateActions();
}

void UntrackedView::threadChanged()
{
    const store::ThreadSummary* thread = m_threadModel->thread(m_threads->currentIndex().row());
    if (!thread) {
        m_preview->clear();
        return;
    }
    auto messages = store::LinkRepository(m_db).threadMessages(thread->id);
    if (!messages) {
        m_preview->setPlainText(messages.error().message);
        return;
    }
    const QList<store::ThreadMessage>& all = messages.value();
    const store::MessageRepository repository(m_db);
    QString html = u"<h3>"_s + thread->subject.toHtmlEscaped() + u"</h3>"_s;
    if (all.size() > previewMessages)
        html += u"<p><i>"_s +
                tr("%n earlier message(s) not shown.", nullptr, int(all.size()) - previewMessages)
                    .toHtmlEscaped() +
                u"</i></p>"_s;
    for (qsizetype i = qMax<qsizetype>(0, all.size() - previewMessages); i < all.size(); ++i) {
        const store::ThreadMessage& m = all[i];
        const QString from =
            m.fromName.isEmpty() ? m.fromEmail : m.fromName + u" <"_s + m.fromEmail + u">"_s;
        const QString date = m.date.isValid()
                                 ? QLocale().toString(m.date.toLocalTime(), QLocale::ShortFormat)
                                 : QString();
        QString body = m.snippet;
        if (auto record = repository.message(m.id); record && record.value())
            body = record.value()->textBody.left(previewBodyChars);
        html += u"<hr><p><b>"_s + from.toHtmlEscaped() + u"</b> — "_s + date.toHtmlEscaped() +
                u"</p><p style=\"white-space: pre-wrap\">"_s + body.toHtmlEscaped() + u"</p>"_s;
    }
    m_preview->setHtml(html);
}

void UntrackedView::updateActions()
{
    const bool hasSender = m_senderModel->sender(m_senders->currentIndex().row()) != nullptr;
    m_addLead->setEnabled(hasSender);
    m_addContact->setEnabled(hasSender);
    m_attach->setEnabled(hasSender);
    m_empty->setVisible(m_senderModel->rowCount() == 0);
}

void UntrackedView::showContextMenu(QTableView* view, const QPoint& position)
{
    if (!view->indexAt(position).isValid())
        return;
    QMenu menu(this);
    menu.addAction(m_addLead);
    menu.addAction(m_addContact);
    menu.addAction(m_attach);
    const auto* sender = m_senderModel->sender(m_senders->currentIndex().row());
    if (sender && sender->cardId != 0) {
        menu.addSeparator();
        menu.addAction(m_openCard);
    }
    menu.exec(view->viewport()->mapToGlobal(position));
}

void UntrackedView::addCard(crm::CardKind kind)
{
    const auto* sender = m_senderModel->sender(m_senders->currentIndex().row());
    if (!sender)
        return;
    // A name-less correspondent gets the address's local part as a starting point.
    const QString name = sender->name.isEmpty() ? sender->email.section(u'@', 0, 0) : sender->name;
    auto* dialog = new AddCardDialog(kind, name, sender->email, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        createCard(dialog->kind(), dialog->name(), dialog->email(), dialog->company());
    });
    dialog->open();
}

void UntrackedView::createCard(crm::CardKind kind, const QString& name, const QString& email,
                               const QString& company)
{
    store::Transaction transaction(m_db);
    store::CardRepository cards(m_db);
    store::Result<qint64> id = qint64(0);
    if (kind == crm::CardKind::Lead) {
        crm::Lead lead;
        lead.name = name;
        lead.company = company;
        lead.emails = {crm::EmailAddress(email)};
        lead.source = tr("Email");
        id = cards.insertLead(lead);
    } else {
        crm::Contact contact;
        contact.name = name;
        contact.organisation = company;
        contact.emails = {crm::EmailAddress(email)};
        id = cards.insertContact(contact);
    }
    if (!id) {
        Q_EMIT message(tr("The card could not be created: %1").arg(id.error().message));
        return;
    }
    // Sync rule 5: a new card links its stored mail at once.
    auto changes = sync::Matcher(m_db, m_policy).linkCard(id.value());
    if (!changes || !transaction.commit()) {
        Q_EMIT message(tr("The card could not be created: %1")
                           .arg(changes ? tr("the database is busy") : changes.error().message));
        return;
    }
    QList<qint64> cardIds(changes.value().cards.cbegin(), changes.value().cards.cend());
    if (!cardIds.contains(id.value()))
        cardIds << id.value();
    const QList<qint64> threadIds(changes.value().threads.cbegin(), changes.value().threads.cend());
    reload();
    Q_EMIT cardsChanged(cardIds, threadIds);
    Q_EMIT cardCreated(id.value());
    Q_EMIT message(
        kind == crm::CardKind::Lead
            ? tr("Lead “%1” created with %n thread(s).", nullptr, int(threadIds.size())).arg(name)
            : tr("Contact “%1” created with %n thread(s).", nullptr, int(threadIds.size()))
                  .arg(name));
}

void UntrackedView::attachToCard()
{
    const auto* sender = m_senderModel->sender(m_senders->currentIndex().row());
    if (!sender)
        return;
    auto* dialog = new CardPickerDialog(
        m_db,
        tr("Attach the untracked mail of %1 to:")
            .arg(sender->name.isEmpty() ? sender->email
                                        : sender->name + u" <"_s + sender->email + u">"_s),
        this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, email = sender->email] {
        if (const qint64 cardId = dialog->selectedCardId())
            attachSenderThreads(email, cardId);
    });
    dialog->open();
}

void UntrackedView::attachSenderThreads(const QString& email, qint64 cardId)
{
    store::Transaction transaction(m_db);
    const store::LinkRepository links(m_db);
    sync::Matcher matcher(m_db, m_policy);
    store::ChangeSet changes;
    std::optional<store::ThreadCursor> after;
    constexpr int page = 200;
    for (;;) {
        auto threads = links.untrackedThreads(email, page, after);
        if (!threads) {
            Q_EMIT message(tr("The mail could not be attached: %1").arg(threads.error().message));
            return;
        }
        for (const store::ThreadSummary& thread : threads.value()) {
            auto attached = matcher.attachThread(cardId, thread.id);
            if (!attached) {
                Q_EMIT message(
                    tr("The mail could not be attached: %1").arg(attached.error().message));
                return;
            }
            changes += attached.value();
        }
        if (threads.value().size() < page)
            break;
        after = store::ThreadCursor::after(threads.value().last());
    }
    if (!transaction.commit()) {
        Q_EMIT message(tr("The mail could not be attached: the database is busy."));
        return;
    }
    changes.cards.insert(cardId);
    reload();
    Q_EMIT cardsChanged(QList<qint64>(changes.cards.cbegin(), changes.cards.cend()),
                        QList<qint64>(changes.threads.cbegin(), changes.threads.cend()));
    Q_EMIT message(tr("%n thread(s) attached.", nullptr, int(changes.threads.size())));
}

} // namespace threadline::ui
