#include "CardView.h"

#include "AttachEmailDialog.h"
#include "CardDraft.h"
#include "CardForm.h"
#include "CardValidator.h"
#include "CardWriter.h"
#include "ConvertLeadDialog.h"
#include "LeadConversion.h"
#include "ThreadListModel.h"
#include "ThreadRoles.h"
#include "ThreadView.h"
#include "store/CardRepository.h"
#include "store/LinkRepository.h"
#include "store/Transaction.h"
#include "sync/Matcher.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSet>
#include <QSplitter>
#include <QTabBar>
#include <QTableView>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

// A push button that mirrors an action (enabled state) and triggers it.
QPushButton* buttonFor(QAction* action, const QString& objectName)
{
    auto* button = new QPushButton(action->text());
    button->setObjectName(objectName);
    button->setAutoDefault(false);
    button->setEnabled(action->isEnabled());
    button->setToolTip(action->toolTip());
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    QObject::connect(action, &QAction::changed, button, [button, action] {
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isVisible());
    });
    return button;
}

QString headingFor(const CardDraft& draft)
{
    if (draft.id == 0) {
        switch (draft.kind) {
        case crm::CardKind::Lead:
            return CardView::tr("New lead");
        case crm::CardKind::Contact:
            return CardView::tr("New contact");
        case crm::CardKind::Deal:
            return CardView::tr("New deal");
        }
    }
    return CardView::tr("%1 · %2").arg(crm::cardKindDisplayName(draft.kind), draft.name);
}

} // namespace

