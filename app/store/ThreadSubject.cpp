#include "ThreadSubject.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

// One reply/forward prefix, with an optional counter ("Re[2]:", "Re(3):") and the ASCII or
// full-width colon.
const QRegularExpression& prefixPattern()
{
    static const QRegularExpression pattern(
        u"^\\s*(?:re|fwd?|tr|aw|wg|sv|vs|antw|r[ée]f|rif|r|enc|res|odp|atb|vb|"
        "\u56de\u590d|\u7b54\u590d|\u8f6c\u53d1)\\s*(?:\\[\\d+\\]|\\(\\d+\\))?\\s*[:\uff1a]"_s,
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
    return pattern;
}

// A leading "[ext]" / "[list-name]" marker, only when text follows it.
const QRegularExpression& tagPattern()
{
    static const QRegularExpression pattern(u"^\\s*\\[[^\\]]{0,40}\\]\\s*(?=\\S)"_s);
    return pattern;
}

// Strips markers and prefixes; counts the prefixes seen.
QString strip(const QString& subject, int* prefixes)
{
    QString rest = subject;
    for (int guard = 0; guard < 32; ++guard) {
        if (const auto tag = tagPattern().match(rest); tag.hasMatch()) {
            rest = rest.mid(tag.capturedLength());
            continue;
        }
        if (const auto prefix = prefixPattern().match(rest); prefix.hasMatch()) {
            rest = rest.mid(prefix.capturedLength());
            ++*prefixes;
            continue;
        }
        break;
    }
    return rest;
}

} // namespace

QString ThreadSubject::key(const QString& subject)
{
    int prefixes = 0;
    return strip(subject, &prefixes).simplified().toCaseFolded();
}

bool ThreadSubject::hasReplyPrefix(const QString& subject)
{
    int prefixes = 0;
    strip(subject, &prefixes);
    return prefixes > 0;
}

} // namespace threadline::store
