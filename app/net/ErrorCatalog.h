#pragma once

#include "ErrorCode.h"

#include <QCoreApplication>
#include <QList>

namespace threadline::net {

// One table from error code to the translated words users read: a short title, what it
// means, and what to do about it.
class ErrorCatalog final
{
    Q_DECLARE_TR_FUNCTIONS(threadline::net::ErrorCatalog)

public:
    struct Entry
    {
        ErrorCode code;
        QString title;
        QString explanation;
        QString fix;
    };

    static Entry entry(ErrorCode code);
    static QList<ErrorCode> allCodes();
    // "Error 301 — Sign-in refused: … What to do: …" for logs, the CLI and tooltips.
    static QString describe(const UserError& error);
};

} // namespace threadline::net