CardView::CardView(const QSqlDatabase& db, QWidget* parent)
    : QWidget(parent)
    , m_db(db)
{
    // ---- actions ----
    m_save = new QAction(tr("&Save"), this);
    m_save->setObjectName(u"saveCardAction"_s);
    m_save->setShortcut(QKeySequence::Save);
    m_save->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_save->setToolTip(
        tr("Save the card (%1)")
            .arg(QKeySequence(QKeySequence::Save).toString(QKeySequence::NativeText)));
    m_revert = new QAction(tr("Re&vert"), this);
    m_revert->setObjectName(u"revertCardAction"_s);
    m_revert->setToolTip(tr("Undo the changes not saved yet"));
    m_delete = new QAction(tr("&Delete card…"), this);
    m_delete->setObjectName(u"deleteCardAction"_s);
    m_convert = new QAction(tr("Convert to &contact…"), this);
    m_convert->setObjectName(u"convertLeadAction"_s);
    m_convert->setToolTip(
        tr("Make this lead a contact, optionally with a deal; its mail moves along."));
    m_attachEmail = new QAction(tr("Attach e&mail…"), this);
    m_attachEmail->setObjectName(u"attachEmailAction"_s);
    m_attachEmail->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    m_attachEmail->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_attachEmail->setToolTip(tr("Find stored mail, tracked or not, and attach it to this card"));
    m_detach = new QAction(tr("Detac&h"), this);
    m_detach->setObjectName(u"detachThreadAction"_s);
    m_detach->setShortcut(QKeySequence::Delete);
    m_detach->setShortcutContext(Qt::WidgetShortcut);
    m_detach->setToolTip(
        tr("Take the selected threads off this card; later replies stay off it (Del)"));
    m_reattach = new QAction(tr("Re-&attach"), this);
    m_reattach->setObjectName(u"reattachThreadAction"_s);
    m_reattach->setShortcut(Qt::Key_Insert);
    m_reattach->setShortcutContext(Qt::WidgetShortcut);
    m_reattach->setToolTip(tr("Put the selected threads back on this card (Ins)"));
    m_open = new QAction(tr("&Open thread"), this);
    m_open->setObjectName(u"openThreadAction"_s);
    addAction(m_save);
    addAction(m_attachEmail);

    // ---- the card ----
    m_heading = new QLabel;
    m_heading->setObjectName(u"cardHeading"_s);
    m_heading->setTextFormat(Qt::PlainText);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.25);
    m_heading->setFont(headingFont);

    m_convertedBanner = new QWidget;
    m_convertedBanner->setObjectName(u"convertedBanner"_s);
    m_convertedText = new QLabel;
    m_convertedText->setWordWrap(true);
    auto* openContact = new QPushButton(tr("Open contact"));
    openContact->setObjectName(u"openConvertedButton"_s);
    openContact->setAutoDefault(false);
    auto* bannerLayout = new QHBoxLayout(m_convertedBanner);
    bannerLayout->setContentsMargins(0, 0, 0, 0);
    bannerLayout->addWidget(m_convertedText, 1);
    bannerLayout->addWidget(openContact);
    m_convertedBanner->hide();

    m_form = new CardForm;
    m_form->setObjectName(u"cardForm"_s);
    auto* formScroll = new QScrollArea;
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);

    QPushButton* saveButton = buttonFor(m_save, u"saveButton"_s);
    QPushButton* revertButton = buttonFor(m_revert, u"revertButton"_s);
    QPushButton* convertButton = buttonFor(m_convert, u"convertButton"_s);
    QPushButton* deleteButton = buttonFor(m_delete, u"deleteButton"_s);
    m_notice = new QLabel;
    m_notice->setObjectName(u"cardNotice"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    auto* cardButtons = new QHBoxLayout;
    cardButtons->addWidget(saveButton);
    cardButtons->addWidget(revertButton);
    cardButtons->addStretch(1);
    cardButtons->addWidget(convertButton);
    cardButtons->addWidget(deleteButton);

    auto* cardPane = new QWidget;
    auto* cardLayout = new QVBoxLayout(cardPane);
    cardLayout->setContentsMargins(0, 0, 0, 0);
    cardLayout->addWidget(m_heading);
    cardLayout->addWidget(m_convertedBanner);
    cardLayout->addWidget(formScroll, 1);
    cardLayout->addLayout(cardButtons);
    cardLayout->addWidget(m_notice);

    // ---- its threads ----
    m_tabs = new QTabBar;
    m_tabs->setObjectName(u"threadTabs"_s);
    m_tabs->addTab(QString());
    m_tabs->addTab(QString());
    m_tabs->setDrawBase(false);
    m_tabs->setToolTip(tr("Threads shown on the card, and threads detached from it"));
    QPushButton* attachButton = buttonFor(m_attachEmail, u"attachEmailButton"_s);
    QPushButton* detachButton = buttonFor(m_detach, u"detachButton"_s);
    QPushButton* reattachButton = buttonFor(m_reattach, u"reattachButton"_s);
    auto* threadBar = new QHBoxLayout;
    threadBar->addWidget(m_tabs);
    threadBar->addStretch(1);
    threadBar->addWidget(attachButton);
    threadBar->addWidget(detachButton);
    threadBar->addWidget(reattachButton);

    m_model = new ThreadListModel(db, this);
    m_threads = new QTableView;
    m_threads->setObjectName(u"threadTable"_s);
    m_threads->setModel(m_model);
    m_threads->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_threads->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_threads->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_threads->setWordWrap(false);
    m_threads->setTabKeyNavigation(false);
    m_threads->verticalHeader()->hide();
    // Fixed row heights: no per-row measuring, whatever the number of rows.
    m_threads->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_threads->verticalHeader()->setDefaultSectionSize(m_threads->fontMetrics().height() + 8);
    m_threads->horizontalHeader()->setSectionResizeMode(ThreadListModel::SubjectColumn,
                                                        QHeaderView::Stretch);
    m_threads->horizontalHeader()->setSectionResizeMode(ThreadListModel::CountColumn,
                                                        QHeaderView::ResizeToContents);
    m_threads->setColumnWidth(ThreadListModel::ParticipantsColumn, 160);
    m_threads->setColumnWidth(ThreadListModel::DateColumn, 130);
    m_threads->setColumnWidth(ThreadListModel::OriginColumn, 180);
    m_threads->setAccessibleName(tr("Email threads of the card"));
    m_threads->addAction(m_open);
    m_threads->addAction(m_detach);
    m_threads->addAction(m_reattach);
    m_threads->addAction(m_attachEmail);
    m_threads->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_threadHint = new QLabel;
    m_threadHint->setObjectName(u"threadHint"_s);
    m_threadHint->setWordWrap(true);
    m_threadHint->hide();

    m_threadPane = new QWidget;
    auto* threadLayout = new QVBoxLayout(m_threadPane);
    threadLayout->setContentsMargins(0, 0, 0, 0);
    threadLayout->addLayout(threadBar);
    threadLayout->addWidget(m_threadHint);
    threadLayout->addWidget(m_threads, 1);

    m_threadView = new ThreadView(db);
    m_threadView->setObjectName(u"threadView"_s);

    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setObjectName(u"cardViewSplitter"_s);
    splitter->addWidget(cardPane);
    splitter->addWidget(m_threadPane);
    splitter->addWidget(m_threadView);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 2);
    splitter->setStretchFactor(2, 3);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    // Keyboard: the form, its buttons, the thread tabs and buttons, the list, the thread.
    setTabOrder(m_form->lastField(), saveButton);
    setTabOrder(saveButton, revertButton);
    setTabOrder(revertButton, convertButton);
    setTabOrder(convertButton, deleteButton);
    setTabOrder(deleteButton, m_tabs);
    setTabOrder(m_tabs, attachButton);
    setTabOrder(attachButton, detachButton);
    setTabOrder(detachButton, reattachButton);
    setTabOrder(reattachButton, m_threads);
    setTabOrder(m_threads, m_threadView->messageList());

    // ---- behaviour ----
    connect(m_save, &QAction::triggered, this, [this] { save(); });
    connect(m_revert, &QAction::triggered, this, &CardView::revert);
    connect(m_delete, &QAction::triggered, this, &CardView::requestDelete);
    connect(m_convert, &QAction::triggered, this, &CardView::requestConversion);
    connect(m_attachEmail, &QAction::triggered, this, &CardView::requestAttachEmail);
    connect(m_detach, &QAction::triggered, this, &CardView::detachSelectedThreads);
    connect(m_reattach, &QAction::triggered, this, &CardView::reattachSelectedThreads);
    connect(m_open, &QAction::triggered, this, &CardView::openCurrentThread);
    connect(m_form, &CardForm::edited, this, &CardView::updateActions);
    connect(m_form, &CardForm::contactActivated, this, &CardView::openCardRequested);
    connect(openContact, &QPushButton::clicked, this, [this] {
        if (m_convertedTo != 0)
            emit openCardRequested(m_convertedTo);
    });
    connect(m_tabs, &QTabBar::currentChanged, this, &CardView::showThreadTab);
    connect(m_threads, &QAbstractItemView::activated, this, &CardView::openCurrentThread);
    connect(m_threads->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &CardView::updateActions);
    connect(m_threads->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &CardView::updateActions);
    connect(m_model, &ThreadListModel::totalCountChanged, this, &CardView::updateTabCounts);
    connect(m_model, &ThreadListModel::loadFailed, this, [this](const QString& message) {
        setNotice(tr("The mail of this card could not be read: %1").arg(message), true);
    });
    connect(m_threadView, &ThreadView::detachMessageRequested, this,
            [this](qint64 messageId) { setMessageLink(messageId, false); });
    connect(m_threadView, &ThreadView::attachMessageRequested, this,
            [this](qint64 messageId) { setMessageLink(messageId, true); });
    connect(m_threadView, &ThreadView::loadFailed, this, [this](const QString& message) {
        setNotice(tr("The thread could not be read: %1").arg(message), true);
    });

    showNothing(tr("No card selected."));
}

