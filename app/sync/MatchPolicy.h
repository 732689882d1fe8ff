#pragma once

#include <QSet>
#include <QString>
#include <QStringList>

namespace threadline::sync {

// Who the user is and what must never link, as the matcher and the threader need it
// (DESIGN.md sync rules 5, 8, 9). Addresses are compared lowercased over the whole address:
// plus-tags and dots are kept as written. A domain also covers its subdomains.
class MatchPolicy final
{
public:
    MatchPolicy() = default;

    // The usual policy of one account: its address is the user's, its domain the coworkers'
    // (unless it is a public mail provider, where "same domain" means nothing), and the
    // dropbox is the plus-address name+crm@domain.
    static MatchPolicy forAccount(const QString& accountEmail);
    // name+crm@domain for name@domain (sync rule 8's default); empty for an invalid address.
    static QString defaultDropboxAddress(const QString& accountEmail);
    // gmail.com, outlook.com, orange.fr, …: domains shared by unrelated people.
    static bool isPublicMailDomain(const QString& domain);
    static QString domainOf(const QString& email);

    void addOwnAddress(const QString& email);
    QStringList ownAddresses() const; // lowercased, sorted
    bool isOwnAddress(const QString& email) const;

    // Empty (the default for public providers) turns the coworker rule off.
    void setOwnDomain(const QString& domain);
    const QString& ownDomain() const { return m_ownDomain; }
    bool isCoworker(const QString& email) const;

    void setDropboxAddress(const QString& email);
    const QString& dropboxAddress() const { return m_dropbox; }
    bool isDropboxAddress(const QString& email) const;

    void blockAddress(const QString& email);
    void blockDomain(const QString& domain);
    bool isBlocked(const QString& email) const;

    // The user's own addresses plus the dropbox: who is not a participant to match.
    bool isUser(const QString& email) const
    {
        return isOwnAddress(email) || isDropboxAddress(email);
    }

private:
    static bool inDomain(const QString& normalizedEmail, const QString& domain);

    QSet<QString> m_own;
    QString m_ownDomain;
    QString m_dropbox;
    QSet<QString> m_blockedAddresses;
    QSet<QString> m_blockedDomains;
};

} // namespace threadline::sync
