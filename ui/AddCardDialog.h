#pragma once

#include "crm/CardKind.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace threadline::ui {

// "Add as lead" / "Add as contact" from the Untracked view: the correspondent's name and
// address filled in, editable, checked before the card is created.
class AddCardDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AddCardDialog)

public:
    AddCardDialog(crm::CardKind kind, const QString& name, const QString& email,
                  QWidget* parent = nullptr);

    crm::CardKind kind() const { return m_kind; }
    QString name() const;
    QString email() const;
    QString company() const;

private:
    void validate();

    crm::CardKind m_kind;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_email = nullptr;
    QLineEdit* m_company = nullptr;
    QLabel* m_problem = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace threadline::ui