void CardView::setMatchPolicy(const sync::MatchPolicy& policy)
{
    m_policy = policy;
}

crm::CardKind CardView::cardKind() const
{
    return m_form->kind();
}

bool CardView::hasUnsavedChanges() const
{
    return m_exists && m_convertedTo == 0 && m_form->isModified();
}

std::optional<CardDraft> CardView::loadDraft(qint64 cardId, QString* error) const
{
    store::CardRepository cards(m_db);
    const auto kind = cards.kindOf(cardId);
    if (!kind) {
        *error = kind.error().message;
        return std::nullopt;
    }
    if (!kind.value())
        return std::nullopt;
    switch (*kind.value()) {
    case crm::CardKind::Lead:
        if (const auto lead = cards.lead(cardId); lead && lead.value())
            return CardDraft::fromLead(*lead.value());
        break;
    case crm::CardKind::Contact:
        if (const auto contact = cards.contact(cardId); contact && contact.value())
            return CardDraft::fromContact(*contact.value());
        break;
    case crm::CardKind::Deal:
        if (const auto deal = cards.deal(cardId); deal && deal.value())
            return CardDraft::fromDeal(*deal.value());
        break;
    }
    *error = tr("the card could not be read");
    return std::nullopt;
}

void CardView::showCard(qint64 cardId)
{
    QString error;
    const std::optional<CardDraft> draft = loadDraft(cardId, &error);
    if (!draft) {
        showNothing(error.isEmpty() ? tr("This card no longer exists.")
                                    : tr("The card could not be read: %1").arg(error));
        return;
    }
    m_cardId = cardId;
    m_exists = true;
    if (draft->kind == crm::CardKind::Deal) {
        const auto contacts = store::CardRepository(m_db).cardRefs(crm::CardKind::Contact);
        m_form->setContactChoices(contacts ? contacts.value() : QList<store::CardRef>());
    }
    m_form->setDraft(*draft);
    m_form->setEnabled(true);
    setHeading(*draft);

    m_convertedTo = 0;
    if (draft->kind == crm::CardKind::Lead) {
        const auto converted = store::CardRepository(m_db).convertedTo(cardId);
        m_convertedTo = converted ? converted.value() : 0;
    }
    if (m_convertedTo != 0) {
        const auto contact = store::CardRepository(m_db).contact(m_convertedTo);
        const QString name =
            contact && contact.value() ? contact.value()->name : tr("(deleted contact)");
        m_convertedText->setText(
            tr("This lead was converted to the contact “%1”; its mail is there now.").arg(name));
    }
    m_convertedBanner->setVisible(m_convertedTo != 0);
    m_form->setReadOnly(m_convertedTo != 0);

    m_threadPane->setEnabled(true);
    m_threadHint->hide();
    m_threads->show();
    {
        const QSignalBlocker blocker(m_tabs);
        m_tabs->setCurrentIndex(AttachedTab);
    }
    m_model->setCard(cardId, ThreadListModel::Filter::Attached);
    updateTabCounts();
    m_threadView->clear();
    setNotice(QString());
    updateActions();
}

