#pragma once

#include "crm/CardKind.h"
#include "sync/MatchPolicy.h"

#include <QSqlDatabase>
#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTextBrowser;

namespace threadline::ui {

class UntrackedSenderModel;
class UntrackedThreadModel;

// Stored mail that matched no card (DESIGN.md sync rule 5), grouped by correspondent, with
// what to do about it: "Add as lead", "Add as contact" (the new card links the
// correspondent's mail at once, so the group leaves this view) and "Attach to card…"
// (every untracked thread of the correspondent, as manual links). Buttons, context menu
// and shortcuts offer the same actions.
class UntrackedView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UntrackedView)

public:
    UntrackedView(const QSqlDatabase& db, QWidget* parent = nullptr);

    void setMatchPolicy(const sync::MatchPolicy& policy);

    QTableView* senderTable() const { return m_senders; }
    QTableView* threadTable() const { return m_threads; }
    QTextBrowser* preview() const { return m_preview; }
    QAction* addLeadAction() const { return m_addLead; }
    QAction* addContactAction() const { return m_addContact; }
    QAction* attachAction() const { return m_attach; }
    UntrackedSenderModel* senderModel() const { return m_senderModel; }
    UntrackedThreadModel* threadModel() const { return m_threadModel; }

public Q_SLOTS:
    // Reads the correspondents again, keeping the selection where it can.
    void reload();
    // The store changed under the view: reload now if shown, else when next shown.
    void markStale();
    // Selects the correspondent of this thread and the thread itself.
    void showThread(qint64 threadId);

Q_SIGNALS:
    // Cards created or whose threads changed, and threads whose links changed, by an action
    // here: the lists and the open card update from these.
    void cardsChanged(const QList<qint64>& cardIds, const QList<qint64>& threadIds);
    void cardCreated(qint64 cardId);
    void openCardRequested(qint64 cardId);
    // A short confirmation or failure for the status bar.
    void message(const QString& text);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void addCard(crm::CardKind kind);
    void createCard(crm::CardKind kind, const QString& name, const QString& email,
                    const QString& company);
    void attachToCard();
    void attachSenderThreads(const QString& email, qint64 cardId);
    void senderChanged();
    void threadChanged();
    void updateActions();
    void showContextMenu(QTableView* view, const QPoint& position);
    QString currentEmail() const;

    QSqlDatabase m_db;
    sync::MatchPolicy m_policy;
    bool m_stale = false;
    UntrackedSenderModel* m_senderModel = nullptr;
    UntrackedThreadModel* m_threadModel = nullptr;
    QTableView* m_senders = nullptr;
    QTableView* m_threads = nullptr;
    QTextBrowser* m_preview = nullptr;
    QLabel* m_empty = nullptr;
    QAction* m_addLead = nullptr;
    QAction* m_addContact = nullptr;
    QAction* m_attach = nullptr;
    QAction* m_openCard = nullptr;
};

} // namespace threadline::ui
