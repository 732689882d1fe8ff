#include "CardForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

constexpr int ContactIdRole = Qt::UserRole + 1;

// Common ISO 4217 codes offered first; any other three-letter code can be typed.
const QStringList commonCurrencies{u"EUR"_s, u"USD"_s, u"GBP"_s, u"CHF"_s, u"CAD"_s,
                                   u"AUD"_s, u"JPY"_s, u"SEK"_s, u"NOK"_s, u"DKK"_s};

template <typename Enum> void selectData(QComboBox* combo, Enum value)
{
    combo->setCurrentIndex(qMax(0, combo->findData(int(value))));
}

template <typename Enum> Enum currentEnum(const QComboBox* combo)
{
    return Enum(combo->currentData().toInt());
}

} // namespace

CardForm::CardForm(QWidget* parent)
    : QWidget(parent)
{
    m_layout = new QFormLayout(this);
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    m_contactKind = new QComboBox;
    m_contactKind->setObjectName(u"contactKindCombo"_s);
    for (crm::ContactKind kind : crm::allContactKinds())
        m_contactKind->addItem(crm::contactKindDisplayName(kind), int(kind));
    addRow(CardField::ContactKind, tr("&Kind:"), m_contactKind);

    m_name = new QLineEdit;
    m_name->setObjectName(u"nameEdit"_s);
    addRow(CardField::Name, tr("&Name:"), m_name);

    m_company = new QLineEdit;
    m_company->setObjectName(u"companyEdit"_s);
    addRow(CardField::Company, tr("C&ompany:"), m_company);

    m_title = new QLineEdit;
    m_title->setObjectName(u"titleEdit"_s);
    addRow(CardField::Title, tr("&Title:"), m_title);

    m_emails = new QLineEdit;
    m_emails->setObjectName(u"emailsEdit"_s);
    m_emails->setPlaceholderText(tr("name@example.com, other@example.com"));
    m_emails->setToolTip(tr("Mail to or from these addresses appears on the card."));
    addRow(CardField::Emails, tr("&Emails:"), m_emails);

    m_phones = new QLineEdit;
    m_phones->setObjectName(u"phonesEdit"_s);
    m_phones->setPlaceholderText(tr("Separate numbers with commas"));
    addRow(CardField::Phones, tr("&Phones:"), m_phones);

    m_status = new QComboBox;
    m_status->setObjectName(u"statusCombo"_s);
    for (crm::LeadStatus status : crm::allLeadStatuss())
        m_status->addItem(crm::leadStatusDisplayName(status), int(status));
    addRow(CardField::Status, tr("Stat&us:"), m_status);

    m_source = new QLineEdit;
    m_source->setObjectName(u"sourceEdit"_s);
    m_source->setPlaceholderText(tr("Trade fair, website, referral…"));
    addRow(CardField::Source, tr("Sou&rce:"), m_source);

    m_address = new QPlainTextEdit;
    m_address->setObjectName(u"addressEdit"_s);
    m_address->setTabChangesFocus(true);
    m_address->setFixedHeight(m_address->fontMetrics().lineSpacing() * 4);
    addRow(CardField::Address, tr("Add&ress:"), m_address);

    // Deal contacts: the chosen ones in a list, a picker with completion to add more.
    m_contacts = new QListWidget;
    m_contacts->setObjectName(u"dealContactsList"_s);
    m_contacts->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_contacts->setFixedHeight(m_contacts->fontMetrics().lineSpacing() * 5);
    m_contacts->setToolTip(tr("Double-click a contact to open it."));
    m_contactPicker = new QComboBox;
    m_contactPicker->setObjectName(u"contactPicker"_s);
    m_contactPicker->setEditable(true);
    m_contactPicker->setInsertPolicy(QComboBox::NoInsert);
    m_contactPicker->completer()->setFilterMode(Qt::MatchContains);
    m_contactPicker->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_contactPicker->lineEdit()->setPlaceholderText(tr("Type a contact's name"));
    m_addContact = new QPushButton(tr("Add"));
    m_addContact->setObjectName(u"addContactButton"_s);
    m_addContact->setAutoDefault(false);
    m_removeContact = new QPushButton(tr("Remove"));
    m_removeContact->setObjectName(u"removeContactButton"_s);
    m_removeContact->setAutoDefault(false);
    auto* contactsBox = new QWidget;
    auto* contactsLayout = new QVBoxLayout(contactsBox);
    contactsLayout->setContentsMargins(0, 0, 0, 0);
    contactsLayout->addWidget(m_contacts);
    auto* pickerRow = new QHBoxLayout;
    pickerRow->addWidget(m_contactPicker, 1);
    pickerRow->addWidget(m_addContact);
    pickerRow->addWidget(m_removeContact);
    contactsLayout->addLayout(pickerRow);
    addRow(CardField::Contacts, tr("Con&tacts:"), m_contacts, contactsBox);

    m_stage = new QComboBox;
    m_stage->setObjectName(u"stageCombo"_s);
    for (crm::DealStage stage : crm::allDealStages())
        m_stage->addItem(crm::dealStageDisplayName(stage), int(stage));
    addRow(CardField::Stage, tr("Sta&ge:"), m_stage);

    m_value = new QLineEdit;
    m_value->setObjectName(u"valueEdit"_s);
    m_value->setPlaceholderText(tr("12500.00"));
    m_currency = new QComboBox;
    m_currency->setObjectName(u"currencyCombo"_s);
    m_currency->setEditable(true);
    m_currency->setInsertPolicy(QComboBox::NoInsert);
    m_currency->addItems(commonCurrencies);
    m_currency->setAccessibleName(tr("Currency"));
    auto* valueBox = new QWidget;
    auto* valueLayout = new QHBoxLayout(valueBox);
    valueLayout->setContentsMargins(0, 0, 0, 0);
    valueLayout->addWidget(m_value, 1);
    valueLayout->addWidget(m_currency);
    addRow(CardField::Value, tr("&Value:"), m_value, valueBox);
    // Currency messages show under the value row.
    m_rows.insert(CardField::Currency,
                  {nullptr, nullptr, m_currency, m_rows[CardField::Value].error});

    m_hasCloseDate = new QCheckBox(tr("Set"));
    m_hasCloseDate->setObjectName(u"closeDateCheck"_s);
    m_hasCloseDate->setAccessibleName(tr("Has an expected close date"));
    m_closeDate = new QDateEdit;
    m_closeDate->setObjectName(u"closeDateEdit"_s);
    m_closeDate->setCalendarPopup(true);
    m_closeDate->setEnabled(false);
    auto* dateBox = new QWidget;
    auto* dateLayout = new QHBoxLayout(dateBox);
    dateLayout->setContentsMargins(0, 0, 0, 0);
    dateLayout->addWidget(m_hasCloseDate);
    dateLayout->addWidget(m_closeDate, 1);
    addRow(CardField::CloseDate, tr("E&xpected close:"), m_hasCloseDate, dateBox);

    for (QLineEdit* edit : {m_name, m_company, m_title, m_emails, m_phones, m_source, m_value})
        connect(edit, &QLineEdit::textEdited, this, &CardForm::notifyEdited);
    connect(m_address, &QPlainTextEdit::textChanged, this, &CardForm::notifyEdited);
    for (QComboBox* combo : {m_status, m_stage, m_currency})
        connect(combo, &QComboBox::currentTextChanged, this, &CardForm::notifyEdited);
    connect(m_contactKind, &QComboBox::currentIndexChanged, this, [this] {
        showRowsOf(m_loaded.kind, currentEnum<crm::ContactKind>(m_contactKind));
        notifyEdited();
    });
    connect(m_hasCloseDate, &QCheckBox::toggled, this, [this](bool on) {
        m_closeDate->setEnabled(on && m_hasCloseDate->isEnabled());
        notifyEdited();
    });
    connect(m_closeDate, &QDateEdit::dateChanged, this, &CardForm::notifyEdited);
    connect(m_addContact, &QPushButton::clicked, this, &CardForm::addPickedContact);
    connect(m_contactPicker->lineEdit(), &QLineEdit::returnPressed, this,
            &CardForm::addPickedContact);
    connect(m_removeContact, &QPushButton::clicked, this, &CardForm::removeSelectedContacts);
    connect(m_contacts, &QListWidget::itemSelectionChanged, this, &CardForm::updateContactButtons);
    connect(m_contacts, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        emit contactActivated(item->data(ContactIdRole).toLongLong());
    });

    setDraft(CardDraft());
}

