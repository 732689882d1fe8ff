#pragma once

#include "imap/BodyPart.h"
#include "imap/Envelope.h"
#include "imap/FetchSection.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <optional>

namespace threadline::imap {

// "* 12 FETCH (UID 44 FLAGS (\Seen) ...)". RFC 3501 §7.4.2, MODSEQ from RFC 7162.
// An item the server did not send stays empty (std::nullopt, invalid date, no section).
struct FetchResponse
{
    quint32 sequenceNumber = 0;
    std::optional<quint32> uid;
    std::optional<QList<QByteArray>> flags;
    QDateTime internalDate;
    std::optional<quint64> rfc822Size;
    std::optional<quint64> modSeq;
    std::optional<Envelope> envelope;
    std::optional<BodyPart> body; // BODYSTRUCTURE or BODY
    QList<FetchSection> sections;

    // The first section matching part and text ("1" and "", "" and "HEADER.FIELDS", ...).
    const FetchSection* section(QByteArrayView part, QByteArrayView text = {}) const
    {
        for (const FetchSection& s : sections) {
            if (s.part == part && s.text.compare(text, Qt::CaseInsensitive) == 0) {
                return &s;
            }
        }
        return nullptr;
    }

    friend bool operator==(const FetchResponse&, const FetchResponse&) = default;
};

} // namespace threadline::imap
