#pragma once

#include <QDialog>
#include <QSqlDatabase>

class QDialogButtonBox;
class QLineEdit;
class QListWidget;
class QTimer;

namespace threadline::ui {

// "Attach to card…": pick any lead, contact or deal by typing part of its name, company or
// address (the cards' search index: accents folded, words as prefixes).
class CardPickerDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardPickerDialog)

public:
    CardPickerDialog(const QSqlDatabase& db, const QString& prompt, QWidget* parent = nullptr);

    // 0 until a card is chosen.
    qint64 selectedCardId() const;
    QLineEdit* searchBox() const { return m_search; }
    QListWidget* resultList() const { return m_results; }

    static constexpr int maxResults = 200;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refresh();

    QSqlDatabase m_db;
    QLineEdit* m_search = nullptr;
    QListWidget* m_results = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QTimer* m_typing = nullptr;
};

} // namespace threadline::ui
