#pragma once

#include "Invocation.h"
#include "sync/SyncSummary.h"

#include <QTextStream>

namespace threadline::cli {

// `threadline sync --once`: one pass over INBOX and Sent with the same SyncWorker the window
// runs (on its own thread), progress lines as batches commit, then a summary. The password
// comes from the keychain. Exit code non-zero on failure, the numbered error on stderr.
class SyncCommand final
{
public:
    SyncCommand(QTextStream& out, QTextStream& err);

    int run(const Invocation& invocation);

    // "fetched 520 messages (518 new): linked 300, untracked 218; skipped 2 (…)".
    static QString summaryText(const sync::SyncSummary& summary);

private:
    QTextStream& m_out;
    QTextStream& m_err;
};

} // namespace threadline::cli
