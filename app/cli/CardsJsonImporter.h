#pragma once

#include "store/Result.h"

#include <QByteArray>
#include <QSqlDatabase>

namespace threadline::cli {

// Imports leads, contacts and deals from Threadline's JSON card format (version 1; the same
// shape `export --format json` writes under "leads", "contacts" and "deals"). All or nothing:
// one transaction, and a malformed entry names its position instead of importing half.
class CardsJsonImporter final
{
public:
    struct Counts
    {
        int leads = 0;
        int contacts = 0;
        int deals = 0;
    };

    explicit CardsJsonImporter(const QSqlDatabase& db);
    store::Result<Counts> import(const QByteArray& json);

private:
    QSqlDatabase m_db;
};

} // namespace threadline::cli
