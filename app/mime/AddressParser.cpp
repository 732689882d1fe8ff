#include "AddressParser.h"

#include "Charset.h"
#include "EncodedWords.h"
#include "Lexer.h"

#include <QVarLengthArray>
#include <algorithm>

namespace threadline::mime {

namespace {

constexpr Lexer::Stops kPhraseStops(",;:<>");
constexpr Lexer::Stops kSpecStops("<>");
// Bytes that make an addr-spec need cleanSpec()'s rewrite (whitespace is in every Stops).
constexpr Lexer::Stops kNotSimple("\"(<>:");

struct Piece
{
    QByteArrayView text; // into the value, or into ListReader::m_unquoted
    bool quoted = false;
    bool spaceBefore = false;
};

class ListReader final
{
public:
    ListReader(QByteArrayView value, DecodeIssues* issues)
        : m_lexer(value)
        , m_issues(issues)
    {}

    AddressList read(bool firstOnly)
    {
        // One allocation for the usual lists of up to four, instead of growing by steps.
        if (!m_lexer.atEnd())
            m_out.reserve(firstOnly ? 1 : 4);
        bool inGroup = false;
        while (!(firstOnly && !m_out.isEmpty())) {
            const bool space = m_lexer.skipCfws(&m_comments);
            if (m_lexer.atEnd())
                break;
            const char c = m_lexer.peek();
            if (c == ',') {
                m_lexer.advance();
                finish();
            } else if (c == ';') {
                m_lexer.advance();
                finish();
                inGroup = false;
            } else if (c == ':' && !m_hasAngle) {
                // §3.4 group: the phrase before ':' names the group, not a mailbox.
                m_lexer.advance();
                if (!inGroup) {
                    m_phrase.clear();
                    m_comments.clear();
                    inGroup = true;
                }
            } else if (c == '<') {
                if (m_hasAngle)
                    finish(); // "<a@x> <b@y>": two mailboxes missing their comma
                readAngle();
            } else if (c == '>') {
                m_lexer.advance(); // stray
            } else {
                QByteArrayView quoted;
                bool plain = true;
                if (c == '"' && m_lexer.readQuotedContent(quoted, plain)) {
                    if (!plain) {
                        // Views into the list's elements survive its growth: the bytes
                        // stay where they are.
                        m_unquoted.append(QByteArray());
                        Lexer::unquote(quoted, m_unquoted.last());
                        quoted = m_unquoted.last();
                    }
                    m_phrase.append(Piece{quoted, true, space});
                    continue;
                }
                const QByteArrayView atom = m_lexer.readAtom(kPhraseStops);
                if (atom.isEmpty())
                    m_lexer.advance();
                else
                    m_phrase.append(Piece{atom, false, space});
            }
        }
        finish();
        return std::move(m_out);
    }

private:
    void readAngle()
    {
        m_lexer.advance(); // '<'
        const QByteArrayView rest = m_lexer.rest();
        qsizetype end = rest.indexOf('>');
        qsizetype skip = 1;
        if (end < 0) {
            // Unterminated: the address ends where the next one would start.
            end = rest.indexOf(',');
            skip = 0;
            if (end < 0)
                end = rest.size();
        }
        m_angle = rest.first(end);
        m_hasAngle = true;
        m_lexer.advance(end + skip);
    }

    QString decodeText(QByteArrayView bytes) { return EncodedWords::decode(bytes, m_issues); }

    // The addr-spec without CFWS, quotes kept; built in `scratch` only when it differs.
    static QByteArrayView cleanSpec(QByteArrayView spec, QByteArray& scratch)
    {
        const bool simple =
            !spec.startsWith('@') && spec.size() > 7 &&
            std::none_of(spec.begin(), spec.end(), [](char c) { return kNotSimple.contains(c); });
        if (simple) // the usual "user@domain": nothing to remove
            return spec;
        QByteArray& out = scratch;
        out.clear();
        out.reserve(spec.size());
        Lexer lexer(spec);
        while (true) {
            lexer.skipCfws();
            if (lexer.atEnd())
                break;
            QByteArray quoted;
            if (lexer.peek() == '"' && lexer.readQuotedString(quoted)) {
                out += '"' + quoted + '"'; // a quoted local part stays quoted
                continue;
            }
            const QByteArrayView atom = lexer.readAtom(kSpecStops);
            if (atom.isEmpty())
                lexer.advance(); // a stray bracket or quote: dropped
            out += atom;
        }
        // Obsolete route "@a,@b:user@domain" (RFC 5322 §4.4) and "mailto:" prefixes.
        if (out.startsWith('@')) {
            const qsizetype colon = out.indexOf(':');
            if (colon >= 0)
                out.remove(0, colon + 1);
        }
        if (out.size() > 7 &&
            QByteArrayView(out).first(7).compare("mailto:", Qt::CaseInsensitive) == 0)
            out.remove(0, 7);
        return out;
    }

    QString phraseText(qsizetype from, qsizetype to)
    {
        if (to - from == 1) // one word or quoted-string: decoded where it is
            return decodeText(m_phrase[from].text);
        if (to - from > 1 && isSpan(from, to)) // "Jean Martin": decoded where it is too
            return decodeText(
                QByteArrayView(m_phrase[from].text.data(), m_phrase[to - 1].text.end()));
        qsizetype size = 0;
        for (qsizetype i = from; i < to; ++i)
            size += m_phrase[i].text.size() + 1;
        QByteArray joined;
        joined.reserve(size);
        for (qsizetype i = from; i < to; ++i) {
            if (!joined.isEmpty() && m_phrase[i].spaceBefore)
                joined += ' ';
            joined += m_phrase[i].text;
        }
        return decodeText(joined);
    }

