#pragma once

#include <QString>

namespace threadline::store {

// The subject a conversation is recognised by when a message carries no threading headers:
// reply and forward prefixes of the common languages ("Re:", "RE :", "Re[2]:", "Fwd:", "TR:",
// "AW:", "WG:", "Réf:", "SV:", …) and leading "[tag]" markers removed, repeatedly;
// whitespace collapsed; case folded.
class ThreadSubject final
{
public:
    ThreadSubject() = delete;

    static QString key(const QString& subject);
    // Whether the subject starts (after any "[tag]") with a reply or forward prefix.
    static bool hasReplyPrefix(const QString& subject);
};

} // namespace threadline::store
