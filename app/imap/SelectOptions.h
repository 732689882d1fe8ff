#pragma once

#include "imap/FetchResponse.h"
#include "imap/QresyncParameters.h"

#include <functional>
#include <optional>

namespace threadline::imap {

// How ImapSession::select() opens a mailbox.
struct SelectOptions
{
    bool readOnly = false; // EXAMINE instead of SELECT
    // Used when QRESYNC is enabled on the session; without it SELECT asks (CONDSTORE) when the
    // server has it, so HIGHESTMODSEQ is reported.
    std::optional<QresyncParameters> qresync;
    // Each FETCH the QRESYNC select reports (changed flags). When unset they are collected in
    // SelectedMailbox::changed.
    std::function<void(const FetchResponse&)> onChanged;
};

} // namespace threadline::imap
