#include "imap/Sasl.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace threadline::imap {

namespace {

// RFC 5801 §4 saslname: "," and "=" are escaped in the authorization identity.
QByteArray saslName(const QString& name)
{
    QByteArray out;
    for (const char c : name.toUtf8()) {
        if (c == ',') {
            out += "=2C";
        } else if (c == '=') {
            out += "=3D";
        } else {
            out += c;
        }
    }
    return out;
}

} // namespace

QByteArray Sasl::plain(const QString& userName, const QString& password)
{
    QByteArray out;
    out += '\0';
    out += userName.toUtf8();
    out += '\0';
    out += password.toUtf8();
    return out;
}

QByteArray Sasl::xoauth2(const QString& userName, const QString& accessToken)
{
    QByteArray out("user=");
    out += userName.toUtf8();
    out += "\x01"
           "auth=Bearer ";
    out += accessToken.toUtf8();
    out += "\x01\x01";
    return out;
}

QByteArray Sasl::oauthBearer(const QString& userName, const QString& host, quint16 port,
                             const QString& accessToken)
{
    QByteArray out("n,a=");
    out += saslName(userName);
    out += ",\x01host=";
    out += host.toUtf8();
    out += "\x01port=";
    out += QByteArray::number(port);
    out += "\x01"
           "auth=Bearer ";
    out += accessToken.toUtf8();
    out += "\x01\x01";
    return out;
}

QString Sasl::oauthErrorSummary(const QByteArray& base64Challenge)
{
    const QByteArray json = QByteArray::fromBase64(base64Challenge.trimmed());
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject()) {
        return {};
    }
    const QJsonObject object = document.object();
    QString summary = object.value("status"_L1).toVariant().toString();
    const QString scope = object.value("scope"_L1).toString();
    if (!scope.isEmpty()) {
        summary += u" (scope: "_s + scope + u')';
    }
    return summary;
}

} // namespace threadline::imap
