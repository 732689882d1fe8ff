#include "CardPickerDialog.h"

#include "CardRoles.h"
#include "store/SearchRepository.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace threadline::ui {

CardPickerDialog::CardPickerDialog(const QSqlDatabase& db, const QString& prompt, QWidget* parent)
    : QDialog(parent)
    , m_db(db)
{
    setObjectName(u"cardPickerDialog"_s);
    setWindowTitle(tr("Attach to card"));
    resize(420, 420);

    m_search = new QLineEdit;
    m_search->setObjectName(u"cardSearch"_s);
    m_search->setPlaceholderText(tr("Name, company or address…"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_results = new QListWidget;
    m_results->setObjectName(u"cardResults"_s);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Attach"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* label = new QLabel(prompt);
    label->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_search);
    layout->addWidget(m_results, 1);
    layout->addWidget(m_buttons);

    // Searching on every keystroke would query for each letter of a fast typist.
    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(150);
    connect(m_typing, &QTimer::timeout, this, &CardPickerDialog::refresh);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_results, &QListWidget::currentRowChanged, this,
            [this](int row) { m_buttons->button(QDialogButtonBox::Ok)->setEnabled(row >= 0); });
    connect(m_results, &QListWidget::itemActivated, this, &QDialog::accept);
    refresh();
    m_search->setFocus();
}

qint64 CardPickerDialog::selectedCardId() const
{
    const QListWidgetItem* item = m_results->currentItem();
    return item ? item->data(CardIdRole).toLongLong() : 0;
}

void CardPickerDialog::refresh()
{
    m_typing->stop();
    const store::SearchRepository search(m_db);
    const QString text = m_search->text().trimmed();
    auto hits = text.isEmpty() ? search.cardsByName(maxResults) : search.cards(text, maxResults);
    m_results->clear();
    if (hits) {
        for (const store::CardSearchHit& hit : hits.value()) {
            //: %1 card name, %2 its kind (Lead, Contact, Deal)
            auto* item = new QListWidgetItem(
                tr("%1 — %2").arg(hit.name, crm::cardKindDisplayName(hit.kind)), m_results);
            item->setData(CardIdRole, hit.cardId);
            item->setData(CardKindRole, int(hit.kind));
        }
    }
    if (m_results->count() > 0)
        m_results->setCurrentRow(0);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_results->currentRow() >= 0);
}

bool CardPickerDialog::eventFilter(QObject* watched, QEvent* event)
{
    // Up and Down in the search box move through the results, so typing and picking need
    // no mouse.
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Down || key->key() == Qt::Key_Up) {
            if (m_typing->isActive())
                refresh();
            const int step = key->key() == Qt::Key_Down ? 1 : -1;
            const int row = qBound(0, m_results->currentRow() + step, m_results->count() - 1);
            m_results->setCurrentRow(row);
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && m_typing->isActive())
            refresh(); // Enter right after typing picks from the fresh results
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace threadline::ui