void CardView::showNewCard(crm::CardKind kind)
{
    m_cardId = 0;
    m_exists = true;
    m_convertedTo = 0;
    m_convertedBanner->hide();
    CardDraft draft;
    draft.kind = kind;
    if (kind == crm::CardKind::Deal) {
        const QString local = QLocale().currencySymbol(QLocale::CurrencyIsoCode);
        draft.currency = local.size() == 3 ? local : u"EUR"_s;
        const auto contacts = store::CardRepository(m_db).cardRefs(crm::CardKind::Contact);
        m_form->setContactChoices(contacts ? contacts.value() : QList<store::CardRef>());
    }
    m_form->setDraft(draft);
    m_form->setEnabled(true);
    m_form->setReadOnly(false);
    setHeading(draft);
    m_model->setCard(0);
    updateTabCounts();
    m_threadView->clear();
    m_threadPane->setEnabled(false);
    m_threadHint->setText(
        kind == crm::CardKind::Deal
            ? tr("Save the deal, then attach its mail with “Attach email…”.")
            : tr("Save the card: the mail stored for its addresses appears here."));
    m_threadHint->show();
    setNotice(QString());
    updateActions();
}

void CardView::showNothing(const QString& heading)
{
    m_cardId = 0;
    m_exists = false;
    m_convertedTo = 0;
    m_convertedBanner->hide();
    m_heading->setText(heading);
    m_form->setDraft(CardDraft());
    m_form->setEnabled(false);
    m_model->setCard(0);
    updateTabCounts();
    m_threadView->clear();
    m_threadPane->setEnabled(false);
    m_threadHint->hide();
    setNotice(QString());
    updateActions();
}

