#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace threadline::mime {

// msg-id lists of Message-ID, In-Reply-To and References (RFC 5322 §3.6.4). Ids are
// returned without their angle brackets, whitespace removed, duplicates dropped.
// Tolerated: comments and phrases between ids ("<a@x> (John's message)"), ids folded
// across lines, and ids missing their brackets altogether.
class MessageIds final
{
public:
    MessageIds() = delete;

    static QStringList parseList(QByteArrayView value);
    // The first id of `value`; a bracket-less value is taken whole.
    static QString parseSingle(QByteArrayView value);
    // "<id>" for writing a header.
    static QByteArray bracketed(QStringView id);
};

} // namespace threadline::mime
