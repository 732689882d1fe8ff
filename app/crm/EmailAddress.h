#pragma once

#include <QString>

namespace threadline::crm {

// An email address as the user or a message wrote it. Comparison is case-insensitive
// over the whole address; plus-tags and dots are kept as written (Gmail-style
// canonicalisation would merge distinct people at other providers).
class EmailAddress final
{
public:
    EmailAddress() = default;
    explicit EmailAddress(const QString& written);

    const QString& written() const { return m_written; }
    // The key addresses are compared and indexed by.
    const QString& normalized() const { return m_normalized; }
    QString domain() const;
    bool isValid() const;

    friend bool operator==(const EmailAddress& a, const EmailAddress& b)
    {
        return a.m_normalized == b.m_normalized;
    }

private:
    QString m_written;
    QString m_normalized;
};

} // namespace threadline::crm
