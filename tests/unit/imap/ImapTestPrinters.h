#pragma once

// QTest::toString overloads (found by argument-dependent lookup) so that a failed QCOMPARE
// on a parsed response prints both values instead of "<unknown>".

#include "imap/Response.h"
#include "imap/Result.h"

#include <QByteArray>
#include <QMetaType>
#include <QTest>
#include <variant>

namespace threadline::imap {

namespace printers {

inline QByteArray quote(const QByteArray& value)
{
    if (value.isNull()) {
        return "NIL";
    }
    QByteArray out = "\"";
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u >= 0x7f) {
            out += "\\x" + QByteArray::number(u, 16).rightJustified(2, '0');
        } else {
            out += c;
        }
    }
    return out + "\"";
}

inline QByteArray list(const QList<QByteArray>& values)
{
    QByteArray out = "(";
    for (const QByteArray& v : values) {
        out += (out.size() > 1 ? " " : "") + quote(v);
    }
    return out + ")";
}

template <typename T> QByteArray opt(const std::optional<T>& value)
{
    return value ? QByteArray::number(*value) : QByteArray("-");
}

inline QByteArray set(const SequenceSet& s)
{
    return "[" + s.toByteArray() + "]";
}

inline QByteArray code(const ResponseCode& c)
{
    return "code{" + QByteArray::number(int(c.kind)) + " " + c.name +
           " n=" + QByteArray::number(c.number) + " atoms=" + list(c.atoms) +
           " uids=" + set(c.uids) + " dst=" + set(c.destinationUids) + " text=" + quote(c.text) +
           "}";
}

inline QByteArray addresses(const QList<Address>& list)
{
    QByteArray out = "(";
    for (const Address& a : list) {
        out += "(" + quote(a.name) + " " + quote(a.adl) + " " + quote(a.mailbox) + " " +
               quote(a.host) + ")";
    }
    return out + ")";
}

inline QByteArray envelope(const Envelope& e)
{
    return "env{" + quote(e.date) + " " + quote(e.subject) + " from=" + addresses(e.from) +
           " sender=" + addresses(e.sender) + " reply=" + addresses(e.replyTo) +
           " to=" + addresses(e.to) + " cc=" + addresses(e.cc) + " bcc=" + addresses(e.bcc) +
           " irt=" + quote(e.inReplyTo) + " mid=" + quote(e.messageId) + "}";
}

inline QByteArray params(const BodyPart::Parameters& p)
{
    QByteArray out = "(";
    for (const auto& [k, v] : p) {
        out += quote(k) + "=" + quote(v) + " ";
    }
    return out + ")";
}

inline QByteArray body(const BodyPart& b)
{
    QByteArray out = "body{" + quote(b.type) + "/" + quote(b.subtype) + " " + params(b.parameters) +
                     " id=" + quote(b.id) + " desc=" + quote(b.description) +
                     " enc=" + quote(b.encoding) + " size=" + QByteArray::number(b.size) +
                     " lines=" + QByteArray::number(b.lines);
    if (b.envelope) {
        out += " " + envelope(*b.envelope);
    }
    for (const BodyPart& child : b.children) {
        out += " " + body(child);
    }
    return out + " md5=" + quote(b.md5) + " dsp=" + quote(b.disposition) +
           params(b.dispositionParameters) + " lang=" + list(b.language) +
           " loc=" + quote(b.location) + "}";
}