QWidget* CardForm::addRow(CardField field, const QString& label, QWidget* input,
                          QWidget* rowContent)
{
    Row row;
    row.input = input;
    row.label = new QLabel(label);
    row.label->setBuddy(input);
    row.error = new QLabel;
    row.error->setObjectName(input->objectName() + u"Error"_s);
    row.error->setWordWrap(true);
    row.error->setTextFormat(Qt::PlainText);
    QPalette palette = row.error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    row.error->setPalette(palette);
    row.error->hide();
    row.container = new QWidget;
    auto* layout = new QVBoxLayout(row.container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(rowContent ? rowContent : input);
    layout->addWidget(row.error);
    m_layout->addRow(row.label, row.container);
    m_rows.insert(field, row);
    return row.container;
}

void CardForm::showRowsOf(crm::CardKind kind, crm::ContactKind contactKind)
{
    using F = CardField;
    QList<CardField> shown;
    switch (kind) {
    case crm::CardKind::Lead:
        shown = {F::Name, F::Company, F::Title, F::Emails, F::Phones, F::Status, F::Source};
        m_rows[F::Company].label->setText(tr("C&ompany:"));
        break;
    case crm::CardKind::Contact:
        shown = {F::ContactKind, F::Name, F::Emails, F::Phones, F::Address};
        if (contactKind == crm::ContactKind::Person)
            shown << F::Company;
        m_rows[F::Company].label->setText(tr("Organisati&on:"));
        break;
    case crm::CardKind::Deal:
        shown = {F::Name, F::Contacts, F::Stage, F::Value, F::CloseDate};
        break;
    }
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (it->container)
            m_layout->setRowVisible(it->container, shown.contains(it.key()));
    }
}

