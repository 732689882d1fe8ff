#pragma once

#include "store/Result.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace threadline::cli {

// Builds the `export --format json` document: cards, threads, messages (with the folders and
// UIDs holding them), links with origin and state, and skipped-message records. Stable order
// (by id) so two exports of the same store compare equal.
class JsonExporter final
{
public:
    explicit JsonExporter(const QSqlDatabase& db);
    store::Result<QJsonObject> exportAll() const;

private:
    QSqlDatabase m_db;
};

} // namespace threadline::cli
