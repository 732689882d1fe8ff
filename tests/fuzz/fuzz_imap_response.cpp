// libFuzzer harness: arbitrary server bytes through ResponseFramer and ResponseParser, plus
// the invariants that must hold for any input:
//  - framing in random chunks gives the same responses as framing in one go;
//  - the responses, concatenated, are exactly the bytes consumed;
//  - parsing is deterministic, and a parsed VANISHED set survives a format/parse round trip;
//  - modified UTF-7 encode/decode round-trips any string;
//  - the protocol log redactor accepts any bytes in either direction.
// The input is kept as raw server bytes (so the seed corpus is real traces); chunk sizes and
// limits are derived from a hash of the input.

#include "imap/ModifiedUtf7.h"
#include "imap/ProtocolLog.h"
#include "imap/ResponseFramer.h"
#include "imap/ResponseParser.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace threadline::imap;

namespace {

void check(bool condition, int line)
{
    if (!condition) {
        std::fprintf(stderr, "invariant broken at %s:%d\n", __FILE__, line);
        std::abort();
    }
}

#define CHECK(condition) check((condition), __LINE__)

quint64 hashOf(QByteArrayView bytes)
{
    quint64 h = 1469598103934665603ull; // FNV-1a
    for (const char c : bytes) {
        h = (h ^ quint8(c)) * 1099511628211ull;
    }
    return h;
}

struct Framed
{
    QList<QByteArray> responses;
    bool failed = false;
};

Framed frame(QByteArrayView input, const Limits& limits, quint64 seed)
{
    ResponseFramer framer(limits);
    Framed out;
    qsizetype pos = 0;
    while (pos < input.size() && !framer.hasError()) {
        qsizetype chunk = input.size() - pos;
        if (seed != 0) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            chunk = qMin<qsizetype>(chunk, qsizetype((seed >> 33) % 64) + 1);
        }
        framer.feed(input.sliced(pos, chunk));
        pos += chunk;
        while (auto response = framer.next()) {
            out.responses.append(*response);
        }
    }
    out.failed = framer.hasError();
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char*>(data), qsizetype(size));
    const quint64 hash = hashOf(input);

    Limits limits;
    if ((hash & 3) == 0) {
        // Small limits so that the limit paths are exercised too.
        limits.maxLineLength = 64;
        limits.maxLiteralSize = 32;
        limits.maxResponseSize = 256;
        limits.maxNestingDepth = 8;
    }

    const Framed whole = frame(input, limits, 0);
    const Framed chunked = frame(input, limits, hash | 1);
    CHECK(whole.failed == chunked.failed);
    CHECK(whole.responses == chunked.responses);
    const QByteArray joined = whole.responses.join();
    CHECK(input.startsWith(joined));

    bool first = true;
    for (const QByteArray& response : whole.responses) {
        const Result<Response> parsed = ResponseParser::parse(response, limits);
        const Result<Response> again = ResponseParser::parse(response, limits);
        CHECK(parsed == again);
        if (first) {
            ResponseParser::parseGreeting(response, limits);
            first = false;
        }
        if (!parsed) {
            CHECK(!parsed.error().message.isEmpty());
            continue;
        }
        if (const auto* vanished = std::get_if<VanishedResponse>(&parsed.value())) {
            const QByteArray line = "* VANISHED " + vanished->uids.toByteArray() + "\r\n";
            const Result<Response> reparsed = ResponseParser::parse(line, limits);
            CHECK(reparsed.hasValue());
            CHECK(std::get<VanishedResponse>(reparsed.value()).uids == vanished->uids);
        }
    }

    // The parser must also survive bytes the framer would never hand it.
    ResponseParser::parse(input, limits);

    const QString name = QString::fromUtf8(input.first(qMin<qsizetype>(input.size(), 256)));
    CHECK(ModifiedUtf7::decode(ModifiedUtf7::encode(name)) == name);
    ModifiedUtf7::decode(input.first(qMin<qsizetype>(input.size(), 256)));

    ProtocolLog log;
    const qsizetype half = input.size() / 2;
    log.redact(ProtocolLog::Direction::Sent, input.first(half));
    log.redact(ProtocolLog::Direction::Received, input.sliced(half));
    return 0;
}