void CardForm::setContactChoices(const QList<store::CardRef>& contacts)
{
    const QSignalBlocker blocker(m_contactPicker);
    m_contactPicker->clear();
    m_contactNames.clear();
    for (const store::CardRef& contact : contacts) {
        m_contactPicker->addItem(contact.name, contact.id);
        m_contactNames.insert(contact.id, contact.name);
    }
    m_contactPicker->setCurrentIndex(-1);
    m_contactPicker->clearEditText();
    // Names of the contacts already listed may have changed.
    for (int i = 0; i < m_contacts->count(); ++i) {
        QListWidgetItem* item = m_contacts->item(i);
        item->setText(m_contactNames.value(item->data(ContactIdRole).toLongLong(), item->text()));
    }
}

void CardForm::setDraft(const CardDraft& draft)
{
    m_loading = true;
    m_loaded = draft;
    m_name->setText(draft.name);
    m_company->setText(draft.company);
    m_title->setText(draft.title);
    m_emails->setText(draft.emails.join(u", "_s));
    m_phones->setText(draft.phones.join(u", "_s));
    selectData(m_status, draft.status);
    m_source->setText(draft.source);
    selectData(m_contactKind, draft.contactKind);
    m_address->setPlainText(draft.address);
    m_contacts->clear();
    for (qint64 contactId : draft.contactIds)
        addContactItem(contactId);
    selectData(m_stage, draft.stage);
    m_value->setText(draft.valueText);
    m_currency->setCurrentText(draft.currency);
    m_hasCloseDate->setChecked(draft.expectedClose.isValid());
    m_closeDate->setDate(draft.expectedClose.isValid() ? draft.expectedClose
                                                       : QDate::currentDate().addMonths(1));
    m_closeDate->setEnabled(draft.expectedClose.isValid() && m_hasCloseDate->isEnabled());
    showRowsOf(draft.kind, draft.contactKind);
    clearErrors();
    updateContactButtons();
    m_loading = false;
    // What the widgets make of the draft is the clean state (e.g. "a@x, b@y" splits back
    // to the same list), so an untouched form is never "modified".
    m_loaded = this->draft();
}