void CardView::setHeading(const CardDraft& draft)
{
    m_heading->setText(headingFor(draft));
}

void CardView::setNotice(const QString& text, bool problem)
{
    m_notice->setText(text);
    QPalette palette = this->palette();
    if (problem)
        palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_notice->setPalette(palette);
    m_notice->setVisible(!text.isEmpty());
}

void CardView::updateActions()
{
    const bool stored = m_exists && m_cardId != 0;
    const bool editable = m_exists && m_convertedTo == 0;
    const bool modified = editable && m_form->isModified();
    m_save->setEnabled(editable && (modified || m_cardId == 0));
    m_revert->setEnabled(modified);
    m_delete->setEnabled(stored);
    m_convert->setVisible(m_exists && m_form->kind() == crm::CardKind::Lead);
    m_convert->setEnabled(stored && editable && m_form->kind() == crm::CardKind::Lead);
    m_attachEmail->setEnabled(stored);

    bool canDetach = false;
    bool canReattach = false;
    const QModelIndexList rows = m_threads->selectionModel()->selectedRows();
    for (const QModelIndex& index : rows) {
        const store::CardThread& thread = m_model->threadAt(index.row());
        if (thread.state == store::LinkState::Attached)
            canDetach = true;
        // A thread shown through single messages can be attached whole.
        if (thread.state == store::LinkState::Detached || !thread.wholeThread)
            canReattach = true;
    }
    m_detach->setEnabled(stored && canDetach);
    m_reattach->setEnabled(stored && canReattach);
    m_open->setEnabled(stored && m_threads->currentIndex().isValid());
}

void CardView::updateTabCounts()
{
    int attached = 0;
    int detached = 0;
    if (m_cardId != 0) {
        store::LinkRepository links(m_db);
        const bool attachedShown = m_model->filter() == ThreadListModel::Filter::Attached;
        const auto other = links.cardThreadCount(
            m_cardId, attachedShown ? store::LinkRepository::Filter::Detached
                                    : store::LinkRepository::Filter::Attached);
        const int otherCount = other ? other.value() : 0;
        attached = attachedShown ? m_model->totalCount() : otherCount;
        detached = attachedShown ? otherCount : m_model->totalCount();
    }
    m_tabs->setTabText(AttachedTab, tr("On the card (%1)").arg(attached));
    m_tabs->setTabText(DetachedTab, tr("Detached (%1)").arg(detached));
    m_tabs->setTabToolTip(DetachedTab,
                          tr("Threads taken off this card: later replies stay off it too."));
}

void CardView::showThreadTab(int tab)
{
    if (m_cardId == 0)
        return;
    m_model->setCard(m_cardId, tab == DetachedTab ? ThreadListModel::Filter::Detached
                                                  : ThreadListModel::Filter::Attached);
    updateTabCounts();
    updateActions();
}

bool CardView::save()
{
    if (!m_exists || m_convertedTo != 0)
        return false;
    const CardDraft draft = m_form->draft();
    const QList<FieldError> errors = CardValidator(m_db).validate(draft);
    m_form->setErrors(errors);
    if (!errors.isEmpty()) {
        setNotice(tr("The card was not saved: check the marked fields."), true);
        if (QWidget* field = m_form->fieldWidget(errors.first().field))
            field->setFocus(Qt::OtherFocusReason);
        return false;
    }
    const auto result = CardWriter(m_db, m_policy).save(draft);
    if (!result) {
        setNotice(tr("The card could not be saved: %1").arg(result.error().message), true);
        return false;
    }
    const qint64 cardId = result.value().cardId;
    const bool created = draft.id == 0;
    if (created) {
        showCard(cardId);
    } else {
        QString error;
        if (const auto stored = loadDraft(cardId, &error)) {
            m_form->setDraft(*stored);
            setHeading(*stored);
        }
        applyChanges(result.value().changes);
    }
    const int linked = int(result.value().changes.threads.size());
    setNotice(linked > 0 ? tr("Saved; %n thread(s) of its mail changed.", nullptr, linked)
                         : tr("Saved."));
    updateActions();
    emit cardSaved(cardId);
    // (An edited card's changes were announced by applyChanges().)
    if (created) {
        for (qint64 card : result.value().changes.cards)
            emit threadsChanged(card);
    }
    return true;
}

