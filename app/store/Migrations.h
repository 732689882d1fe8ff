#pragma once

#include "StoreError.h"

#include <QSqlDatabase>
#include <optional>

namespace threadline::store {

// Numbered schema migrations. Version N's statements run in one transaction together with
// the bump of schema_version, so a crash leaves the database at N-1 or N, never between.
class Migrations final
{
public:
    static int latestVersion();
    // 0 for a fresh database.
    static int currentVersion(const QSqlDatabase& db);
    // Applies every migration above the current version up to target (default: latest).
    static std::optional<StoreError> migrate(const QSqlDatabase& db, int targetVersion = -1);
};

} // namespace threadline::store
