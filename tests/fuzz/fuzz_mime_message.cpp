// libFuzzer harness for app/mime: arbitrary bytes as a whole message, plus the invariants
// that must hold for any input:
//  - MessageParser never crashes, and the same input parses the same way twice;
//  - every part path the parser lists can be extracted again with partContent();
//  - any text survives EncodedWords::encodeHeader() → HeaderBlock → EncodedWords::decode()
//    (after the documented clean-up: line breaks and NULs to spaces, trimmed);
//  - quoted-printable and base64 round-trip any bytes (QP with line breaks made CRLF).
// Seeds: tests/data/mime. Run longer with
//   build-fuzz/tests/fuzz/fuzz_mime_message -max_total_time=600 corpus-dir tests/data/mime

#include "mime/EncodedWords.h"
#include "mime/HeaderBlock.h"
#include "mime/MessageParser.h"
#include "mime/TransferEncoding.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace threadline::mime;

namespace {

void check(bool condition, int line)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken at %s:%d\n", __FILE__, line);
        std::abort();
    }
}

#define CHECK(condition) check((condition), __LINE__)

QByteArray crlfLines(QByteArray data)
{
    data.replace("\r\n", "\n");
    data.replace('\r', '\n');
    data.replace("\n", "\r\n");
    return data;
}

QString cleanedHeaderText(const QString& text)
{
    QString out = text;
    for (QChar& c : out) {
        if (c == u'\r' || c == u'\n' || c.unicode() == 0)
            c = u' ';
    }
    return out.trimmed();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray raw(reinterpret_cast<const char*>(data), qsizetype(size));

    const ParsedMessage first = MessageParser::parse(raw);
    const ParsedMessage again = MessageParser::parse(raw);
    CHECK(first.subject == again.subject);
    CHECK(first.textBody == again.textBody);
    CHECK(first.attachments == again.attachments);
    CHECK(first.problems == again.problems);
    for (const Attachment& attachment : first.attachments) {
        bool found = false;
        MessageParser::partContent(raw, attachment.partPath, nullptr, &found);
        CHECK(found);
    }

    // Header text round trip, on the first 2 KB read as UTF-8.
    const QString text = QString::fromUtf8(raw.left(2048));
    const QByteArray field = EncodedWords::encodeHeader("Subject", text);
    const HeaderBlock block = HeaderBlock::parse(QByteArray(field + "\r\n\r\n"));
    CHECK(block.size() == 1);
    CHECK(EncodedWords::decode(block.valueAt(0)) == cleanedHeaderText(text));

    CHECK(TransferEncoding::decodeQuotedPrintable(TransferEncoding::encodeQuotedPrintable(raw)) ==
          crlfLines(raw));
    CHECK(TransferEncoding::decodeBase64(TransferEncoding::encodeBase64Lines(raw)) == raw);
    return 0;
}