    // True when the pieces joined as phraseText() joins them are the bytes of the value from
    // the first to the last: each follows the one before directly, or after one space.
    // Quoted pieces never are (a quote stands between), nor unquoted copies.
    bool isSpan(qsizetype from, qsizetype to) const
    {
        if (m_phrase[from].text.isEmpty())
            return false; // joining skips the space after an empty first piece
        for (qsizetype i = from + 1; i < to; ++i) {
            const QByteArrayView previous = m_phrase[i - 1].text;
            const char* const next = m_phrase[i].text.data();
            const bool spaced = m_phrase[i].spaceBefore;
            if (next != previous.end() + (spaced ? 1 : 0) || (spaced && *previous.end() != ' '))
                return false;
        }
        return true;
    }

    // True when tidyName() would return `name` unchanged: single spaces between words, no
    // quotes. Most names are, and the check costs less than the copies it saves.
    static bool isTidy(QStringView name)
    {
        bool afterSpace = true; // a leading space is not tidy
        for (const QChar c : name) {
            if (c == u'"')
                return false;
            if (c.isSpace()) {
                if (afterSpace || c != u' ')
                    return false;
                afterSpace = true;
            } else {
                afterSpace = false;
            }
        }
        if (afterSpace && !name.isEmpty())
            return false;
        return name.size() < 2 || name.front() != u'\'' || name.back() != u'\'';
    }

    static QString tidyName(QString name)
    {
        if (isTidy(name))
            return name;
        name = name.simplified();
        // Stray quotes from broken quoting, and 'single quoted' names some mailers add.
        while (name.size() >= 2 && ((name.front() == u'\'' && name.back() == u'\'') ||
                                    (name.front() == u'"' && name.back() == u'"')))
            name = name.sliced(1, name.size() - 2).trimmed();
        if (name.count(u'"') % 2 == 1) { // one stray quote from broken quoting
            if (name.startsWith(u'"'))
                name.remove(0, 1);
            else if (name.endsWith(u'"'))
                name.chop(1);
        }
        return name.trimmed();
    }

    void finish()
    {
        Address address;
        if (m_hasAngle) {
            address.email = Charset::decodeGuess(cleanSpec(m_angle, m_scratch));
            address.name = phraseText(0, m_phrase.size());
        } else {
            // An addr-spec without angle brackets, maybe with CFWS around '@' (§4.4)
            // and a name in a comment, or a garbage word or two around it.
            qsizetype at = -1;
            for (qsizetype i = 0; i < m_phrase.size(); ++i) {
                if (!m_phrase[i].quoted && m_phrase[i].text.contains('@')) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                auto glued = [this](qsizetype left, qsizetype right) {
                    const Piece& l = m_phrase[left];
                    const Piece& r = m_phrase[right];
                    return !r.spaceBefore || l.text.endsWith('@') || r.text.startsWith('@') ||
                           l.text.endsWith('.') || r.text.startsWith('.');
                };
                qsizetype first = at;
                qsizetype last = at;
                while (first > 0 && glued(first - 1, first))
                    --first;
                while (last + 1 < m_phrase.size() && glued(last, last + 1))
                    ++last;
                QByteArray spec;
                QByteArrayView specView = m_phrase[first].text;
                if (first != last || m_phrase[first].quoted) {
                    for (qsizetype i = first; i <= last; ++i) {
                        if (m_phrase[i].quoted)
                            spec += '"';
                        spec += m_phrase[i].text;
                        if (m_phrase[i].quoted)
                            spec += '"';
                    }
                    specView = spec;
                }
                address.email = Charset::decodeGuess(cleanSpec(specView, m_scratch));
                QString name = phraseText(0, first);
                const QString after = phraseText(last + 1, m_phrase.size());
                if (!after.isEmpty())
                    name = name.isEmpty() ? after : name + u' ' + after;
                address.name = name;
            }
        }
        address.name = tidyName(address.name);
        if (address.name.isEmpty() && !m_comments.isEmpty())
            address.name = tidyName(decodeText(m_comments));
        address.email = address.email.trimmed();
        if (!address.email.isEmpty())
            m_out.append(std::move(address));
        m_phrase.clear();
        m_unquoted.clear();
        m_comments.clear();
        m_angle = {};
        m_hasAngle = false;
    }

    Lexer m_lexer;
    DecodeIssues* m_issues;
    AddressList m_out;
    QVarLengthArray<Piece, 16> m_phrase; // on the stack for any ordinary name
    QList<QByteArray> m_unquoted;        // quoted-strings with quoted-pairs, resolved
    QByteArray m_comments;
    QByteArrayView m_angle;
    QByteArray m_scratch; // cleanSpec()'s output when it must rewrite
    bool m_hasAngle = false;
};

} // namespace

AddressList AddressParser::parseList(QByteArrayView value, DecodeIssues* issues)
{
    return ListReader(value, issues).read(false);
}

Address AddressParser::parseSingle(QByteArrayView value, DecodeIssues* issues)
{
    const AddressList list = ListReader(value, issues).read(true);
    return list.isEmpty() ? Address() : list.first();
}

} // namespace threadline::mime
