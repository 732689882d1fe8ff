#include "MessageDate.h"

#include "Ascii.h"

#include <QTimeZone>
#include <QVarLengthArray>
#include <array>
#include <cstring>
#include <optional>

namespace threadline::mime {

namespace {

constexpr std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                 "jul", "aug", "sep", "oct", "nov", "dec"};
constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

struct Zone
{
    const char* name;
    int minutes;
};

// §4.3 names first, then abbreviations common enough in old mailers to be worth knowing.
constexpr Zone kZones[] = {
    {"ut", 0},      {"utc", 0},     {"gmt", 0},    {"z", 0},      {"est", -300}, {"edt", -240},
    {"cst", -360},  {"cdt", -300},  {"mst", -420}, {"mdt", -360}, {"pst", -480}, {"pdt", -420},
    {"akst", -540}, {"akdt", -480}, {"hst", -600}, {"ast", -240}, {"adt", -180}, {"nst", -210},
    {"ndt", -150},  {"wet", 0},     {"west", 60},  {"bst", 60},   {"ist", 330},  {"cet", 60},
    {"cest", 120},  {"met", 60},    {"mest", 120}, {"mez", 60},   {"mesz", 120}, {"eet", 120},
    {"eest", 180},  {"msk", 180},   {"jst", 540},  {"kst", 540},  {"hkt", 480},  {"sgt", 480},
    {"awst", 480},  {"acst", 570},  {"acdt", 630}, {"aest", 600}, {"aedt", 660}, {"nzst", 720},
    {"nzdt", 780},
};

bool has(QByteArrayView word, char c)
{
    // memchr directly: QByteArrayView::contains(char) goes through a generic search.
    return !word.isEmpty() && std::memchr(word.data(), c, size_t(word.size())) != nullptr;
}

bool isDigits(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

int toInt(QByteArrayView digits)
{
    int n = 0;
    for (const char c : digits) {
        n = n * 10 + (c - '0');
        if (n > 100000)
            return n;
    }
    return n;
}

int monthOf(QByteArrayView word)
{
    if (word.size() < 3)
        return 0;
    for (int i = 0; i < 12; ++i) {
        if (Ascii::equalsIgnoringCase(word.first(3), kMonths[i]))
            return i + 1;
    }
    return 0;
}

bool isDayName(QByteArrayView word)
{
    if (word.size() < 3)
        return false;
    for (const char* day : kDays) {
        if (Ascii::equalsIgnoringCase(word.first(3), day))
            return true;
    }
    return false;
}

// "+0200", "-0530", "+02:00", "+02"; minutes east of UTC.
std::optional<int> numericZone(QByteArrayView word)
{
    if (word.size() < 3 || (word[0] != '+' && word[0] != '-'))
        return std::nullopt;
    // The digits without colons, in a fixed buffer: only 2 or 4 of them make a zone.
    char buffer[4];
    qsizetype count = 0;
    for (const char c : word.sliced(1)) {
        if (c == ':')
            continue;
        if (count == 4)
            return std::nullopt;
        buffer[count++] = c;
    }
    const QByteArrayView digits(buffer, count);
    if (!isDigits(digits) || (digits.size() != 4 && digits.size() != 2))
        return std::nullopt;
    const int hours = toInt(digits.first(2));
    const int minutes = digits.size() == 4 ? toInt(digits.sliced(2)) : 0;
    if (hours > 23 || minutes > 59)
        return std::nullopt;
    const int total = hours * 60 + minutes;
    return word[0] == '-' ? -total : total;
}

std::optional<int> namedZone(QByteArrayView word)
{
    for (const Zone& zone : kZones) {
        if (Ascii::equalsIgnoringCase(word, zone.name))
            return zone.minutes;
    }
    // §4.3: military zones are unreliable, read as -0000 (unknown).
    if (word.size() == 1 && ((word[0] | 0x20) >= 'a' && (word[0] | 0x20) <= 'z'))
        return 0;
    return std::nullopt;
}

bool parseTime(QByteArrayView word, int& h, int& m, int& s)
{
    QByteArrayView parts[3];
    int count = 0;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= word.size(); ++i) {
        if (i == word.size() || word[i] == ':') {
            if (count == 3)
                return false;
            parts[count++] = word.sliced(start, i - start);
            start = i + 1;
        }
    }
    if (count < 2)
        return false;
    if (count == 3) {
        // Fractions of a second are seen from some scripts: "10:52:37.123".
        if (const qsizetype dot = parts[2].indexOf('.'); dot >= 0)
            parts[2] = parts[2].first(dot);
    }
    for (int i = 0; i < count; ++i) {
        if (!isDigits(parts[i]) || parts[i].size() > 2)
            return false;
    }
    h = toInt(parts[0]);
    m = toInt(parts[1]);
    s = count == 3 ? toInt(parts[2]) : 0;
    if (s == 60)
        s = 59; // a leap second; QTime has none
    return h <= 23 && m <= 59 && s <= 59;
}

QDateTime parseIso(QByteArrayView value)
{
    const QString text = QString::fromLatin1(value.trimmed());
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (!dt.isValid())
        return {};
    if (dt.timeSpec() == Qt::LocalTime)
        dt.setTimeZone(QTimeZone::utc()); // no zone given: read as UTC, like a missing zone
    return dt.toUTC();
}

} // namespace

