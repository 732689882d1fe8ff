#pragma once

#include "LeadConversion.h"
#include "crm/Lead.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace threadline::ui {

// Asks how a lead becomes a contact: the contact's name and organisation, and optionally a
// deal (name, stage, value). Accepting checks the fields and says what is wrong beside them.
class ConvertLeadDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConvertLeadDialog)

public:
    ConvertLeadDialog(const crm::Lead& lead, QWidget* parent = nullptr);

    LeadConversion conversion() const;

    QLineEdit* contactNameEdit() const { return m_contactName; }
    QLineEdit* organisationEdit() const { return m_organisation; }
    QGroupBox* dealBox() const { return m_dealBox; }
    QLineEdit* dealNameEdit() const { return m_dealName; }
    QLineEdit* dealValueEdit() const { return m_dealValue; }
    QComboBox* dealStageCombo() const { return m_dealStage; }
    QLabel* errorLabel() const { return m_error; }

    void accept() override;

private:
    QLineEdit* m_contactName = nullptr;
    QLineEdit* m_organisation = nullptr;
    QGroupBox* m_dealBox = nullptr;
    QLineEdit* m_dealName = nullptr;
    QComboBox* m_dealStage = nullptr;
    QLineEdit* m_dealValue = nullptr;
    QComboBox* m_dealCurrency = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace threadline::ui
