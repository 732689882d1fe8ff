#pragma once

#include "CardDraft.h"
#include "FieldError.h"
#include "store/CardRef.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace threadline::ui {

// The editable fields of one card, the rows of its kind shown (lead: name, company, title,
// emails, phones, status, source; contact: person or organisation, name, organisation,
// emails, phones, address; deal: name, contacts, stage, value and currency, expected close).
// A validation message appears under the field it is about.
class CardForm final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardForm)

public:
    explicit CardForm(QWidget* parent = nullptr);

    // The contacts a deal can pick from (and the names of those it has).
    void setContactChoices(const QList<store::CardRef>& contacts);
    // Shows a card (or a new one, id 0) as not modified, without error messages.
    void setDraft(const CardDraft& draft);
    // What the fields hold now.
    CardDraft draft() const;
    // The draft last given to setDraft().
    const CardDraft& loadedDraft() const { return m_loaded; }
    bool isModified() const { return !(draft() == m_loaded); }
    crm::CardKind kind() const { return m_loaded.kind; }

    void setErrors(const QList<FieldError>& errors);
    void clearErrors() { setErrors({}); }
    // The input that takes the focus for a field, and its message label.
    QWidget* fieldWidget(CardField field) const;
    QLabel* errorLabel(CardField field) const;
    // The first field shown and the last widget of the form, for the tab order of the card view.
    QWidget* firstField() const;
    QWidget* lastField() const;

    void setReadOnly(bool readOnly);

Q_SIGNALS:
    // The user changed a field.
    void edited();
    // A deal's contact was opened (double-click or Enter in the contacts list).
    void contactActivated(qint64 contactId);

private:
    QWidget* addRow(CardField field, const QString& label, QWidget* input,
                    QWidget* rowContent = nullptr);
    void showRowsOf(crm::CardKind kind, crm::ContactKind contactKind);
    void addPickedContact();
    void removeSelectedContacts();
    void addContactItem(qint64 contactId);
    void updateContactButtons();
    void notifyEdited();

    struct Row
    {
        QLabel* label = nullptr;
        QWidget* container = nullptr;
        QWidget* input = nullptr;
        QLabel* error = nullptr;
    };

    QFormLayout* m_layout = nullptr;
    QHash<CardField, Row> m_rows;
    QLineEdit* m_name = nullptr;
    QComboBox* m_contactKind = nullptr;
    QLineEdit* m_company = nullptr;
    QLineEdit* m_title = nullptr;
    QLineEdit* m_emails = nullptr;
    QLineEdit* m_phones = nullptr;
    QComboBox* m_status = nullptr;
    QLineEdit* m_source = nullptr;
    QPlainTextEdit* m_address = nullptr;
    QListWidget* m_contacts = nullptr;
    QComboBox* m_contactPicker = nullptr;
    QPushButton* m_addContact = nullptr;
    QPushButton* m_removeContact = nullptr;
    QComboBox* m_stage = nullptr;
    QLineEdit* m_value = nullptr;
    QComboBox* m_currency = nullptr;
    QCheckBox* m_hasCloseDate = nullptr;
    QDateEdit* m_closeDate = nullptr;

    QHash<qint64, QString> m_contactNames;
    CardDraft m_loaded;
    bool m_loading = false;
};

} // namespace threadline::ui