void CardView::revert()
{
    m_form->setDraft(m_form->loadedDraft());
    setNotice(QString());
    updateActions();
}

void CardView::requestDelete()
{
    if (m_cardId == 0)
        return;
    const CardDraft draft = m_form->loadedDraft();
    auto* box = new QMessageBox(
        QMessageBox::Question, tr("Delete card"),
        draft.kind == crm::CardKind::Lead      ? tr("Delete the lead “%1”?").arg(draft.name)
        : draft.kind == crm::CardKind::Contact ? tr("Delete the contact “%1”?").arg(draft.name)
                                               : tr("Delete the deal “%1”?").arg(draft.name),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"deleteConfirmation"_s);
    box->setInformativeText(tr("Its mail stays stored: threads no other card shows become "
                               "untracked. This cannot be undone."));
    box->button(QMessageBox::Yes)->setText(tr("Delete"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 cardId = m_cardId;
    connect(box, &QMessageBox::finished, this, [this, box, cardId](int) {
        if (box->clickedButton() != box->button(QMessageBox::Yes) || cardId != m_cardId)
            return;
        if (auto error = CardWriter(m_db, m_policy).remove(cardId)) {
            setNotice(tr("The card could not be deleted: %1").arg(error->message), true);
            return;
        }
        showNothing(tr("The card was deleted."));
        emit cardDeleted(cardId);
    });
    box->open();
}

void CardView::requestConversion()
{
    if (m_cardId == 0 || m_form->kind() != crm::CardKind::Lead || m_convertedTo != 0)
        return;
    // The conversion starts from the stored lead: edits are saved first.
    if (m_form->isModified() && !save())
        return;
    const crm::Lead lead = m_form->loadedDraft().toLead();
    auto* dialog = new ConvertLeadDialog(lead, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 leadId = m_cardId;
    connect(dialog, &QDialog::accepted, this,
            [this, dialog, leadId] { convertLead(leadId, dialog->conversion()); });
    dialog->open();
}

void CardView::convertLead(qint64 leadId, const LeadConversion& conversion)
{
    const auto result = CardWriter(m_db, m_policy).convertLead(leadId, conversion);
    if (!result) {
        setNotice(tr("The lead could not be converted: %1").arg(result.error().message), true);
        return;
    }
    const CardWriteResult& done = result.value();
    showCard(done.cardId);
    setNotice(done.dealId != 0 ? tr("The lead is now this contact, with a new deal.")
                               : tr("The lead is now this contact."));
    emit cardSaved(leadId);
    emit cardSaved(done.cardId);
    if (done.dealId != 0)
        emit cardSaved(done.dealId);
    for (qint64 card : done.changes.cards)
        emit threadsChanged(card);
    emit leadConverted(leadId, done.cardId, done.dealId);
    emit openCardRequested(done.cardId);
}

void CardView::requestAttachEmail()
{
    if (m_cardId == 0)
        return;
    auto* dialog = new AttachEmailDialog(m_db, m_cardId, m_form->loadedDraft().name, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const qint64 cardId = m_cardId;
    connect(dialog, &QDialog::accepted, this, [this, dialog, cardId] {
        if (cardId == m_cardId)
            attachThreads(dialog->selectedThreadIds());
    });
    dialog->open();
}

void CardView::attachThreads(const QList<qint64>& threadIds)
{
    if (threadIds.isEmpty())
        return;
    // What was attached shows in the first tab.
    if (m_tabs->currentIndex() != AttachedTab)
        m_tabs->setCurrentIndex(AttachedTab);
    setThreadLinks(threadIds, true);
}

QList<qint64> CardView::selectedThreadIds() const
{
    QList<qint64> ids;
    QModelIndexList rows = m_threads->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    for (const QModelIndex& index : rows)
        ids << index.data(ThreadIdRole).toLongLong();
    return ids;
}

void CardView::detachSelectedThreads()
{
    if (!m_detach->isEnabled())
        return;
    setThreadLinks(selectedThreadIds(), false);
}

void CardView::reattachSelectedThreads()
{
    if (!m_reattach->isEnabled())
        return;
    setThreadLinks(selectedThreadIds(), true);
}

void CardView::setThreadLinks(const QList<qint64>& threadIds, bool attach)
{
    if (m_cardId == 0 || threadIds.isEmpty())
        return;
    const int firstRow = m_threads->selectionModel()->selectedRows().isEmpty()
                             ? 0
                             : m_model->rowOfThread(threadIds.first());
    store::ChangeSet changes;
    {
        store::Transaction transaction(m_db);
        sync::Matcher matcher(m_db, m_policy);
        for (qint64 threadId : threadIds) {
            const auto changed = attach ? matcher.attachThread(m_cardId, threadId)
                                        : matcher.detachThread(m_cardId, threadId);
            if (!changed) {
                setNotice(tr("The change could not be saved: %1").arg(changed.error().message),
                          true);
                return;
            }
            changes += changed.value();
        }
        if (!transaction.commit()) {
            setNotice(tr("The change could not be saved."), true);
            return;
        }
    }
    applyChanges(changes, threadIds);
    if (attach)
        setNotice(tr("%n thread(s) attached to this card.", nullptr, int(threadIds.size())));
    else
        setNotice(tr("%n thread(s) detached: later replies stay off this card. They are listed "
                     "under “Detached”, where one click re-attaches them.",
                     nullptr, int(threadIds.size())));
    // Keep the keyboard where it was: the next row takes the place of the ones that left.
    if (m_model->rowCount() > 0 && firstRow >= 0) {
        const int row = qMin(firstRow, m_model->rowCount() - 1);
        m_threads->setCurrentIndex(m_model->index(row, 0));
        m_threads->selectionModel()->select(m_model->index(row, 0),
                                            QItemSelectionModel::ClearAndSelect |
                                                QItemSelectionModel::Rows);
    }
    updateActions();
}

void CardView::setMessageLink(qint64 messageId, bool attach)
{
    if (m_cardId == 0)
        return;
    sync::Matcher matcher(m_db, m_policy);
    const auto changes = attach ? matcher.attachMessage(m_cardId, messageId)
                                : matcher.detachMessage(m_cardId, messageId);
    if (!changes) {
        setNotice(tr("The change could not be saved: %1").arg(changes.error().message), true);
        return;
    }
    applyChanges(changes.value(), {m_threadView->threadId()});
    setNotice(attach ? tr("The message is on this card again.")
                     : tr("The message was detached from this card; the rest of the thread "
                          "stays."));
}

void CardView::applyChanges(const store::ChangeSet& changes, const QList<qint64>& alsoThreads)
{
    QList<qint64> threads = alsoThreads;
    for (qint64 thread : changes.threads)
        threads << thread;
    for (qint64 thread : changes.removedThreads)
        threads << thread;
    refreshThreads(threads);
    updateTabCounts();
    QSet<qint64> cards = changes.cards;
    if (!alsoThreads.isEmpty())
        cards.insert(m_cardId);
    for (qint64 card : std::as_const(cards))
        emit threadsChanged(card);
}

void CardView::refreshThreads(const QList<qint64>& changedThreadIds)
{
    if (m_cardId == 0)
        return;
    m_model->refreshThreads(changedThreadIds);
    if (changedThreadIds.isEmpty())
        updateTabCounts();
    if (m_threadView->threadId() != 0 && changedThreadIds.contains(m_threadView->threadId()))
        m_threadView->refresh();
    updateActions();
}

void CardView::openCurrentThread()
{
    const QModelIndex index = m_threads->currentIndex();
    if (!index.isValid() || m_cardId == 0)
        return;
    m_threadView->showThread(m_cardId, index.data(ThreadIdRole).toLongLong());
}

} // namespace threadline::ui
