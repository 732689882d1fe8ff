#pragma once

#include "Address.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QStringView>

namespace threadline::mime {

// Writes one header field for sending, folding at whitespace so that lines stay within
// 76 characters where possible (RFC 5322 §2.1.1, RFC 2047 §2) and never exceed 998.
// Tokens are never split, except encoded text, which becomes as many encoded-words as needed.
class HeaderWriter final
{
public:
    explicit HeaderWriter(QByteArrayView name);

    // An unbreakable token; a fold may replace `whitespaceBefore` only if it is not empty.
    void addToken(QByteArrayView whitespaceBefore, QByteArrayView token);
    // Unstructured text (RFC 5322 §3.2.5): readable where ASCII, encoded-words elsewhere.
    void addText(QStringView text);
    // A display name (RFC 5322 §3.2.5 phrase): atoms, a quoted-string, or encoded-words
    // restricted to the characters §5(3) allows in a phrase.
    void addPhrase(QStringView phrase);
    // One mailbox of an address list; `separator` adds the "," that follows it.
    void addAddress(const Address& address, bool separator);
    // `text` as UTF-8 encoded-words; `whitespaceBefore` must hold at least one space
    // unless this is the first token of the field.
    void addEncoded(QByteArrayView whitespaceBefore, QStringView text);

    // The field without its final CRLF.
    QByteArray result() const { return m_out; }

    // The addr-spec as it goes on the wire: domain in ASCII (IDNA), local part as given.
    static QByteArray encodeAddrSpec(QStringView email);

private:
    qsizetype column() const { return m_out.size() - m_lineStart; }
    void fold();

    QByteArray m_out;
    qsizetype m_lineStart = 0;
    bool m_lineHasToken = false;
    bool m_anyToken = false;
};

} // namespace threadline::mime
