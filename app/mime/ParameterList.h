#pragma once

#include "DecodeIssues.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace threadline::mime {

class Lexer;

// The "; name=value" parameters of Content-Type and Content-Disposition (RFC 2045 §5.1),
// with RFC 2231 continuations and charsets resolved. Names are case-insensitive.
// Tolerated: missing semicolons, unquoted values holding spaces, comments, RFC 2047
// encoded-words inside quoted values (not standard, but what many mailers send).
class ParameterList final
{
public:
    ParameterList() = default;

    // Parses from the lexer's position to the end of its text.
    static ParameterList parse(Lexer& lexer);

    bool contains(QByteArrayView name) const;
    // The decoded value, or a null QString when absent.
    QString value(QByteArrayView name) const;
    // The value's bytes as written (quotes removed), for values that must not be
    // transformed, such as a multipart boundary. Empty for RFC 2231 encoded values.
    QByteArray rawValue(QByteArrayView name) const;
    // The value's bytes when they read as written (ASCII, nothing to decode: value() is
    // them widened), else null; lets ASCII values such as a charset skip the widening.
    const QByteArray* plainValue(QByteArrayView name) const;
    qsizetype size() const { return m_entries.size(); }
    DecodeIssues issues() const { return m_issues; }

    // "name=value" pieces for sending, to be joined with ";": one piece when the value is
    // short ASCII, else RFC 2231 UTF-8 sections (name*0*=UTF-8''..., name*1*=...).
    static QList<QByteArray> encode(QByteArrayView name, QStringView value);

private:
    struct Entry
    {
        QByteArray name; // lowercased
        QString value;   // unset when `plain`: value() widens `raw`, for the few values asked for
        QByteArray raw;
        bool plain = false; // `raw` is ASCII text that reads as written (no encoded-word)
    };
    const Entry* find(QByteArrayView name) const;

    QList<Entry> m_entries;
    DecodeIssues m_issues;
};

} // namespace threadline::mime
