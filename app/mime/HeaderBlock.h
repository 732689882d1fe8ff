#pragma once

#include "DecodeIssues.h"
#include "HeaderField.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace threadline::mime {

// The header section of a message or body part (RFC 5322 §2.2), unfolded. Names compare
// case-insensitively; duplicates are kept in order. All fields share one buffer, so a
// block costs two allocations however many fields it has.
class HeaderBlock final
{
public:
    HeaderBlock() = default;

    // Parses the header section at the start of `raw`, which ends at the first empty line
    // (CRLF or bare LF). `bodyOffset` receives where the body starts (raw.size() if none).
    // A line that is neither a field nor a continuation is taken as the start of the body
    // (the empty line was forgotten); a continuation before any field is dropped. Both are
    // counted in malformedLines().
    static HeaderBlock parse(QByteArrayView raw, qsizetype* bodyOffset = nullptr);

    qsizetype size() const { return m_slots.size(); }
    bool isEmpty() const { return m_slots.isEmpty(); }
    // Views into this block: valid while it lives.
    QByteArrayView nameAt(qsizetype i) const;
    QByteArrayView valueAt(qsizetype i) const;
    QList<HeaderField> fields() const;

    bool contains(QByteArrayView name) const { return indexOf(name) >= 0; }
    qsizetype indexOf(QByteArrayView name, qsizetype from = 0) const;
    // The first field's raw value (a null QByteArray when absent).
    QByteArray value(QByteArrayView name) const;
    QByteArrayView valueView(QByteArrayView name) const;
    // Every field's raw value, in order.
    QList<QByteArray> values(QByteArrayView name) const;
    // The first field as unstructured text: RFC 2047 decoded, 8-bit read as UTF-8 or
    // windows-1252.
    QString text(QByteArrayView name, DecodeIssues* issues = nullptr) const;

    int malformedLines() const { return m_malformedLines; }
    // True when more fields were present than the parser keeps (kMaxFields).
    bool truncated() const { return m_truncated; }

    static constexpr qsizetype kMaxFields = 10000;

private:
    struct Slot
    {
        qsizetype nameStart;
        qsizetype nameLength;
        qsizetype valueStart;
        qsizetype valueLength;
    };

    // Bit n set when a field name has n bytes (63: longer): indexOf() answers at once for
    // the many names looked up that a block does not have (Bcc, Reply-To, Content-ID...).
    static quint64 lengthBit(qsizetype length) { return quint64(1) << qMin<qsizetype>(length, 63); }

    QByteArray m_data;
    QList<Slot> m_slots;
    quint64 m_nameLengths = 0;
    int m_malformedLines = 0;
    bool m_truncated = false;
};

} // namespace threadline::mime
