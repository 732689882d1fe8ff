#pragma once

#include <QString>
#include <QStringView>

namespace threadline::mime {

// A plain-text rendering of HTML mail for search and previews: tags stripped, scripts,
// styles and the head dropped, block elements as line breaks, entities decoded,
// whitespace collapsed (kept inside <pre>). Not a layout engine; linear in the input.
class HtmlToText final
{
public:
    HtmlToText() = delete;

    static QString convert(QStringView html);
    // "&amp;" → "&", "&#233;" → "é"; unknown or broken references stay as written.
    static QString decodeEntities(QStringView text);
};

} // namespace threadline::mime
