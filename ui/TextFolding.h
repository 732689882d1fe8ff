#pragma once

#include <QString>

namespace threadline::ui {

// Text reduced for "contains" matching the way the search index sees it: case folded and
// without diacritics, so "lefevre" matches "Lefèvre" and "ZOE" matches "Zoë".
QString foldForMatching(const QString& text);

} // namespace threadline::ui