CardDraft CardForm::draft() const
{
    CardDraft draft;
    draft.kind = m_loaded.kind;
    draft.id = m_loaded.id;
    draft.name = m_name->text();
    switch (draft.kind) {
    case crm::CardKind::Lead:
        draft.company = m_company->text();
        draft.title = m_title->text();
        draft.emails = CardDraft::splitEmails(m_emails->text());
        draft.phones = CardDraft::splitPhones(m_phones->text());
        draft.status = currentEnum<crm::LeadStatus>(m_status);
        draft.source = m_source->text();
        break;
    case crm::CardKind::Contact:
        draft.contactKind = currentEnum<crm::ContactKind>(m_contactKind);
        if (draft.contactKind == crm::ContactKind::Person)
            draft.company = m_company->text();
        draft.emails = CardDraft::splitEmails(m_emails->text());
        draft.phones = CardDraft::splitPhones(m_phones->text());
        draft.address = m_address->toPlainText();
        break;
    case crm::CardKind::Deal:
        for (int i = 0; i < m_contacts->count(); ++i)
            draft.contactIds << m_contacts->item(i)->data(ContactIdRole).toLongLong();
        draft.stage = currentEnum<crm::DealStage>(m_stage);
        draft.valueText = m_value->text();
        draft.currency = m_currency->currentText();
        if (m_hasCloseDate->isChecked())
            draft.expectedClose = m_closeDate->date();
        break;
    }
    return draft;
}

void CardForm::setErrors(const QList<FieldError>& errors)
{
    QHash<QLabel*, QStringList> messages;
    for (const FieldError& error : errors) {
        if (QLabel* label = errorLabel(error.field))
            messages[label] << error.message;
    }
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        QLabel* label = it->error;
        const QStringList lines = messages.value(label);
        label->setText(lines.join(u'\n'));
        label->setVisible(!lines.isEmpty());
        if (it->input) {
            it->input->setAccessibleDescription(lines.join(u' '));
            it->input->setToolTip(lines.isEmpty() && it.key() == CardField::Emails
                                      ? tr("Mail to or from these addresses appears on the card.")
                                      : lines.join(u'\n'));
        }
    }
}

QWidget* CardForm::fieldWidget(CardField field) const
{
    return m_rows.value(field).input;
}

QLabel* CardForm::errorLabel(CardField field) const
{
    return m_rows.value(field).error;
}

QWidget* CardForm::firstField() const
{
    return m_loaded.kind == crm::CardKind::Contact ? static_cast<QWidget*>(m_contactKind) : m_name;
}

QWidget* CardForm::lastField() const
{
    // Hidden rows are skipped by the tab chain: the last widget made is the last of every kind.
    return m_closeDate;
}

void CardForm::setReadOnly(bool readOnly)
{
    for (QLineEdit* edit : {m_name, m_company, m_title, m_emails, m_phones, m_source, m_value})
        edit->setReadOnly(readOnly);
    m_address->setReadOnly(readOnly);
    for (QWidget* widget :
         std::initializer_list<QWidget*>{m_status, m_stage, m_currency, m_contactKind,
                                         m_contactPicker, m_addContact, m_hasCloseDate})
        widget->setEnabled(!readOnly);
    m_closeDate->setEnabled(!readOnly && m_hasCloseDate->isChecked());
    updateContactButtons();
}

void CardForm::addPickedContact()
{
    qint64 contactId = 0;
    const int exact =
        m_contactPicker->findText(m_contactPicker->currentText(), Qt::MatchFixedString);
    if (exact >= 0)
        contactId = m_contactPicker->itemData(exact).toLongLong();
    if (contactId == 0)
        return;
    for (int i = 0; i < m_contacts->count(); ++i) {
        if (m_contacts->item(i)->data(ContactIdRole).toLongLong() == contactId)
            return;
    }
    addContactItem(contactId);
    m_contactPicker->setCurrentIndex(-1);
    m_contactPicker->clearEditText();
    notifyEdited();
}

void CardForm::removeSelectedContacts()
{
    const QList<QListWidgetItem*> selected = m_contacts->selectedItems();
    if (selected.isEmpty())
        return;
    qDeleteAll(selected);
    updateContactButtons();
    notifyEdited();
}

void CardForm::addContactItem(qint64 contactId)
{
    auto* item = new QListWidgetItem(
        m_contactNames.value(contactId, tr("Contact #%1").arg(contactId)), m_contacts);
    item->setData(ContactIdRole, contactId);
}

void CardForm::updateContactButtons()
{
    m_removeContact->setEnabled(m_addContact->isEnabled() &&
                                !m_contacts->selectedItems().isEmpty());
}

void CardForm::notifyEdited()
{
    if (!m_loading)
        emit edited();
}

} // namespace threadline::ui
