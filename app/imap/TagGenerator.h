#pragma once

#include <QByteArray>

namespace threadline::imap {

// Unique tags for one connection: "t1", "t2", ... (RFC 3501 §2.2.1: any string the
// client chooses, unique per command; it must not contain '+').
class TagGenerator final
{
public:
    explicit TagGenerator(QByteArrayView prefix = "t")
        : m_prefix(prefix.toByteArray())
    {}

    QByteArray next() { return m_prefix + QByteArray::number(++m_counter); }

private:
    QByteArray m_prefix;
    quint64 m_counter = 0;
};

} // namespace threadline::imap
