#include "ConvertLeadDialog.h"

#include "CardDraft.h"
#include "CardValidator.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

ConvertLeadDialog::ConvertLeadDialog(const crm::Lead& lead, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"convertLeadDialog"_s);
    setWindowTitle(tr("Convert “%1” to a contact").arg(lead.name));

    auto* intro = new QLabel(tr("The lead becomes a contact with its addresses and phones; its "
                                "mail moves along, detached threads included."));
    intro->setWordWrap(true);
    m_contactName = new QLineEdit(lead.name);
    m_contactName->setObjectName(u"convertContactName"_s);
    m_organisation = new QLineEdit(lead.company);
    m_organisation->setObjectName(u"convertOrganisation"_s);

    m_dealBox = new QGroupBox(tr("Also create a &deal"));
    m_dealBox->setObjectName(u"convertDealBox"_s);
    m_dealBox->setCheckable(true);
    m_dealBox->setChecked(false);
    m_dealName = new QLineEdit(lead.company.isEmpty() ? lead.name : lead.company);
    m_dealName->setObjectName(u"convertDealName"_s);
    m_dealStage = new QComboBox;
    m_dealStage->setObjectName(u"convertDealStage"_s);
    for (crm::DealStage stage : crm::allDealStages())
        m_dealStage->addItem(crm::dealStageDisplayName(stage), int(stage));
    m_dealValue = new QLineEdit;
    m_dealValue->setObjectName(u"convertDealValue"_s);
    m_dealValue->setPlaceholderText(tr("12500.00"));
    m_dealCurrency = new QComboBox;
    m_dealCurrency->setObjectName(u"convertDealCurrency"_s);
    m_dealCurrency->setEditable(true);
    m_dealCurrency->addItems({u"EUR"_s, u"USD"_s, u"GBP"_s, u"CHF"_s, u"CAD"_s, u"JPY"_s});
    const QString localCurrency = QLocale().currencySymbol(QLocale::CurrencyIsoCode);
    if (localCurrency.size() == 3)
        m_dealCurrency->setCurrentText(localCurrency);
    m_dealCurrency->setAccessibleName(tr("Currency"));
    auto* valueRow = new QHBoxLayout;
    valueRow->addWidget(m_dealValue, 1);
    valueRow->addWidget(m_dealCurrency);
    auto* dealForm = new QFormLayout(m_dealBox);
    dealForm->addRow(tr("Deal &name:"), m_dealName);
    dealForm->addRow(tr("&Stage:"), m_dealStage);
    dealForm->addRow(tr("&Value:"), valueRow);

    m_error = new QLabel;
    m_error->setObjectName(u"convertError"_s);
    m_error->setWordWrap(true);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_error->setPalette(palette);
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Contact n&ame:"), m_contactName);
    form->addRow(tr("&Organisation:"), m_organisation);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton* convert = buttons->addButton(tr("&Convert"), QDialogButtonBox::AcceptRole);
    convert->setObjectName(u"convertButton"_s);
    convert->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_dealBox);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

LeadConversion ConvertLeadDialog::conversion() const
{
    LeadConversion conversion;
    conversion.contactName = m_contactName->text().trimmed();
    conversion.organisation = m_organisation->text().trimmed();
    if (m_dealBox->isChecked()) {
        crm::Deal deal;
        deal.name = m_dealName->text().trimmed();
        deal.stage = crm::DealStage(m_dealStage->currentData().toInt());
        deal.value = crm::Money{CardDraft::parseAmount(m_dealValue->text()).value_or(0),
                                m_dealCurrency->currentText().trimmed().toUpper()};
        conversion.deal = deal;
    }
    return conversion;
}

void ConvertLeadDialog::accept()
{
    QStringList problems;
    QWidget* focus = nullptr;
    if (auto error = CardValidator::checkName(m_contactName->text())) {
        problems << tr("Contact: %1").arg(error->message);
        focus = m_contactName;
    }
    if (m_dealBox->isChecked()) {
        if (auto error = CardValidator::checkName(m_dealName->text())) {
            problems << tr("Deal: %1").arg(error->message);
            focus = focus ? focus : m_dealName;
        }
        if (auto error = CardValidator::checkValue(m_dealValue->text())) {
            problems << error->message;
            focus = focus ? focus : m_dealValue;
        }
        if (auto error =
                CardValidator::checkCurrency(m_dealValue->text(), m_dealCurrency->currentText())) {
            problems << error->message;
            focus = focus ? focus : m_dealCurrency;
        }
    }
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(u'\n'));
        m_error->show();
        focus->setFocus(Qt::OtherFocusReason);
        return;
    }
    QDialog::accept();
}

} // namespace threadline::ui
