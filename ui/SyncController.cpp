#include "SyncController.h"

#include "MainWindow.h"
#include "SyncStatusWidget.h"
#include "card/CardView.h"
#include "card/ThreadView.h"
#include "net/ErrorCode.h"
#include "store/Profile.h"
#include "sync/AttachmentCache.h"
#include "sync/AttachmentFetcher.h"
#include "sync/AttachmentThread.h"
#include "sync/SyncSummary.h"
#include "sync/SyncThread.h"
#include "sync/SyncWorker.h"

#include <QAction>
#include <QDateTime>
#include <QMenu>
#include <QMenuBar>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

SyncStatusWidget::State statusFor(sync::SyncState state)
{
    switch (state) {
    case sync::SyncState::Idle:
        return SyncStatusWidget::State::Idle;
    case sync::SyncState::Connecting:
        return SyncStatusWidget::State::Connecting;
    case sync::SyncState::Syncing:
        return SyncStatusWidget::State::Syncing;
    case sync::SyncState::Watching:
        return SyncStatusWidget::State::Idle;
    case sync::SyncState::Offline:
        return SyncStatusWidget::State::Offline;
    case sync::SyncState::Error:
        return SyncStatusWidget::State::Error;
    }
    return SyncStatusWidget::State::Offline;
}

QList<qint64> toList(const QSet<qint64>& set)
{
    return QList<qint64>(set.cbegin(), set.cend());
}

} // namespace

SyncController::SyncController(MainWindow* window, const QString& profileDirectory, QObject* parent)
    : QObject(parent)
    , m_window(window)
{
    const store::Profile profile(profileDirectory);
    m_settingsPath = profile.settingsPath();
    m_databasePath = profile.databasePath();
    m_attachmentDirectory = sync::AttachmentCache::directoryFor(profile.directory());
    connect(&m_secrets, &account::SecretStore::secretRead, this, &SyncController::onSecretRead);
    connect(m_window->cardView()->threadView(), &ThreadView::attachmentRequested, this,
            &SyncController::requestAttachment);

    auto* syncNowAction = new QAction(tr("Sync &now"), m_window);
    syncNowAction->setObjectName(u"syncNowAction"_s);
    syncNowAction->setShortcut(QKeySequence::Refresh);
    connect(syncNowAction, &QAction::triggered, this, &SyncController::syncNow);
    m_window->addAction(syncNowAction);
    if (QAction* fileMenu = m_window->menuBar()->actions().value(0); fileMenu && fileMenu->menu())
        fileMenu->menu()->insertAction(fileMenu->menu()->actions().value(0), syncNowAction);
}

// The threads' destructors stop and join them (the attachment fetcher first: it may be
// mid-download, and nothing waits for it).
SyncController::~SyncController()
{
    m_attachments.reset();
    m_sync.reset();
}

bool SyncController::isRunning() const
{
    return m_sync && m_sync->isRunning();
}

void SyncController::start()
{
    m_account = account::AccountSettings::load(m_settingsPath);
    if (!m_account || !m_account->isComplete()) {
        m_window->syncStatus()->setState(SyncStatusWidget::State::NotConfigured);
        return;
    }
    m_window->syncStatus()->setState(SyncStatusWidget::State::Connecting);
    startAttachments();
    m_secrets.readSecret(m_account->keychainKey());
}

void SyncController::startAttachments()
{
    if (m_attachments)
        return;
    // Without the secret for now: requests that need the server wait for it (cached files
    // are served at once), and fail with the keychain's error if it cannot be read.
    sync::AttachmentOptions options;
    options.account = *m_account;
    options.databasePath = m_databasePath;
    options.cacheDirectory = m_attachmentDirectory;
    m_attachments = std::make_unique<sync::AttachmentThread>(options);
    ThreadView* view = m_window->cardView()->threadView();
    // The fetcher lives in its own thread: queued, carrying values.
    connect(m_attachments->fetcher(), &sync::AttachmentFetcher::finished, view,
            &ThreadView::attachmentFetched);
    connect(m_attachments->fetcher(), &sync::AttachmentFetcher::failed, view,
            &ThreadView::attachmentFailed);
    m_attachments->start();
}

void SyncController::requestAttachment(const sync::AttachmentRequest& request)
{
    if (m_attachments) {
        m_attachments->request(request);
        return;
    }
    // No account: nothing was synced from a server, and there is none to ask.
    ThreadView* view = m_window->cardView()->threadView();
    QMetaObject::invokeMethod(
        view,
        [view, id = request.id] {
            view->attachmentFailed(
                id, {net::ErrorCode::HostUnreachable, tr("No mail account is set up.")});
        },
        Qt::QueuedConnection);
}

void SyncController::syncNow()
{
    if (m_sync)
        m_sync->syncNow();
    else
        start();
}

void SyncController::onSecretRead(const account::SecretStore::Result& result)
{
    if (!result.ok) {
        // No password, no sync: say which number and why, never guess a password.
        const net::ErrorCode code = result.error == account::SecretStore::Error::NotFound
                                        ? net::ErrorCode::AuthenticationFailed
                                        : net::ErrorCode::KeychainUnavailable;
        m_window->syncStatus()->setError({code, result.message});
        m_window->syncStatus()->setState(SyncStatusWidget::State::Error);
        if (m_attachments)
            m_attachments->setCredentialsError({code, result.message});
        return;
    }
    sync::SyncOptions options;
    options.account = *m_account;
    options.databasePath = m_databasePath;
    const QString user =
        m_account->imap.userName.isEmpty() ? m_account->email : m_account->imap.userName;
    options.credentials = imap::Credentials::password(user, result.secret);
    if (m_attachments)
        m_attachments->setCredentials(options.credentials);
    m_sync = std::make_unique<sync::SyncThread>(options);

    sync::SyncWorker* worker = m_sync->worker();
    SyncStatusWidget* status = m_window->syncStatus();
    // The worker lives in the sync thread: these connections are queued, carrying values.
    connect(worker, &sync::SyncWorker::stateChanged, status,
            [status](sync::SyncState state) { status->setState(statusFor(state)); });
    connect(worker, &sync::SyncWorker::progress, status,
            [status](const sync::SyncProgress& progress) {
                status->setProgress(progress.folder, progress.done, progress.total);
            });
    connect(worker, &sync::SyncWorker::errorOccurred, status,
            [status](const net::UserError& error) { status->setError(error); });
    connect(worker, &sync::SyncWorker::changed, m_window, [this](const store::ChangeSet& changes) {
        m_window->applySyncChanges(toList(changes.cards),
                                   toList(changes.threads + changes.removedThreads));
    });
    connect(worker, &sync::SyncWorker::passFinished, status, [status](const sync::SyncSummary&) {
        status->setError({});
        status->setLastSync(QDateTime::currentDateTime());
    });
    m_sync->start();
}

} // namespace threadline::ui
