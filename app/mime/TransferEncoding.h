#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace threadline::mime {

// Content-Transfer-Encoding (RFC 2045 §6). Decoders are tolerant: they never fail, and
// say through `damaged` when the input broke the rules (bad escapes, junk in base64).
class TransferEncoding final
{
public:
    enum class Kind
    {
        Identity, // 7bit, 8bit, binary, absent or unknown (RFC 2045 §6.4: treat as opaque)
        QuotedPrintable,
        Base64,
    };

    TransferEncoding() = delete;

    static Kind kindOf(QByteArrayView contentTransferEncoding);

    static QByteArray decode(QByteArrayView data, Kind kind, bool* damaged = nullptr);
    // RFC 2045 §6.7: soft line breaks removed, "=XX" decoded, invalid escapes kept as written,
    // trailing whitespace on encoded lines dropped (rule 3).
    static QByteArray decodeQuotedPrintable(QByteArrayView data, bool* damaged = nullptr);
    // RFC 2045 §6.8: characters outside the alphabet are skipped; a quantum cut short by
    // padding or by the end of data yields the whole bytes it holds.
    static QByteArray decodeBase64(QByteArrayView data, bool* damaged = nullptr);
    // Quoted-printable "Q" form of RFC 2047 §4.2: "_" is a space.
    static QByteArray decodeQ(QByteArrayView data, bool* damaged = nullptr);

    // The decoded size without decoding: used to list attachments cheaply.
    static qsizetype estimateDecodedSize(QByteArrayView data, Kind kind);

    // Body encoders for sending. Lines end in CRLF and stay within 76 characters.
    // `data` line breaks (LF, CRLF or CR) are hard breaks, written as CRLF.
    static QByteArray encodeQuotedPrintable(QByteArrayView data);
    static QByteArray encodeBase64Lines(QByteArrayView data);
};

} // namespace threadline::mime
