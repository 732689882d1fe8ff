#include "ParameterList.h"

#include "Ascii.h"
#include "Charset.h"
#include "EncodedWords.h"
#include "Lexer.h"

#include <QVarLengthArray>
#include <algorithm>

namespace threadline::mime {

namespace {

constexpr qsizetype kMaxParameters = 256;
constexpr Lexer::Stops kAttributeStops("=;");
constexpr Lexer::Stops kValueStops(";");
constexpr int kMaxSection = 999;

struct Section
{
    int index = 0;
    bool encoded = false;
    QByteArray value;
};

struct Group
{
    QByteArray name;
    bool hasPlain = false;
    QByteArray plain;
    QList<Section> sections; // RFC 2231 forms: name*, name*N, name*N*
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = static_cast<char>(c | 0x20);
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

QByteArray percentDecode(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const int hi = text[i] == '%' && i + 2 < text.size() ? hexValue(text[i + 1]) : -1;
        const int lo = hi >= 0 ? hexValue(text[i + 2]) : -1;
        if (lo >= 0) {
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// RFC 2231 §7 attribute-char: what may appear unescaped in an extended value.
bool isAttributeChar(unsigned char b)
{
    if ((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9'))
        return true;
    return QByteArrayView("!#$&+-.^_`|~").contains(static_cast<char>(b));
}

// RFC 2045 §5.1 token: no space, controls or tspecials.
bool isToken(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u <= 0x20 || u >= 0x7F || QStringView(u"()<>@,;:\\\"/[]?=").contains(c))
            return false;
    }
    return true;
}

} // namespace

ParameterList ParameterList::parse(Lexer& lexer)
{
    QVarLengthArray<Group, 4> groups; // on the stack for the usual one to three parameters
    auto groupFor = [&groups](const QByteArray& name) -> Group& {
        for (Group& g : groups) {
            if (g.name == name)
                return g;
        }
        groups.append(Group{name, false, {}, {}});
        return groups.last();
    };

    qsizetype count = 0;
    while (count < kMaxParameters) {
        lexer.skipCfws();
        if (lexer.atEnd())
            break;
        if (lexer.peek() == ';') {
            lexer.advance();
            continue;
        }
        const QByteArray attribute = Lexer::lowered(lexer.readAtom(kAttributeStops));
        if (attribute.isEmpty()) {
            QByteArray ignored;
            if (!lexer.readQuotedString(ignored))
                lexer.advance();
            continue;
        }
        lexer.skipCfws();
        if (lexer.peek() != '=')
            continue; // an attribute without a value: nothing to keep
        lexer.advance();
        lexer.skipCfws();
        QByteArray value;
        if (!lexer.readQuotedString(value)) {
            value = lexer.readAtom(kValueStops).toByteArray();
            if (value.startsWith('"')) // a quote never closed: read what follows it
                value.remove(0, 1);
            // Unquoted values holding spaces ("name=my file.pdf") are common: keep reading
            // until the next ";" unless what follows is itself "attribute=".
            while (true) {
                Lexer probe = lexer;
                probe.skipCfws();
                if (probe.atEnd() || probe.peek() == ';')
                    break;
                Lexer next = probe;
                const QByteArrayView word = next.readAtom(kAttributeStops);
                next.skipCfws();
                if (word.isEmpty() || next.peek() == '=')
                    break;
                lexer = probe;
                value += ' ';
                value += lexer.readAtom(kValueStops);
            }
        }
        ++count;

        QByteArray base = attribute;
        bool encoded = false;
        if (base.endsWith('*')) {
            encoded = true;
            base.chop(1);
        }
        int index = -1;
        qsizetype star = base.size() - 1; // the last '*', searched by hand: names are short
        while (star >= 0 && base[star] != '*')
            --star;
        if (star > 0) {
            bool ok = false;
            const int n = QByteArrayView(base).sliced(star + 1).toInt(&ok);
            if (ok && n >= 0 && n <= kMaxSection) {
                index = n;
                base.truncate(star);
            }
        }
        Group& group = groupFor(base);
        if (index < 0 && !encoded) {
            if (!group.hasPlain) {
                group.hasPlain = true;
                group.plain = value;
            }
        } else {
            group.sections.append(Section{qMax(index, 0), encoded, value});
        }
    }

    ParameterList list;
    if (!groups.isEmpty())
        list.m_entries.reserve(groups.size());
    for (Group& group : groups) {
        Entry entry{group.name, {}, {}, false};
        if (group.sections.isEmpty()) {
            entry.raw = group.plain;
            // Most values (boundary, format, a charset name) are plain ASCII: decoding would
            // only widen them, and nothing can be wrong with them.
            entry.plain = EncodedWords::isPlainText(group.plain);
            if (!entry.plain)
                entry.value = EncodedWords::decode(group.plain, &list.m_issues);
            list.m_entries.append(std::move(entry));
            continue;
        }
        // RFC 2231 §3: sections may arrive in any order; the first one wins per index.
        std::stable_sort(group.sections.begin(), group.sections.end(),
                         [](const Section& a, const Section& b) { return a.index < b.index; });
        QByteArray charset;
        QByteArray bytes;
        int previous = -1;
        bool any = false;
        for (const Section& section : std::as_const(group.sections)) {
            if (section.index == previous)
                continue;
            previous = section.index;
            QByteArrayView text = section.value;
            if (section.encoded && !any) {
                // §4: the first section carries charset'language'
                const qsizetype q1 = text.indexOf('\'');
                const qsizetype q2 = q1 >= 0 ? text.indexOf('\'', q1 + 1) : -1;
                if (q2 >= 0) {
                    charset = text.first(q1).toByteArray();
                    text = text.sliced(q2 + 1);
                }
            }
            bytes += section.encoded ? percentDecode(text) : text.toByteArray();
            any = true;
        }
        entry.value = charset.isEmpty() ? Charset::decodeGuess(bytes)
                                        : Charset::decode(bytes, charset, &list.m_issues);
        list.m_entries.append(std::move(entry));
    }
    return list;
}

const ParameterList::Entry* ParameterList::find(QByteArrayView name) const
{
    for (const Entry& entry : m_entries) {
        if (Ascii::equalsIgnoringCase(entry.name, name))
            return &entry;
    }
    return nullptr;
}

bool ParameterList::contains(QByteArrayView name) const
{
    return find(name) != nullptr;
}

QString ParameterList::value(QByteArrayView name) const
{
    const Entry* entry = find(name);
    if (!entry)
        return QString();
    return entry->plain ? QString::fromLatin1(entry->raw) : entry->value;
}

const QByteArray* ParameterList::plainValue(QByteArrayView name) const
{
    const Entry* entry = find(name);
    return entry && entry->plain ? &entry->raw : nullptr;
}

QByteArray ParameterList::rawValue(QByteArrayView name) const
{
    const Entry* entry = find(name);
    return entry ? entry->raw : QByteArray();
}

QList<QByteArray> ParameterList::encode(QByteArrayView name, QStringView value)
{
    constexpr qsizetype kPiece = 60; // keeps each folded line well under 76 characters
    bool ascii = true;
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7E) {
            ascii = false;
            break;
        }
    }
    if (ascii && value.size() <= kPiece) {
        if (isToken(value))
            return {name.toByteArray() + '=' + value.toLatin1()};
        QByteArray quoted = name.toByteArray() + "=\"";
        for (const QChar c : value) {
            if (c == u'"' || c == u'\\')
                quoted += '\\';
            quoted += c.toLatin1();
        }
        return {quoted + '"'};
    }
    // RFC 2231 §4: charset'language'percent-encoded, split into §3 sections when long.
    static constexpr char hex[] = "0123456789ABCDEF";
    QList<QByteArray> units; // one per byte, never split
    const QByteArray utf8 = value.toUtf8();
    for (const char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        if (isAttributeChar(b))
            units.append(QByteArray(1, c));
        else
            units.append(QByteArray("%") + hex[b >> 4] + hex[b & 0xF]);
    }
    QByteArray whole = "UTF-8''";
    for (const QByteArray& unit : std::as_const(units))
        whole += unit;
    if (whole.size() + name.size() + 2 <= kPiece + 10)
        return {name.toByteArray() + "*=" + whole};
    QList<QByteArray> pieces;
    QByteArray current = "UTF-8''";
    for (const QByteArray& unit : std::as_const(units)) {
        if (current.size() + unit.size() > kPiece) {
            pieces.append(current);
            current.clear();
        }
        current += unit;
    }
    pieces.append(current);
    QList<QByteArray> out;
    for (qsizetype i = 0; i < pieces.size(); ++i)
        out.append(name.toByteArray() + '*' + QByteArray::number(i) + "*=" + pieces[i]);
    return out;
}

} // namespace threadline::mime
