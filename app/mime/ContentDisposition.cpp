#include "ContentDisposition.h"

#include "ContentType.h"
#include "Lexer.h"

namespace threadline::mime {

namespace {

constexpr Lexer::Stops kTypeStops(";");

} // namespace

ContentDisposition ContentDisposition::parse(QByteArrayView value)
{
    ContentDisposition result;
    Lexer lexer(value);
    lexer.skipCfws();
    result.m_type = Lexer::lowered(lexer.readAtom(kTypeStops));
    result.m_parameters = ParameterList::parse(lexer);
    return result;
}

QString ContentDisposition::fileNameFor(const ContentDisposition& disposition,
                                        const ContentType& type)
{
    QString name = disposition.fileName();
    if (name.isEmpty() || name.trimmed().isEmpty())
        name = type.name();
    if (name.isEmpty()) // most parts have no name: nothing below would change that
        return name;
    const qsizetype slash = qMax(name.lastIndexOf(u'/'), name.lastIndexOf(u'\\'));
    if (slash >= 0)
        name = name.sliced(slash + 1);
    name = name.trimmed();
    if (name == u"." || name == u"..")
        name.clear();
    return name;
}

} // namespace threadline::mime
