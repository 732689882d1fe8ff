#pragma once

#include "ParameterList.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace threadline::mime {

class ContentType;

// A parsed Content-Disposition (RFC 2183).
class ContentDisposition final
{
public:
    ContentDisposition() = default;

    static ContentDisposition parse(QByteArrayView value);

    // Lowercased: "inline", "attachment", or empty when the header is absent.
    const QByteArray& type() const { return m_type; }
    bool isAttachment() const { return m_type == "attachment"; }
    bool isInline() const { return m_type == "inline"; }
    const ParameterList& parameters() const { return m_parameters; }
    QString fileName() const { return m_parameters.value("filename"); }

    // The part's file name: filename (RFC 2231 forms first), else Content-Type's name,
    // with any directory part removed (a name must never reach outside a folder).
    static QString fileNameFor(const ContentDisposition& disposition, const ContentType& type);

private:
    QByteArray m_type;
    ParameterList m_parameters;
};

} // namespace threadline::mime
