#include "EmailAddress.h"

namespace threadline::crm {

EmailAddress::EmailAddress(const QString& written)
    : m_written(written.trimmed())
    , m_normalized(m_written.toLower())
{}

QString EmailAddress::domain() const
{
    const qsizetype at = m_normalized.lastIndexOf(u'@');
    return at < 0 ? QString() : m_normalized.mid(at + 1);
}

bool EmailAddress::isValid() const
{
    // Deliberately loose (RFC 5322 §3.4.1 allows far more than forms usually accept):
    // one local part, one '@', a dotless-or-dotted domain, no whitespace.
    const qsizetype at = m_written.lastIndexOf(u'@');
    if (at <= 0 || at == m_written.size() - 1)
        return false;
    for (QChar c : m_written) {
        if (c.isSpace())
            return false;
    }
    return !m_written.mid(at + 1).contains(u'@');
}

} // namespace threadline::crm
