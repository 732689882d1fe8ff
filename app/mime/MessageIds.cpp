#include "MessageIds.h"

#include "Charset.h"

#include <QSet>
#include <limits>

namespace threadline::mime {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isJunk(char c)
{
    return isSpace(c) || c == '<' || c == '>';
}

QString cleanId(QByteArrayView raw)
{
    bool clean = true;
    for (const char c : raw) {
        if (isJunk(c)) {
            clean = false;
            break;
        }
    }
    if (clean) // the usual case: no copy before decoding
        return Charset::decodeGuess(raw);
    QByteArray id(raw.size(), Qt::Uninitialized);
    qsizetype n = 0;
    for (const char c : raw) {
        if (!isJunk(c))
            id[n++] = c;
    }
    id.truncate(n);
    return Charset::decodeGuess(id);
}

void appendUnique(QStringList& ids, QSet<QString>& seen, QString id)
{
    if (id.isEmpty())
        return;
    if (ids.size() < 8) { // a set only pays off for long References chains
        if (ids.contains(id))
            return;
    } else {
        if (seen.isEmpty()) {
            for (const QString& existing : std::as_const(ids))
                seen.insert(existing);
        }
        if (seen.contains(id))
            return;
        seen.insert(id);
    }
    ids.append(std::move(id));
}

// The ids of `value` in order, up to `limit` of them (parseSingle() needs one).
QStringList collect(QByteArrayView value, qsizetype limit)
{
    QStringList ids;
    if (!value.isEmpty()) // one allocation for the usual few ids, instead of growing by steps
        ids.reserve(qMin<qsizetype>(limit, 8));
    QSet<QString> seen;
    bool commentsBroken = false;
    bool quotesBroken = false;
    bool noCloseLeft = false; // no '>' after here: stops rescanning on "<<<<..."
    const qsizetype size = value.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = value[i];
        if (c == '(' && !commentsBroken) {
            int depth = 0;
            qsizetype j = i;
            for (; j < size; ++j) {
                if (value[j] == '\\')
                    ++j;
                else if (value[j] == '(')
                    ++depth;
                else if (value[j] == ')' && --depth == 0)
                    break;
            }
            if (j >= size) {
                commentsBroken = true; // read it as text; later '(' too, to stay linear
                ++i;
            } else {
                i = j + 1;
            }
        } else if (c == '"' && !quotesBroken) {
            qsizetype j = i + 1;
            while (j < size && value[j] != '"')
                j += value[j] == '\\' ? 2 : 1;
            if (j >= size) {
                quotesBroken = true;
                ++i;
            } else {
                i = j + 1;
            }
        } else if (c == '<') {
            const qsizetype close = noCloseLeft ? -1 : value.indexOf('>', i + 1);
            if (close < 0) {
                noCloseLeft = true;
                // "<id@x" cut short: the id runs to the next whitespace or bracket.
                qsizetype j = i + 1;
                while (j < size && !isSpace(value[j]) && value[j] != '<')
                    ++j;
                appendUnique(ids, seen, cleanId(value.sliced(i + 1, j - i - 1)));
                if (ids.size() >= limit)
                    return ids;
                i = j;
                continue;
            }
            // "<a@x<b@y>": the inner '<' starts the id.
            qsizetype open = i;
            for (qsizetype k = i + 1; k < close; ++k) {
                if (value[k] == '<')
                    open = k;
            }
            appendUnique(ids, seen, cleanId(value.sliced(open + 1, close - open - 1)));
            if (ids.size() >= limit)
                return ids;
            i = close + 1;
        } else {
            ++i;
        }
    }
    if (!ids.isEmpty())
        return ids;

    // No brackets at all: take the words that look like ids.
    qsizetype pos = 0;
    while (pos < size) {
        while (pos < size && (isSpace(value[pos]) || value[pos] == ','))
            ++pos;
        const qsizetype start = pos;
        while (pos < size && !isSpace(value[pos]) && value[pos] != ',')
            ++pos;
        QByteArrayView word = value.sliced(start, pos - start);
        while (!word.isEmpty() && QByteArrayView("\"'()[];").contains(word.front()))
            word = word.sliced(1);
        while (!word.isEmpty() && QByteArrayView("\"'()[];.").contains(word.back()))
            word.chop(1);
        const qsizetype at = word.indexOf('@');
        if (at > 0 && at + 1 < word.size())
            appendUnique(ids, seen, cleanId(word));
        if (ids.size() >= limit)
            return ids;
    }
    return ids;
}

} // namespace

QStringList MessageIds::parseList(QByteArrayView value)
{
    return collect(value, std::numeric_limits<qsizetype>::max());
}

QString MessageIds::parseSingle(QByteArrayView value)
{
    const QStringList ids = collect(value, 1);
    if (!ids.isEmpty())
        return ids.first();
    return cleanId(value.trimmed());
}

QByteArray MessageIds::bracketed(QStringView id)
{
    return '<' + id.toUtf8() + '>';
}

} // namespace threadline::mime