inline QByteArray dump(const StatusResponse& r)
{
    return "Status{tag=" + r.tag + " status=" + QByteArray::number(int(r.status)) + " " +
           code(r.code) + " text=" + r.text.toUtf8() + "}";
}
inline QByteArray dump(const ContinuationRequest& r)
{
    return "Continuation{" + quote(r.text) + "}";
}
inline QByteArray dump(const CapabilityResponse& r)
{
    return "Capability" + list(r.capabilities);
}
inline QByteArray dump(const EnabledResponse& r)
{
    return "Enabled" + list(r.capabilities);
}
inline QByteArray dump(const ListResponse& r)
{
    return "List{kind=" + QByteArray::number(int(r.kind)) + " " + list(r.attributes) +
           " delim=" + QString(r.delimiter).toUtf8() + " enc=" + quote(r.encodedName) +
           " name=" + r.name.toUtf8() + "}";
}
inline QByteArray dump(const MailboxStatusResponse& r)
{
    return "MailboxStatus{" + quote(r.encodedName) + " " + r.name.toUtf8() +
           " m=" + opt(r.messages) + " r=" + opt(r.recent) + " next=" + opt(r.uidNext) +
           " val=" + opt(r.uidValidity) + " unseen=" + opt(r.unseen) +
           " hms=" + opt(r.highestModSeq) + " size=" + opt(r.size) + "}";
}
inline QByteArray dump(const FlagsResponse& r)
{
    return "Flags" + list(r.flags);
}
inline QByteArray dump(const ExistsResponse& r)
{
    return "Exists{" + QByteArray::number(r.count) + "}";
}
inline QByteArray dump(const RecentResponse& r)
{
    return "Recent{" + QByteArray::number(r.count) + "}";
}
inline QByteArray dump(const ExpungeResponse& r)
{
    return "Expunge{" + QByteArray::number(r.sequenceNumber) + "}";
}
inline QByteArray dump(const VanishedResponse& r)
{
    return "Vanished{earlier=" + QByteArray::number(r.earlier) + " " + set(r.uids) + "}";
}
inline QByteArray dump(const SearchResponse& r)
{
    QByteArray out = "Search{";
    for (const quint32 n : r.numbers) {
        out += QByteArray::number(n) + " ";
    }
    return out + "modseq=" + opt(r.modSeq) + "}";
}
inline QByteArray dump(const EsearchResponse& r)
{
    return "Esearch{tag=" + quote(r.tag) + " uid=" + QByteArray::number(r.uid) +
           " min=" + opt(r.min) + " max=" + opt(r.max) + " count=" + opt(r.count) +
           " all=" + (r.all ? set(*r.all) : QByteArray("-")) + " modseq=" + opt(r.modSeq) + "}";
}
inline QByteArray dump(const FetchResponse& r)
{
    QByteArray out = "Fetch{seq=" + QByteArray::number(r.sequenceNumber) + " uid=" + opt(r.uid);
    if (r.flags) {
        out += " flags=" + list(*r.flags);
    }
    out += " date=" + r.internalDate.toString(Qt::ISODate).toUtf8() + " size=" + opt(r.rfc822Size) +
           " modseq=" + opt(r.modSeq);
    if (r.envelope) {
        out += " " + envelope(*r.envelope);
    }
    if (r.body) {
        out += " " + body(*r.body);
    }
    for (const FetchSection& s : r.sections) {
        out += " section{" + s.part + "|" + s.text + "|" + list(s.headerFields) +
               " origin=" + opt(s.origin) + " bin=" + QByteArray::number(s.binary) + " " +
               quote(s.data) + "}";
    }
    return out + "}";
}
inline QByteArray dump(const UnknownResponse& r)
{
    return "Unknown{" + opt(r.number) + " " + r.name + " " + quote(r.data) + "}";
}

} // namespace printers

inline char* toString(const Response& response)
{
    return qstrdup(
        std::visit([](const auto& r) { return printers::dump(r); }, response).constData());
}

inline char* toString(const ParseError& error)
{
    const QByteArray text = "ParseError{" + QByteArray::number(int(error.code)) + " " +
                            error.message.toUtf8() + " @" + QByteArray::number(error.offset) + "}";
    return qstrdup(text.constData());
}

} // namespace threadline::imap

Q_DECLARE_METATYPE(threadline::imap::Response)
Q_DECLARE_METATYPE(threadline::imap::ParseError::Code)
