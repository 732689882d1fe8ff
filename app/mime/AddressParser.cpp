#include "AddressParser.h"

#include "Charset.h"
#include "EncodedWords.h"
#include "Lexer.h"

namespace threadline::mime {

namespace {

struct Piece
{
    QByteArray text;
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
                QByteArray quoted;
                if (c == '"' && m_lexer.readQuotedString(quoted)) {
                    m_phrase.append(Piece{quoted, true, space});
                    continue;
                }
                const QByteArrayView atom = m_lexer.readAtom(",;:<>");
                if (atom.isEmpty())
                    m_lexer.advance();
                else
                    m_phrase.append(Piece{atom.toByteArray(), false, space});
            }
        }
        finish();
        return m_out;
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
        m_angle = rest.first(end).toByteArray();
        m_hasAngle = true;
        m_lexer.advance(end + skip);
    }

    QString decodeText(QByteArrayView bytes) { return EncodedWords::decode(bytes, m_issues); }

    static QByteArray cleanSpec(QByteArrayView spec)
    {
        bool simple = !spec.startsWith('@') && spec.size() > 7;
        for (const char c : spec) {
            if (!simple)
                break;
            simple =
                !Lexer::isWhitespace(c) && c != '"' && c != '(' && c != '<' && c != '>' && c != ':';
        }
        if (simple) // the usual "user@domain": nothing to remove
            return spec.toByteArray();
        QByteArray out;
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
            const QByteArrayView atom = lexer.readAtom("<>");
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
        QByteArray joined;
        for (qsizetype i = from; i < to; ++i) {
            if (!joined.isEmpty() && m_phrase[i].spaceBefore)
                joined += ' ';
            joined += m_phrase[i].text;
        }
        return decodeText(joined);
    }

    static QString tidyName(QString name)
    {
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
            address.email = Charset::decodeGuess(cleanSpec(m_angle));
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
                for (qsizetype i = first; i <= last; ++i)
                    spec += m_phrase[i].quoted ? '"' + m_phrase[i].text + '"' : m_phrase[i].text;
                address.email = Charset::decodeGuess(cleanSpec(spec));
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
        m_comments.clear();
        m_angle.clear();
        m_hasAngle = false;
    }

    Lexer m_lexer;
    DecodeIssues* m_issues;
    AddressList m_out;
    QList<Piece> m_phrase;
    QByteArray m_comments;
    QByteArray m_angle;
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
