#pragma once

#include "ParameterList.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace threadline::mime {

// A parsed Content-Type (RFC 2045 §5). A missing or unreadable value is text/plain
// (§5.2); the caller decides when another default applies (message/rfc822 in a digest).
class ContentType final
{
public:
    ContentType() = default;

    static ContentType parse(QByteArrayView value);
    // Literals as static data: building a ContentType allocates nothing for them.
    static ContentType textPlain()
    {
        return ContentType(QByteArrayLiteral("text"), QByteArrayLiteral("plain"));
    }
    static ContentType messageRfc822()
    {
        return ContentType(QByteArrayLiteral("message"), QByteArrayLiteral("rfc822"));
    }

    const QByteArray& type() const { return m_type; }       // lowercased, e.g. "text"
    const QByteArray& subtype() const { return m_subtype; } // lowercased, e.g. "plain"
    QByteArray mimeType() const { return m_type + '/' + m_subtype; }
    bool is(QByteArrayView type, QByteArrayView subtype) const
    {
        return m_type == type && m_subtype == subtype;
    }
    bool isMultipart() const { return m_type == "multipart"; }
    bool isText() const { return m_type == "text"; }
    // True when the header was missing or unreadable and the default was used.
    bool isDefaulted() const { return m_defaulted; }

    const ParameterList& parameters() const { return m_parameters; }
    QByteArray charset() const;
    // The boundary bytes as written: boundaries compare exactly (RFC 2046 §5.1.1).
    QByteArray boundary() const { return m_parameters.rawValue("boundary"); }
    QString name() const { return m_parameters.value("name"); }

private:
    ContentType(QByteArray type, QByteArray subtype)
        : m_type(std::move(type))
        , m_subtype(std::move(subtype))
    {}

    QByteArray m_type = QByteArrayLiteral("text");
    QByteArray m_subtype = QByteArrayLiteral("plain");
    ParameterList m_parameters;
    bool m_defaulted = true;
};

} // namespace threadline::mime
