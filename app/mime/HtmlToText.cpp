#include "HtmlToText.h"

#include <array>

namespace threadline::mime {

namespace {

struct Entity
{
    const char16_t* name;
    char16_t value;
};

// The named references mail actually uses; HTML5 has 2,000 more, left as written.
constexpr Entity kEntities[] = {
    {u"amp", u'&'},      {u"lt", u'<'},       {u"gt", u'>'},       {u"quot", u'"'},
    {u"apos", u'\''},    {u"nbsp", 0x00A0},   {u"copy", 0x00A9},   {u"reg", 0x00AE},
    {u"trade", 0x2122},  {u"hellip", 0x2026}, {u"mdash", 0x2014},  {u"ndash", 0x2013},
    {u"lsquo", 0x2018},  {u"rsquo", 0x2019},  {u"ldquo", 0x201C},  {u"rdquo", 0x201D},
    {u"sbquo", 0x201A},  {u"bdquo", 0x201E},  {u"laquo", 0x00AB},  {u"raquo", 0x00BB},
    {u"lsaquo", 0x2039}, {u"rsaquo", 0x203A}, {u"euro", 0x20AC},   {u"pound", 0x00A3},
    {u"yen", 0x00A5},    {u"cent", 0x00A2},   {u"deg", 0x00B0},    {u"plusmn", 0x00B1},
    {u"times", 0x00D7},  {u"divide", 0x00F7}, {u"middot", 0x00B7}, {u"bull", 0x2022},
    {u"sect", 0x00A7},   {u"para", 0x00B6},   {u"shy", 0x00AD},    {u"iexcl", 0x00A1},
    {u"iquest", 0x00BF}, {u"ordf", 0x00AA},   {u"ordm", 0x00BA},   {u"sup1", 0x00B9},
    {u"sup2", 0x00B2},   {u"sup3", 0x00B3},   {u"frac12", 0x00BD}, {u"frac14", 0x00BC},
    {u"frac34", 0x00BE}, {u"micro", 0x00B5},  {u"ensp", 0x2002},   {u"emsp", 0x2003},
    {u"thinsp", 0x2009}, {u"zwnj", 0x200C},   {u"zwj", 0x200D},    {u"lrm", 0x200E},
    {u"rlm", 0x200F},    {u"dagger", 0x2020}, {u"Dagger", 0x2021}, {u"permil", 0x2030},
    {u"prime", 0x2032},  {u"larr", 0x2190},   {u"rarr", 0x2192},   {u"uarr", 0x2191},
    {u"darr", 0x2193},   {u"harr", 0x2194},   {u"check", 0x2713},  {u"hearts", 0x2665},
    {u"Agrave", 0x00C0}, {u"Aacute", 0x00C1}, {u"Acirc", 0x00C2},  {u"Atilde", 0x00C3},
    {u"Auml", 0x00C4},   {u"Aring", 0x00C5},  {u"AElig", 0x00C6},  {u"Ccedil", 0x00C7},
    {u"Egrave", 0x00C8}, {u"Eacute", 0x00C9}, {u"Ecirc", 0x00CA},  {u"Euml", 0x00CB},
    {u"Igrave", 0x00CC}, {u"Iacute", 0x00CD}, {u"Icirc", 0x00CE},  {u"Iuml", 0x00CF},
    {u"ETH", 0x00D0},    {u"Ntilde", 0x00D1}, {u"Ograve", 0x00D2}, {u"Oacute", 0x00D3},
    {u"Ocirc", 0x00D4},  {u"Otilde", 0x00D5}, {u"Ouml", 0x00D6},   {u"Oslash", 0x00D8},
    {u"Ugrave", 0x00D9}, {u"Uacute", 0x00DA}, {u"Ucirc", 0x00DB},  {u"Uuml", 0x00DC},
    {u"Yacute", 0x00DD}, {u"THORN", 0x00DE},  {u"szlig", 0x00DF},  {u"agrave", 0x00E0},
    {u"aacute", 0x00E1}, {u"acirc", 0x00E2},  {u"atilde", 0x00E3}, {u"auml", 0x00E4},
    {u"aring", 0x00E5},  {u"aelig", 0x00E6},  {u"ccedil", 0x00E7}, {u"egrave", 0x00E8},
    {u"eacute", 0x00E9}, {u"ecirc", 0x00EA},  {u"euml", 0x00EB},   {u"igrave", 0x00EC},
    {u"iacute", 0x00ED}, {u"icirc", 0x00EE},  {u"iuml", 0x00EF},   {u"eth", 0x00F0},
    {u"ntilde", 0x00F1}, {u"ograve", 0x00F2}, {u"oacute", 0x00F3}, {u"ocirc", 0x00F4},
    {u"otilde", 0x00F5}, {u"ouml", 0x00F6},   {u"oslash", 0x00F8}, {u"ugrave", 0x00F9},
    {u"uacute", 0x00FA}, {u"ucirc", 0x00FB},  {u"uuml", 0x00FC},   {u"yacute", 0x00FD},
    {u"thorn", 0x00FE},  {u"yuml", 0x00FF},   {u"OElig", 0x0152},  {u"oelig", 0x0153},
    {u"Scaron", 0x0160}, {u"scaron", 0x0161}, {u"Yuml", 0x0178},   {u"circ", 0x02C6},
    {u"tilde", 0x02DC},
};

constexpr char16_t kWindows1252C1[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

// Elements whose content is never text to show.
constexpr std::array<QStringView, 7> kHidden = {u"script",   u"style",    u"head",  u"title",
                                                u"template", u"noscript", u"object"};

// Elements that start and end a line.
constexpr std::array<QStringView, 34> kBlocks = {
    u"p",   u"div",   u"br",     u"tr",      u"li",         u"h1",     u"h2",
    u"h3",  u"h4",    u"h5",     u"h6",      u"blockquote", u"pre",    u"table",
    u"ul",  u"ol",    u"hr",     u"section", u"article",    u"header", u"footer",
    u"dt",  u"dd",    u"dl",     u"address", u"center",     u"form",   u"fieldset",
    u"nav", u"aside", u"figure", u"main",    u"tbody",      u"caption"};

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

template <std::size_t N> bool isOneOf(QStringView name, const std::array<QStringView, N>& list)
{
    for (const QStringView item : list) {
        if (name.compare(item, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// Decodes the reference starting at text[pos] == '&'; returns its length, 0 if none.
qsizetype decodeReference(QStringView text, qsizetype pos, QString& out)
{
    const qsizetype limit = qMin(text.size(), pos + 34);
    qsizetype end = pos + 1;
    while (end < limit && text[end] != u';' && !isSpace(text[end]) && text[end] != u'&' &&
           text[end] != u'<')
        ++end;
    const bool terminated = end < text.size() && text[end] == u';';
    const QStringView body = text.sliced(pos + 1, end - pos - 1);
    if (body.isEmpty())
        return 0;
    if (body.front() == u'#') {
        bool ok = false;
        const bool hex = body.size() > 1 && (body[1] == u'x' || body[1] == u'X');
        const uint code = body.sliced(hex ? 2 : 1).toUInt(&ok, hex ? 16 : 10);
        if (!ok)
            return 0;
        char32_t point = code;
        if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            point = 0xFFFD;
        else if (code >= 0x80 && code <= 0x9F) // the HTML spec reads these as windows-1252
            point = kWindows1252C1[code - 0x80];
        out += QStringView(QChar::fromUcs4(point));
        return end - pos + (terminated ? 1 : 0);
    }
    if (!terminated)
        return 0;
    for (const Entity& entity : kEntities) {
        if (body == QStringView(entity.name)) {
            out += QChar(entity.value);
            return end - pos + 1;
        }
    }
    return 0;
}

class Renderer final
{
public:
    explicit Renderer(qsizetype size) { m_out.reserve(size / 2); }

    void text(QChar c)
    {
        if (m_pre) {
            if (c == u'\r')
                return;
            m_out += c;
            m_pendingSpace = false;
            return;
        }
        if (isSpace(c) || c.unicode() == 0x00A0) {
            m_pendingSpace = !m_out.isEmpty() && !m_out.endsWith(u'\n');
            return;
        }
        if (m_pendingSpace) {
            m_out += u' ';
            m_pendingSpace = false;
        }
        m_out += c;
    }

    void textString(QStringView s)
    {
        for (const QChar c : s)
            text(c);
    }

    void lineBreak(bool paragraph = false)
    {
        m_pendingSpace = false;
        while (m_out.endsWith(u' '))
            m_out.chop(1);
        if (m_out.isEmpty())
            return;
        // At most one empty line in a row.
        if (!m_out.endsWith(u'\n'))
            m_out += u'\n';
        else if (paragraph && !m_out.endsWith(u"\n\n"))
            m_out += u'\n';
    }

    void setPre(bool pre) { m_pre = pre; }
    QString result() const { return m_out.trimmed(); }

private:
    QString m_out;
    bool m_pendingSpace = false;
    bool m_pre = false;
};

} // namespace

QString HtmlToText::decodeEntities(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == u'&') {
            if (const qsizetype used = decodeReference(text, i, out); used > 0) {
                i += used - 1;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

QString HtmlToText::convert(QStringView html)
{
    Renderer out(html.size());
    const qsizetype size = html.size();
    qsizetype pos = 0;
    QString entity;
    while (pos < size) {
        const QChar c = html[pos];
        if (c == u'&') {
            entity.clear();
            if (const qsizetype used = decodeReference(html, pos, entity); used > 0) {
                out.textString(entity);
                pos += used;
                continue;
            }
            out.text(c);
            ++pos;
            continue;
        }
        if (c != u'<') {
            out.text(c);
            ++pos;
            continue;
        }
        // Comments, doctype, CDATA and processing instructions are skipped whole.
        if (html.sliced(pos).startsWith(u"<!--")) {
            const qsizetype end = html.indexOf(u"-->", pos + 4);
            pos = end < 0 ? size : end + 3;
            continue;
        }
        if (pos + 1 < size && (html[pos + 1] == u'!' || html[pos + 1] == u'?')) {
            const qsizetype end = html.indexOf(u'>', pos);
            pos = end < 0 ? size : end + 1;
            continue;
        }
        qsizetype nameStart = pos + 1;
        const bool closing = nameStart < size && html[nameStart] == u'/';
        if (closing)
            ++nameStart;
        qsizetype nameEnd = nameStart;
        while (nameEnd < size && (html[nameEnd].isLetterOrNumber() || html[nameEnd] == u':'))
            ++nameEnd;
        if (nameEnd == nameStart) { // "a < b": not a tag
            out.text(c);
            ++pos;
            continue;
        }
        const QStringView name = html.sliced(nameStart, nameEnd - nameStart);
        // The tag ends at the first '>' outside a quoted attribute value.
        qsizetype end = nameEnd;
        QChar quote;
        while (end < size) {
            const QChar d = html[end];
            if (!quote.isNull()) {
                if (d == quote)
                    quote = QChar();
            } else if (d == u'"' || d == u'\'') {
                quote = d;
            } else if (d == u'>') {
                break;
            }
            ++end;
        }
        if (end >= size && !quote.isNull()) {
            // An unclosed quote: end the tag at the next '>' instead.
            end = html.indexOf(u'>', nameEnd);
            if (end < 0)
                end = size;
        }
        pos = end + 1;
        if (!closing && isOneOf(name, kHidden)) {
            const QStringView close = u"</";
            qsizetype skip = pos;
            while (true) {
                skip = html.indexOf(close, skip);
                if (skip < 0) {
                    pos = size;
                    break;
                }
                const QStringView after = html.sliced(skip + 2);
                if (after.startsWith(name, Qt::CaseInsensitive) &&
                    (after.size() == name.size() || !after[name.size()].isLetterOrNumber())) {
                    const qsizetype tagEnd = html.indexOf(u'>', skip);
                    pos = tagEnd < 0 ? size : tagEnd + 1;
                    break;
                }
                skip += 2;
            }
            continue;
        }
        if (name.compare(u"pre", Qt::CaseInsensitive) == 0)
            out.setPre(!closing);
        if (name.compare(u"br", Qt::CaseInsensitive) == 0) {
            out.lineBreak();
        } else if (name.compare(u"li", Qt::CaseInsensitive) == 0 && !closing) {
            out.lineBreak();
            out.textString(u"- ");
        } else if ((name.compare(u"td", Qt::CaseInsensitive) == 0 ||
                    name.compare(u"th", Qt::CaseInsensitive) == 0) &&
                   !closing) {
            out.text(u' ');
        } else if (name.compare(u"p", Qt::CaseInsensitive) == 0 ||
                   name.compare(u"blockquote", Qt::CaseInsensitive) == 0 ||
                   (name.size() == 2 && (name[0] == u'h' || name[0] == u'H') &&
                    name[1].isDigit())) {
            out.lineBreak(true);
        } else if (isOneOf(name, kBlocks)) {
            out.lineBreak();
        }
    }
    return out.result();
}

} // namespace threadline::mime
