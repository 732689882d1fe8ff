#include "imap/ResponseFramer.h"

#include <QLatin1StringView>
#include <algorithm>
#include <cstring>
#include <utility>

namespace threadline::imap {

ResponseFramer::ResponseFramer(const Limits& limits)
    : m_limits(limits)
{}

void ResponseFramer::feed(QByteArrayView bytes)
{
    if (m_failed || bytes.isEmpty()) {
        return;
    }
    m_buffer.append(bytes);
}

void ResponseFramer::reset()
{
    *this = ResponseFramer(m_limits);
}

void ResponseFramer::fail(ParseError::Code code, const char* message)
{
    m_failed = true;
    m_error.code = code;
    m_error.message = QLatin1StringView(message);
    m_error.offset = m_streamOffset + m_scan;
    // Nothing more will be framed: free the memory now.
    m_buffer = QByteArray();
    m_start = m_lineStart = m_scan = 0;
}

qint64 ResponseFramer::literalSize(qsizetype lineStart, qsizetype lineEnd)
{
    const char* data = m_buffer.constData();
    if (lineEnd - lineStart < 3 || data[lineEnd - 1] != '}') {
        return -1;
    }
    qsizetype i = lineEnd - 2;
    if (data[i] == '+') { // LITERAL+ form, RFC 7888; servers do not send it but it is harmless
        --i;
    }
    const qsizetype digitsEnd = i + 1;
    while (i >= lineStart && data[i] >= '0' && data[i] <= '9') {
        --i;
    }
    const qsizetype digitsStart = i + 1;
    if (i < lineStart || data[i] != '{' || digitsStart == digitsEnd) {
        return -1;
    }
    qint64 size = 0;
    for (qsizetype d = digitsStart; d < digitsEnd; ++d) {
        size = size * 10 + (data[d] - '0');
        if (size > m_limits.maxLiteralSize) {
            return -2;
        }
    }
    return size;
}

std::optional<QByteArray> ResponseFramer::next()
{
    if (m_failed) {
        return std::nullopt;
    }
    for (;;) {
        const qsizetype size = m_buffer.size();
        if (m_literalRemaining > 0) {
            const qint64 take = std::min<qint64>(m_literalRemaining, size - m_scan);
            m_scan += qsizetype(take);
            m_literalRemaining -= take;
            if (m_literalRemaining > 0) {
                break;
            }
            m_lineStart = m_scan;
        }

        const char* data = m_buffer.constData();
        const auto* newline =
            static_cast<const char*>(std::memchr(data + m_scan, '\n', size_t(size - m_scan)));
        if (!newline) {
            m_scan = size;
            // A CR at the end may be the first half of the line end: not part of the line.
            qsizetype pending = size - m_lineStart;
            if (pending > 0 && data[size - 1] == '\r') {
                --pending;
            }
            if (pending > m_limits.maxLineLength) {
                fail(ParseError::Code::LineTooLong, "line longer than the limit");
                return std::nullopt;
            }
            if (size - m_start > m_limits.maxResponseSize) {
                fail(ParseError::Code::ResponseTooLarge, "response larger than the limit");
                return std::nullopt;
            }
            break;
        }
        const qsizetype lineEnd = newline - data;
        qsizetype contentEnd = lineEnd;
        if (contentEnd > m_lineStart && data[contentEnd - 1] == '\r') {
            --contentEnd;
        }
        m_scan = lineEnd + 1;
        if (contentEnd - m_lineStart > m_limits.maxLineLength) {
            fail(ParseError::Code::LineTooLong, "line longer than the limit");
            return std::nullopt;
        }
        if (m_scan - m_start > m_limits.maxResponseSize) {
            fail(ParseError::Code::ResponseTooLarge, "response larger than the limit");
            return std::nullopt;
        }
        const qint64 literal = literalSize(m_lineStart, contentEnd);
        if (literal == -2) {
            fail(ParseError::Code::LiteralTooLarge, "literal larger than the limit");
            return std::nullopt;
        }
        if (literal >= 0) {
            // Checked before a byte of it is stored.
            if (m_scan - m_start + literal > m_limits.maxResponseSize) {
                fail(ParseError::Code::ResponseTooLarge, "response larger than the limit");
                return std::nullopt;
            }
            m_literalRemaining = literal;
            m_lineStart = m_scan;
            continue;
        }

        // A complete response: [m_start, m_scan).
        const qsizetype end = m_scan;
        QByteArray response;
        if (m_start == 0 && size - end <= end) {
            // Hand over the buffer and keep a copy of the (smaller) rest.
            QByteArray rest = m_buffer.sliced(end);
            m_buffer.truncate(end);
            response = std::exchange(m_buffer, std::move(rest));
            m_streamOffset += end;
            m_start = m_lineStart = m_scan = 0;
        } else {
            response = m_buffer.sliced(m_start, end - m_start);
            m_start = m_lineStart = end;
        }
        return response;
    }

    // Waiting for more bytes: drop what was already returned.
    if (m_start > 0) {
        m_buffer.remove(0, m_start);
        m_streamOffset += m_start;
        m_lineStart -= m_start;
        m_scan -= m_start;
        m_start = 0;
    }
    return std::nullopt;
}

} // namespace threadline::imap
