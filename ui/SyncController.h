#pragma once

#include "account/AccountSettings.h"
#include "account/SecretStore.h"

#include <QObject>
#include <memory>

namespace threadline::sync {
class AttachmentThread;
class SyncThread;
struct AttachmentRequest;
} // namespace threadline::sync

namespace threadline::ui {

class MainWindow;

// Runs the profile's sync in the background for the window: reads the account from the
// profile and its password from the keychain, starts the SyncWorker in its own thread, and
// feeds the status bar and the lists from the worker's queued signals. It also runs the
// attachment fetcher (its own thread and connection) that answers the card view's
// ThreadView when the user opens or saves an attachment.
class SyncController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SyncController)

public:
    SyncController(MainWindow* window, const QString& profileDirectory, QObject* parent = nullptr);
    ~SyncController() override;

    // Does nothing but say so in the status bar when the profile has no account.
    void start();
    bool isRunning() const;
    sync::AttachmentThread* attachments() const { return m_attachments.get(); }

public Q_SLOTS:
    void syncNow();

private:
    void onSecretRead(const account::SecretStore::Result& result);
    void startAttachments();
    void requestAttachment(const sync::AttachmentRequest& request);

    MainWindow* m_window;
    QString m_settingsPath;
    QString m_databasePath;
    QString m_attachmentDirectory;
    std::optional<account::AccountSettings> m_account;
    account::SecretStore m_secrets;
    std::unique_ptr<sync::SyncThread> m_sync;
    std::unique_ptr<sync::AttachmentThread> m_attachments;
};

} // namespace threadline::ui
