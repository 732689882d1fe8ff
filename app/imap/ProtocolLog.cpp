#include "imap/ProtocolLog.h"

#include <algorithm>
#include <cstring>

namespace threadline::imap {

namespace {

// Enough bytes to see "tag COMMAND MECHANISM" on any sane line.
constexpr qsizetype decisionBytes = 256;
constexpr qsizetype tailBytes = 24;

QByteArrayView word(QByteArrayView line, qsizetype& pos)
{
    while (pos < line.size() && line[pos] == ' ') {
        ++pos;
    }
    const qsizetype start = pos;
    while (pos < line.size() && line[pos] != ' ' && line[pos] != '\r' && line[pos] != '\n') {
        ++pos;
    }
    return line.sliced(start, pos - start);
}

bool equalsCi(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() &&
           QByteArray::fromRawData(a.data(), a.size()).compare(b, Qt::CaseInsensitive) == 0;
}

// "{n}" or "{n+}" at the end of a line (line end excluded): the literal size, or -1.
qint64 trailingLiteral(QByteArrayView line)
{
    qsizetype end = line.size();
    while (end > 0 && (line[end - 1] == '\n' || line[end - 1] == '\r')) {
        --end;
    }
    if (end < 3 || line[end - 1] != '}') {
        return -1;
    }
    qsizetype i = end - 2;
    if (line[i] == '+') {
        --i;
    }
    const qsizetype digitsEnd = i + 1;
    while (i >= 0 && line[i] >= '0' && line[i] <= '9') {
        --i;
    }
    if (i < 0 || line[i] != '{' || i + 1 == digitsEnd || digitsEnd - i - 1 > 18) {
        return -1;
    }
    qint64 size = 0;
    for (qsizetype d = i + 1; d < digitsEnd; ++d) {
        size = size * 10 + (line[d] - '0');
    }
    return size;
}

} // namespace

void ProtocolLog::reset()
{
    m_sent = Stream();
    m_received = Stream();
    m_saslTag.clear();
}

void ProtocolLog::decide(Direction direction, Stream& stream, QByteArray& out)
{
    const QByteArrayView line = stream.head;
    stream.mode = LineMode::Pass;
    if (stream.afterLiteral) {
        // The rest of a command line after a literal: not a new command.
        stream.mode = stream.credentialCommand ? LineMode::Drop : LineMode::Pass;
    } else if (direction == Direction::Sent) {
        stream.credentialCommand = false;
        if (!m_saslTag.isEmpty()) {
            // A client response in a SASL exchange (or "*" to cancel it).
            out += Redacted;
            stream.mode = LineMode::Drop;
        } else {
            qsizetype pos = 0;
            const QByteArrayView tag = word(line, pos);
            const QByteArrayView command = word(line, pos);
            if (equalsCi(command, "LOGIN")) {
                out += tag;
                out += " LOGIN ";
                out += Redacted;
                stream.mode = LineMode::Drop;
                stream.credentialCommand = true;
            } else if (equalsCi(command, "AUTHENTICATE")) {
                const QByteArrayView mechanism = word(line, pos);
                out += tag;
                out += " AUTHENTICATE ";
                out += mechanism;
                if (!word(line, pos).isEmpty()) {
                    out += ' ';
                    out += Redacted;
                }
                stream.mode = LineMode::Drop;
                m_saslTag = tag.toByteArray();
            }
        }
    } else if (!m_saslTag.isEmpty()) {
        if (line.startsWith('+')) {
            out += "+ ";
            out += Redacted;
            stream.mode = LineMode::Drop;
        } else if (line.size() > m_saslTag.size() && line.startsWith(m_saslTag) &&
                   line[m_saslTag.size()] == ' ') {
            m_saslTag.clear(); // the exchange is over
        }
    }
    if (stream.mode == LineMode::Pass) {
        out += stream.head;
    }
    stream.head.clear();
}

void ProtocolLog::endLine(Stream& stream, QByteArray& out)
{
    if (stream.mode == LineMode::Drop && !stream.afterLiteral) {
        out += "\r\n";
    }
    const qint64 literal = trailingLiteral(stream.tail);
    stream.tail.clear();
    stream.mode = LineMode::Undecided;
    if (literal >= 0) {
        stream.literalRemaining = literal;
        stream.literalDropped = stream.credentialCommand;
        stream.afterLiteral = true;
    } else {
        stream.afterLiteral = false;
        stream.credentialCommand = false;
    }
}

QByteArray ProtocolLog::redact(Direction direction, QByteArrayView bytes)
{
    Stream& stream = direction == Direction::Sent ? m_sent : m_received;
    QByteArray out;
    qsizetype pos = 0;
    while (pos < bytes.size()) {
        if (stream.literalRemaining > 0) {
            const qsizetype take =
                qsizetype(std::min<qint64>(stream.literalRemaining, bytes.size() - pos));
            if (!stream.literalDropped) {
                out += bytes.sliced(pos, take);
            }
            stream.literalRemaining -= take;
            pos += take;
            continue;
        }
        const auto* newline = static_cast<const char*>(
            std::memchr(bytes.data() + pos, '\n', size_t(bytes.size() - pos)));
        const qsizetype end = newline ? (newline - bytes.data()) + 1 : bytes.size();
        const QByteArrayView piece = bytes.sliced(pos, end - pos);
        pos = end;

        if (piece.size() >= tailBytes) {
            stream.tail = piece.last(tailBytes).toByteArray();
        } else {
            stream.tail += piece;
            if (stream.tail.size() > tailBytes) {
                stream.tail.remove(0, stream.tail.size() - tailBytes);
            }
        }
        if (stream.mode == LineMode::Undecided) {
            stream.head += piece;
            if (newline || stream.head.size() >= decisionBytes) {
                decide(direction, stream, out);
            }
        } else if (stream.mode == LineMode::Pass) {
            out += piece;
        }
        if (newline) {
            endLine(stream, out);
        }
    }
    return out;
}

} // namespace threadline::imap
