#include "MessageRecord.h"

#include <QCryptographicHash>

using namespace Qt::StringLiterals;

namespace threadline::store {

namespace {

constexpr std::pair<MessageRecord::Role, QStringView> roleKeys[] = {
    {MessageRecord::Role::From, u"from"},
    {MessageRecord::Role::Sender, u"sender"},
    {MessageRecord::Role::ReplyTo, u"reply-to"},
    {MessageRecord::Role::To, u"to"},
    {MessageRecord::Role::Cc, u"cc"},
    {MessageRecord::Role::Bcc, u"bcc"},
    {MessageRecord::Role::DeliveredTo, u"delivered-to"},
};

} // namespace

QString MessageRecord::storageKey() const
{
    if (const QString id = normalizeId(messageId); !id.isEmpty())
        return id;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QDateTime when = date.isValid() ? date : internalDate;
    const auto add = [&hash](QStringView text) {
        hash.addData(text.toUtf8());
        hash.addData(QByteArrayView("\x1f"));
    };
    add(QString::number(when.isValid() ? when.toSecsSinceEpoch() : 0));
    for (Role role : {Role::From, Role::To, Role::Cc}) {
        for (const Address& address : addresses) {
            if (address.role == role)
                add(address.email.toLower());
        }
        add(u"|");
    }
    add(subject);
    add(QString::number(size));
    return u"digest:"_s + QString::fromLatin1(hash.result().toHex().left(40));
}

QList<MessageRecord::Address> MessageRecord::addressesOf(Role role) const
{
    QList<Address> result;
    for (const Address& address : addresses) {
        if (address.role == role)
            result.append(address);
    }
    return result;
}

QString MessageRecord::normalizeId(QStringView id)
{
    QStringView trimmed = id.trimmed();
    if (trimmed.startsWith(u'<'))
        trimmed = trimmed.mid(1);
    if (trimmed.endsWith(u'>'))
        trimmed = trimmed.chopped(1);
    trimmed = trimmed.trimmed();
    // RFC 5322 §3.6.4: msg-id has no whitespace and no brackets inside; a value that does is
    // garbage, and threading on garbage would join unrelated mail.
    for (QChar c : trimmed) {
        if (c.isSpace() || c == u'<' || c == u'>')
            return {};
    }
    // A line is at most 998 characters (RFC 5322 §2.1.1); anything longer is not an id.
    if (trimmed.size() > 998)
        return {};
    return trimmed.toString();
}

QString MessageRecord::lowercase(const QString& text)
{
    const QChar* end = text.constData() + text.size();
    for (const QChar* c = text.constData(); c != end; ++c) {
        const char16_t u = c->unicode();
        if (u >= 0x80 || char16_t(u - u'A') < 26)
            return text.toLower();
    }
    return text;
}

QString MessageRecord::roleKey(Role role)
{
    // Literals: no allocation (the sync asks once per address it stores).
    switch (role) {
    case Role::From:
        return u"from"_s;
    case Role::Sender:
        return u"sender"_s;
    case Role::ReplyTo:
        return u"reply-to"_s;
    case Role::To:
        return u"to"_s;
    case Role::Cc:
        return u"cc"_s;
    case Role::Bcc:
        return u"bcc"_s;
    case Role::DeliveredTo:
        return u"delivered-to"_s;
    }
    return {};
}

std::optional<MessageRecord::Role> MessageRecord::roleFromKey(QStringView key)
{
    for (const auto& [value, text] : roleKeys) {
        if (text == key)
            return value;
    }
    return std::nullopt;
}

} // namespace threadline::store
