#include "imap/InternalDate.h"

#include <QTime>

namespace threadline::imap {

namespace {

constexpr const char* monthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

class Reader
{
public:
    explicit Reader(QByteArrayView text)
        : m_text(text)
    {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek() const { return m_pos < m_text.size() ? m_text[m_pos] : '\0'; }

    void expect(char c)
    {
        if (peek() != c) {
            m_ok = false;
            return;
        }
        ++m_pos;
    }

    int digits(int minCount, int maxCount)
    {
        int value = 0;
        int count = 0;
        while (count < maxCount && peek() >= '0' && peek() <= '9') {
            value = value * 10 + (peek() - '0');
            ++m_pos;
            ++count;
        }
        if (count < minCount) {
            m_ok = false;
        }
        return value;
    }

    int month()
    {
        if (m_text.size() - m_pos < 3) {
            m_ok = false;
            return 0;
        }
        for (int i = 0; i < 12; ++i) {
            const char* name = monthNames[i];
            if (lowerAscii(m_text[m_pos]) == lowerAscii(name[0]) &&
                lowerAscii(m_text[m_pos + 1]) == name[1] &&
                lowerAscii(m_text[m_pos + 2]) == name[2]) {
                m_pos += 3;
                return i + 1;
            }
        }
        m_ok = false;
        return 0;
    }

    void skipSpace()
    {
        if (peek() == ' ') {
            ++m_pos;
        }
    }

private:
    QByteArrayView m_text;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

QByteArray twoDigits(int value)
{
    QByteArray out(2, '0');
    out[0] = char('0' + value / 10 % 10);
    out[1] = char('0' + value % 10);
    return out;
}

} // namespace

QDateTime InternalDate::parse(QByteArrayView text)
{
    Reader r(text);
    r.skipSpace(); // date-day-fixed allows " 7"
    const int day = r.digits(1, 2);
    r.expect('-');
    const int month = r.month();
    r.expect('-');
    const int year = r.digits(4, 4);
    r.expect(' ');
    const int hour = r.digits(2, 2);
    r.expect(':');
    const int minute = r.digits(2, 2);
    r.expect(':');
    const int second = r.digits(2, 2);
    r.expect(' ');
    const char sign = r.peek();
    if (sign == '+' || sign == '-') {
        r.expect(sign);
    } else {
        return {};
    }
    const int zoneHours = r.digits(2, 2);
    const int zoneMinutes = r.digits(2, 2);
    if (!r.ok() || !r.atEnd() || zoneMinutes > 59) {
        return {};
    }
    const QDate date(year, month, day);
    const QTime time(hour, minute, second);
    if (!date.isValid() || !time.isValid()) {
        return {};
    }
    const int offset = (sign == '-' ? -1 : 1) * (zoneHours * 3600 + zoneMinutes * 60);
    return QDateTime(date, time, Qt::OffsetFromUTC, offset);
}

QByteArray InternalDate::format(const QDateTime& dateTime)
{
    if (!dateTime.isValid()) {
        return {};
    }
    const int offset = dateTime.offsetFromUtc();
    const QDateTime local = dateTime.toOffsetFromUtc(offset);
    const QDate date = local.date();
    const QTime time = local.time();
    const int absOffset = offset < 0 ? -offset : offset;
    QByteArray out;
    out.reserve(26);
    out += twoDigits(date.day());
    out += '-';
    out += monthNames[date.month() - 1];
    out += '-';
    out += QByteArray::number(date.year()).rightJustified(4, '0');
    out += ' ';
    out += twoDigits(time.hour());
    out += ':';
    out += twoDigits(time.minute());
    out += ':';
    out += twoDigits(time.second());
    out += ' ';
    out += offset < 0 ? '-' : '+';
    out += twoDigits(absOffset / 3600);
    out += twoDigits(absOffset % 3600 / 60);
    return out;
}

QByteArray InternalDate::formatDate(QDate date)
{
    if (!date.isValid()) {
        return {};
    }
    QByteArray out = QByteArray::number(date.day());
    out += '-';
    out += monthNames[date.month() - 1];
    out += '-';
    out += QByteArray::number(date.year());
    return out;
}

} // namespace threadline::imap
