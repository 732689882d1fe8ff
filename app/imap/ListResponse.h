#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace threadline::imap {

// "* LIST (\HasNoChildren \Sent) "/" Sent" (also LSUB and Gmail's XLIST). RFC 3501 §7.2.2,
// attributes from RFC 6154 (SPECIAL-USE) and RFC 5258 (LIST-EXTENDED).
struct ListResponse
{
    enum class Kind
    {
        List,
        Lsub
    };

    Kind kind = Kind::List;
    QList<QByteArray> attributes; // as sent, e.g. "\HasNoChildren", "\Sent"
    QChar delimiter;              // null when the server sent NIL (flat namespace)
    QByteArray encodedName;       // as sent (modified UTF-7): use it in commands
    QString name;                 // decoded (RFC 3501 §5.1.3); "INBOX" in any case becomes "INBOX"

    bool hasAttribute(QByteArrayView attribute) const
    {
        for (const QByteArray& a : attributes) {
            if (a.compare(attribute, Qt::CaseInsensitive) == 0) {
                return true;
            }
        }
        return false;
    }

    friend bool operator==(const ListResponse&, const ListResponse&) = default;
};

} // namespace threadline::imap
