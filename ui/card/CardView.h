#pragma once

#include "crm/CardKind.h"
#include "store/ChangeSet.h"
#include "sync/MatchPolicy.h"

#include <QList>
#include <QSqlDatabase>
#include <QWidget>
#include <optional>

class QAction;
class QLabel;
class QPushButton;
class QTabBar;
class QTableView;

namespace threadline::ui {

class CardForm;
struct CardDraft;
struct LeadConversion;
class ThreadListModel;
class ThreadView;

// One card: its fields (edit, validate, save, revert, delete; convert a lead), its email
// threads newest first with why each is linked (a page at a time), what was detached from it
// (greyed, one click to re-attach), "Attach email…" over all stored mail, and the opened
// thread's messages. Every action is a button, a context-menu entry of the thread list and a
// key (Delete detaches, Insert re-attaches, Enter opens, Ctrl+S saves).
class CardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CardView)

public:
    CardView(const QSqlDatabase& db, QWidget* parent = nullptr);

    // The user's own addresses and the blocklist rules the matcher applies when a saved card
    // links its mail. Default: an empty policy.
    void setMatchPolicy(const sync::MatchPolicy& policy);

    // Shows a stored card (unsaved edits of the previous one are dropped: ask
    // hasUnsavedChanges() first). The first page of threads is read before this returns.
    void showCard(qint64 cardId);
    // An empty card of this kind; saving creates it and links its stored mail.
    void showNewCard(crm::CardKind kind);

    // The card shown; 0 for a new card not saved yet, or nothing shown.
    qint64 cardId() const { return m_cardId; }
    crm::CardKind cardKind() const;
    bool hasUnsavedChanges() const;

    // For tests and the main window.
    CardForm* form() const { return m_form; }
    ThreadListModel* threadModel() const { return m_model; }
    QTableView* threadTable() const { return m_threads; }
    QTabBar* threadTabs() const { return m_tabs; }
    ThreadView* threadView() const { return m_threadView; }
    QLabel* notice() const { return m_notice; }
    QAction* saveAction() const { return m_save; }
    QAction* revertAction() const { return m_revert; }
    QAction* deleteAction() const { return m_delete; }
    QAction* convertAction() const { return m_convert; }
    QAction* attachEmailAction() const { return m_attachEmail; }
    QAction* detachAction() const { return m_detach; }
    QAction* reattachAction() const { return m_reattach; }

    enum ThreadTab
    {
        AttachedTab,
        DetachedTab,
    };

public Q_SLOTS:
    // After a sync batch (or another view's action): only the rows of these threads change.
    void refreshThreads(const QList<qint64>& changedThreadIds);

    // The actions, as the buttons, menus and keys run them.
    bool save();
    void revert();
    void requestDelete();     // asks first
    void requestConversion(); // a lead: "Convert to contact…"
    void requestAttachEmail();
    void detachSelectedThreads();
    void reattachSelectedThreads();
    void openCurrentThread();

Q_SIGNALS:
    void cardSaved(qint64 cardId);
    void cardDeleted(qint64 cardId);
    // The threads shown on this card (or on another card an action here touched) changed.
    void threadsChanged(qint64 cardId);
    void openCardRequested(qint64 cardId);
    // After "Convert to contact…" (dealId 0 when no deal was made); cardSaved is emitted too.
    void leadConverted(qint64 leadId, qint64 contactId, qint64 dealId);

private:
    std::optional<CardDraft> loadDraft(qint64 cardId, QString* error) const;
    void showNothing(const QString& heading);
    void setHeading(const CardDraft& draft);
    void showThreadTab(int tab);
    void updateTabCounts();
    void updateActions();
    void setNotice(const QString& text, bool problem = false);
    QList<qint64> selectedThreadIds() const;
    void attachThreads(const QList<qint64>& threadIds);
    void setThreadLinks(const QList<qint64>& threadIds, bool attach);
    void setMessageLink(qint64 messageId, bool attach);
    // Updates the rows and the opened thread after a change, and tells the main window.
    void applyChanges(const store::ChangeSet& changes, const QList<qint64>& alsoThreads = {});
    void convertLead(qint64 leadId, const LeadConversion& conversion);

    QSqlDatabase m_db;
    sync::MatchPolicy m_policy;
    qint64 m_cardId = 0;
    qint64 m_convertedTo = 0;
    bool m_exists = false; // a stored or new card is shown (not a placeholder)

    QLabel* m_heading = nullptr;
    QWidget* m_convertedBanner = nullptr;
    QLabel* m_convertedText = nullptr;
    CardForm* m_form = nullptr;
    QLabel* m_notice = nullptr;
    QWidget* m_threadPane = nullptr;
    QLabel* m_threadHint = nullptr;
    QTabBar* m_tabs = nullptr;
    QTableView* m_threads = nullptr;
    ThreadListModel* m_model = nullptr;
    ThreadView* m_threadView = nullptr;

    QAction* m_save = nullptr;
    QAction* m_revert = nullptr;
    QAction* m_delete = nullptr;
    QAction* m_convert = nullptr;
    QAction* m_attachEmail = nullptr;
    QAction* m_detach = nullptr;
    QAction* m_reattach = nullptr;
    QAction* m_open = nullptr;
};

} // namespace threadline::ui
