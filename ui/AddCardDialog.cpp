#include "AddCardDialog.h"

#include "crm/EmailAddress.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

AddCardDialog::AddCardDialog(crm::CardKind kind, const QString& name, const QString& email,
                             QWidget* parent)
    : QDialog(parent)
    , m_kind(kind)
{
    setObjectName(u"addCardDialog"_s);
    setWindowTitle(kind == crm::CardKind::Lead ? tr("Add as lead") : tr("Add as contact"));

    m_name = new QLineEdit(name);
    m_name->setObjectName(u"name"_s);
    m_email = new QLineEdit(email);
    m_email->setObjectName(u"email"_s);
    m_company = new QLineEdit;
    m_company->setObjectName(u"company"_s);
    m_problem = new QLabel;
    m_problem->setObjectName(u"problem"_s);
    m_problem->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Email:"), m_email);
    form->addRow(kind == crm::CardKind::Lead ? tr("&Company:") : tr("&Organisation:"), m_company);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)
        ->setText(kind == crm::CardKind::Lead ? tr("Create lead") : tr("Create contact"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The new card gets this correspondent's stored mail at once, and their future mail.")));
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &AddCardDialog::validate);
    connect(m_email, &QLineEdit::textChanged, this, &AddCardDialog::validate);
    validate();
    m_name->setFocus();
    m_name->selectAll();
}

QString AddCardDialog::name() const
{
    return m_name->text().simplified();
}

QString AddCardDialog::email() const
{
    return m_email->text().trimmed();
}

QString AddCardDialog::company() const
{
    return m_company->text().simplified();
}

void AddCardDialog::validate()
{
    QString problem;
    if (name().isEmpty())
        problem = tr("A card needs a name.");
    else if (!crm::EmailAddress(email()).isValid())
        problem = tr("“%1” is not an email address.").arg(email());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace threadline::ui
