#include "ContentType.h"

#include "Lexer.h"

namespace threadline::mime {

namespace {

constexpr Lexer::Stops kTypeStops("/;");
constexpr Lexer::Stops kSubtypeStops(";");

} // namespace

QByteArray ContentType::charset() const
{
    // Charset names are ASCII: the bytes as written serve, without a round trip through
    // QString (ASCII trims the same either way).
    if (const QByteArray* plain = m_parameters.plainValue("charset"))
        return plain->trimmed();
    return m_parameters.value("charset").trimmed().toLatin1();
}

ContentType ContentType::parse(QByteArrayView value)
{
    ContentType result;
    Lexer lexer(value);
    lexer.skipCfws();
    QByteArray type = Lexer::lowered(lexer.readAtom(kTypeStops));
    lexer.skipCfws();
    QByteArray subtype;
    if (lexer.peek() == '/') {
        lexer.advance();
        lexer.skipCfws();
        subtype = Lexer::lowered(lexer.readAtom(kSubtypeStops));
    }
    // "text" alone is seen in the wild; other type-only values fall back to text/plain.
    if (type == "text" && subtype.isEmpty())
        subtype = "plain";
    if (!type.isEmpty() && !subtype.isEmpty()) {
        result.m_type = std::move(type);
        result.m_subtype = std::move(subtype);
        result.m_defaulted = false;
    }
    result.m_parameters = ParameterList::parse(lexer);
    return result;
}

} // namespace threadline::mime
