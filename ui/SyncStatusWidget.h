#pragma once

#include "net/ErrorCode.h"

#include <QDateTime>
#include <QWidget>

class QLabel;
class QProgressBar;

namespace threadline::ui {

// The sync area of the status bar: what the sync is doing, how far the current folder is,
// when it last completed, and the numbered error if one stopped it (its explanation and fix
// in the tooltip). Fed by slots, so the sync worker's queued signals connect straight to it.
class SyncStatusWidget final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncStatusWidget)

public:
    enum class State
    {
        NotConfigured, // no account yet
        Offline,       // no network, or the user paused sync
        Connecting,
        Syncing,
        Idle,  // up to date, waiting (IDLE or the next poll)
        Error, // stopped by the error shown
    };
    Q_ENUM(State)

    explicit SyncStatusWidget(QWidget* parent = nullptr);

    State state() const { return m_state; }
    QString stateText() const;
    QString errorText() const;
    QString lastSyncText() const;
    const QDateTime& lastSync() const { return m_lastSync; }
    const net::UserError& error() const { return m_error; }

    // The translated words for a state.
    static QString stateDisplayName(State state);

public Q_SLOTS:
    // Leaving Syncing hides the progress bar; entering any state but Error clears the error.
    void setState(threadline::ui::SyncStatusWidget::State state);
    // done of total messages of one folder; total 0 shows a busy bar (count not known yet).
    void setProgress(const QString& folder, int done, int total);
    // A numbered error (net/ErrorCatalog.h); ErrorCode::None clears it.
    void setError(const threadline::net::UserError& error);
    void setLastSync(const QDateTime& time);

private:
    void updateLastSyncLabel();

    State m_state = State::NotConfigured;
    net::UserError m_error;
    QDateTime m_lastSync;
    QLabel* m_stateLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_errorLabel = nullptr;
    QLabel* m_lastSyncLabel = nullptr;
};

} // namespace threadline::ui
