#include "ContentType.h"

#include "Lexer.h"

namespace threadline::mime {

ContentType ContentType::parse(QByteArrayView value)
{
    ContentType result;
    Lexer lexer(value);
    lexer.skipCfws();
    QByteArray type = Lexer::lowered(lexer.readAtom("/;"));
    lexer.skipCfws();
    QByteArray subtype;
    if (lexer.peek() == '/') {
        lexer.advance();
        lexer.skipCfws();
        subtype = Lexer::lowered(lexer.readAtom(";"));
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
