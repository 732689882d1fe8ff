#pragma once

#include <QtGlobal>

namespace threadline::imap {

// Bounds that keep a broken or hostile server from making the client allocate without limit.
// The framer enforces the sizes before buffering; the parser enforces the nesting depth.
struct Limits
{
    // One line between literals. Generous because a plain SEARCH (no ESEARCH) on a
    // 100,000-message mailbox is a single ~700 KB line.
    qsizetype maxLineLength = 8 * 1024 * 1024;
    // One {n} literal: a message body or a header block.
    qsizetype maxLiteralSize = 64 * 1024 * 1024;
    // A whole response: its lines plus all of its literals.
    qsizetype maxResponseSize = 128 * 1024 * 1024;
    // Parenthesised lists inside lists (BODYSTRUCTURE of nested multiparts, ENVELOPE inside
    // message/rfc822). Dovecot stops MIME nesting at 100 levels.
    int maxNestingDepth = 128;

    friend bool operator==(const Limits&, const Limits&) = default;
};

} // namespace threadline::imap
