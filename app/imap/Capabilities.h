#pragma once

#include <QByteArray>
#include <QList>

namespace threadline::imap {

// What a server advertised in CAPABILITY (RFC 3501 §7.2.1), case-insensitive. Valid only for
// the state it was read in: it is read again after STARTTLS and after login (RFC 3501 §6.2.1).
class Capabilities final
{
public:
    Capabilities() = default;
    explicit Capabilities(QList<QByteArray> atoms);

    bool isEmpty() const { return m_atoms.isEmpty(); }
    const QList<QByteArray>& atoms() const { return m_atoms; }
    bool has(QByteArrayView capability) const;
    // "AUTH=PLAIN" and the like (RFC 3501 §6.2.2).
    bool hasAuth(QByteArrayView mechanism) const;

    bool startTls() const { return has("STARTTLS"); }
    bool loginDisabled() const { return has("LOGINDISABLED"); }
    bool saslIr() const { return has("SASL-IR"); }                   // RFC 4959
    bool idle() const { return has("IDLE"); }                        // RFC 2177
    bool uidPlus() const { return has("UIDPLUS"); }                  // RFC 4315
    bool enable() const { return has("ENABLE"); }                    // RFC 5161
    bool qresync() const { return has("QRESYNC"); }                  // RFC 7162
    bool condStore() const { return has("CONDSTORE") || qresync(); } // QRESYNC implies it
    bool specialUse() const { return has("SPECIAL-USE"); }           // RFC 6154
    bool listExtended() const { return has("LIST-EXTENDED"); }       // RFC 5258
    bool esearch() const { return has("ESEARCH"); }                  // RFC 4731
    bool literalPlus() const { return has("LITERAL+"); }             // RFC 7888
    bool literalMinus() const { return has("LITERAL-"); }            // RFC 7888
    bool move() const { return has("MOVE"); }                        // RFC 6851

    friend bool operator==(const Capabilities&, const Capabilities&) = default;

private:
    QList<QByteArray> m_atoms; // upper-cased
};

} // namespace threadline::imap
