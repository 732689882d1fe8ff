#pragma once

#include <QString>

namespace threadline::imap {

// What ImapSession::authenticate() signs in with. The secret never reaches a log: the protocol
// log redacts it and no error text contains it.
struct Credentials
{
    enum class Method
    {
        Password, // AUTHENTICATE PLAIN, else LOGIN
        OAuth2,   // OAUTHBEARER (RFC 7628), else XOAUTH2; secret = the access token
    };

    Method method = Method::Password;
    QString userName;
    QString secret;

    static Credentials password(const QString& userName, const QString& password)
    {
        return {Method::Password, userName, password};
    }
    static Credentials oauth2(const QString& userName, const QString& accessToken)
    {
        return {Method::OAuth2, userName, accessToken};
    }
};

} // namespace threadline::imap
