#pragma once

#include "Invocation.h"
#include "account/AccountSettings.h"
#include "net/ErrorCode.h"

#include <QTextStream>
#include <optional>

namespace threadline::cli {

// `threadline account add`: the headless form of the wizard (DESIGN.md sync rule 1). Checks
// the IMAP sign-in (certificate verified against the system store, or --ca-file instead, strict
// STARTTLS), then stores the password in the keychain and the settings in the profile's
// settings.ini; never the password in the profile. On any failure nothing is stored.
class AccountAddCommand final
{
public:
    AccountAddCommand(QTextStream& out, QTextStream& err, QTextStream& passwordInput);

    // Returns the process exit code (CommandRunner::ExitCode).
    int run(const Invocation& invocation);

    // The settings the options describe, or why they do not (translated).
    static std::optional<account::AccountSettings> settingsFrom(const Invocation& invocation,
                                                                QString* error);

private:
    net::UserError checkLogin(const account::AccountSettings& account, const QString& password);
    net::UserError storePassword(const QString& key, const QString& password);
    void deletePassword(const QString& key);
    int fail(const net::UserError& error);

    QTextStream& m_out;
    QTextStream& m_err;
    QTextStream& m_input;
};

} // namespace threadline::cli