QDateTime MessageDate::parse(QByteArrayView value)
{
    int day = -1;
    int month = 0;
    int year = -1;
    int yearDigits = 0;
    int hour = -1;
    int minute = 0;
    int second = 0;
    std::optional<int> zone;

    // Comments such as "(CEST)" are dropped, an unclosed one to the end; commas separate words.
    QVarLengthArray<char, 128> text; // on the stack for any ordinary date
    text.reserve(value.size());
    int depth = 0;
    for (const char c : value) {
        if (c == '(')
            ++depth;
        else if (c == ')' && depth > 0)
            --depth;
        else if (depth == 0)
            text.append((c == ',' || c == '\t' || c == '\r' || c == '\n') ? ' ' : c);
    }

    const QByteArrayView view(text.constData(), text.size());
    qsizetype pos = 0;
    int words = 0;
    while (pos < view.size()) {
        while (pos < view.size() && view[pos] == ' ')
            ++pos;
        const qsizetype start = pos;
        while (pos < view.size() && view[pos] != ' ')
            ++pos;
        QByteArrayView word = view.sliced(start, pos - start);
        if (word.isEmpty() || ++words > 16)
            break;
        if (has(word, 'T') && has(word, '-') && has(word, ':'))
            return parseIso(value);
        if (word.endsWith('.'))
            word.chop(1);
        if (word.isEmpty())
            continue;
        if (has(word, ':') && !word.startsWith('+') && !word.startsWith('-') && hour < 0) {
            if (!parseTime(word, hour, minute, second))
                return {};
            continue;
        }
        if (isDigits(word)) {
            if (word.size() >= 3 || (day >= 0 && year < 0)) {
                if (year >= 0)
                    return {};
                year = toInt(word);
                yearDigits = int(word.size());
            } else if (day < 0) {
                day = toInt(word);
            } else {
                return {};
            }
            continue;
        }
        if (const auto z = numericZone(word)) {
            zone = z;
            continue;
        }
        // "2003-07-01" as date alone, seen from scripts.
        if (word.size() == 10 && word[4] == '-' && word[7] == '-' && isDigits(word.first(4)) &&
            isDigits(word.sliced(5, 2)) && isDigits(word.sliced(8, 2))) {
            year = toInt(word.first(4));
            yearDigits = 4;
            month = toInt(word.sliced(5, 2));
            day = toInt(word.sliced(8, 2));
            continue;
        }
        if (month == 0) {
            if (const int m = monthOf(word); m > 0 && word.size() <= 9) {
                month = m;
                continue;
            }
        }
        if (isDayName(word) && word.size() <= 9)
            continue;
        // "GMT+0200" and "UTC-5".
        for (const char* prefix : {"gmt", "utc", "ut"}) {
            const QByteArrayView p(prefix);
            if (word.size() > p.size() && Ascii::equalsIgnoringCase(word.first(p.size()), p) &&
                (word[p.size()] == '+' || word[p.size()] == '-')) {
                QByteArray rest = word.sliced(p.size()).toByteArray();
                if (rest.size() == 2)
                    rest.insert(1, '0'); // "-5"
                if (rest.size() == 3)
                    rest += "00";
                if (const auto z = numericZone(rest))
                    zone = z;
                word = {};
                break;
            }
        }
        if (word.isEmpty())
            continue;
        if (!zone) {
            if (const auto z = namedZone(word)) {
                zone = z;
                continue;
            }
        }
        // An unknown word: ignore it (an unknown zone name reads as UTC, like §4.3's).
    }

    if (day < 1 || month < 1 || year < 0 || hour < 0)
        return {};
    // §4.3: two-digit years below 50 are 20xx, others and three-digit years add 1900.
    if (yearDigits <= 2)
        year += year < 50 ? 2000 : 1900;
    else if (yearDigits == 3)
        year += 1900;
    const QDate date(year, month, day);
    if (!date.isValid() || year < 1000)
        return {};
    QDateTime utc(date, QTime(hour, minute, second), Qt::UTC);
    return utc.addSecs(-qint64(zone.value_or(0)) * 60);
}

QByteArray MessageDate::format(const QDateTime& dateTime)
{
    const QDateTime dt = dateTime.isValid() ? dateTime : QDateTime::currentDateTime();
    const int offset = dt.offsetFromUtc();
    const QDate date = dt.date();
    const QTime time = dt.time();
    static constexpr const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int absOffset = qAbs(offset) / 60;
    return QByteArray(days[date.dayOfWeek() - 1]) + ", " +
           QByteArray::number(date.day()).rightJustified(2, '0') + ' ' + months[date.month() - 1] +
           ' ' + QByteArray::number(date.year()) + ' ' +
           QByteArray::number(time.hour()).rightJustified(2, '0') + ':' +
           QByteArray::number(time.minute()).rightJustified(2, '0') + ':' +
           QByteArray::number(time.second()).rightJustified(2, '0') + ' ' +
           (offset < 0 ? '-' : '+') + QByteArray::number(absOffset / 60).rightJustified(2, '0') +
           QByteArray::number(absOffset % 60).rightJustified(2, '0');
}

} // namespace threadline::mime
