#include "MatchPolicy.h"

#include "store/MessageRecord.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace threadline::sync {

namespace {

QString normalized(const QString& email)
{
    return store::MessageRecord::lowercase(email.trimmed());
}

QString normalizedDomain(const QString& domain)
{
    QString result = domain.trimmed().toLower();
    if (result.startsWith(u'@'))
        result.remove(0, 1);
    return result;
}

// "sales.acme.test" is within "acme.test"; "notacme.test" is not.
bool sameOrSubdomain(const QString& domain, const QString& parent)
{
    if (domain == parent)
        return true;
    return domain.size() > parent.size() && domain.endsWith(parent) &&
           domain.at(domain.size() - parent.size() - 1) == u'.';
}

} // namespace

MatchPolicy MatchPolicy::forAccount(const QString& accountEmail)
{
    MatchPolicy policy;
    policy.addOwnAddress(accountEmail);
    const QString domain = domainOf(accountEmail);
    if (!isPublicMailDomain(domain))
        policy.setOwnDomain(domain);
    policy.setDropboxAddress(defaultDropboxAddress(accountEmail));
    return policy;
}

QString MatchPolicy::defaultDropboxAddress(const QString& accountEmail)
{
    const QString email = accountEmail.trimmed();
    const qsizetype at = email.lastIndexOf(u'@');
    if (at <= 0 || at == email.size() - 1)
        return {};
    // A plus-address reaches the same mailbox at most providers, so no server setup is needed.
    QString local = email.left(at);
    if (const qsizetype plus = local.indexOf(u'+'); plus > 0)
        local.truncate(plus);
    return local + u"+crm@"_s + email.mid(at + 1);
}

bool MatchPolicy::isPublicMailDomain(const QString& domain)
{
    static const QSet<QString> known{
        u"gmail.com"_s, u"googlemail.com"_s, u"outlook.com"_s,  u"hotmail.com"_s, u"hotmail.fr"_s,
        u"live.com"_s,  u"live.fr"_s,        u"msn.com"_s,      u"yahoo.com"_s,   u"yahoo.fr"_s,
        u"ymail.com"_s, u"aol.com"_s,        u"icloud.com"_s,   u"me.com"_s,      u"mac.com"_s,
        u"gmx.com"_s,   u"gmx.de"_s,         u"gmx.net"_s,      u"web.de"_s,      u"t-online.de"_s,
        u"orange.fr"_s, u"wanadoo.fr"_s,     u"free.fr"_s,      u"laposte.net"_s, u"sfr.fr"_s,
        u"proton.me"_s, u"protonmail.com"_s, u"pm.me"_s,        u"zoho.com"_s,    u"yandex.com"_s,
        u"yandex.ru"_s, u"mail.ru"_s,        u"fastmail.com"_s, u"posteo.de"_s,   u"mailbox.org"_s,
        u"libero.it"_s, u"tutanota.com"_s,   u"qq.com"_s,       u"163.com"_s,     u"naver.com"_s,
    };
    return known.contains(normalizedDomain(domain));
}

QString MatchPolicy::domainOf(const QString& email)
{
    const QString address = normalized(email);
    const qsizetype at = address.lastIndexOf(u'@');
    return at < 0 ? QString() : address.mid(at + 1);
}

void MatchPolicy::addOwnAddress(const QString& email)
{
    if (!normalized(email).isEmpty())
        m_own.insert(normalized(email));
}

QStringList MatchPolicy::ownAddresses() const
{
    QStringList list(m_own.cbegin(), m_own.cend());
    std::sort(list.begin(), list.end());
    return list;
}

bool MatchPolicy::isOwnAddress(const QString& email) const
{
    return m_own.contains(normalized(email));
}

void MatchPolicy::setOwnDomain(const QString& domain)
{
    m_ownDomain = normalizedDomain(domain);
}

bool MatchPolicy::isCoworker(const QString& email) const
{
    return !m_ownDomain.isEmpty() && inDomain(normalized(email), m_ownDomain);
}

void MatchPolicy::setDropboxAddress(const QString& email)
{
    m_dropbox = normalized(email);
}

bool MatchPolicy::isDropboxAddress(const QString& email) const
{
    return !m_dropbox.isEmpty() && normalized(email) == m_dropbox;
}

void MatchPolicy::blockAddress(const QString& email)
{
    if (!normalized(email).isEmpty())
        m_blockedAddresses.insert(normalized(email));
}

void MatchPolicy::blockDomain(const QString& domain)
{
    if (!normalizedDomain(domain).isEmpty())
        m_blockedDomains.insert(normalizedDomain(domain));
}

bool MatchPolicy::isBlocked(const QString& email) const
{
    const QString address = normalized(email);
    if (m_blockedAddresses.contains(address))
        return true;
    if (m_blockedDomains.isEmpty())
        return false;
    const QString domain = domainOf(address);
    for (const QString& blocked : m_blockedDomains) {
        if (sameOrSubdomain(domain, blocked))
            return true;
    }
    return false;
}

bool MatchPolicy::inDomain(const QString& normalizedEmail, const QString& domain)
{
    return sameOrSubdomain(domainOf(normalizedEmail), domain);
}

} // namespace threadline::sync
