#include "Money.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace threadline::crm {

std::optional<Money> Money::parse(const QString& amount, const QString& currency)
{
    static const QRegularExpression pattern(u"^(-?)(\\d{1,15})(?:\\.(\\d{1,2}))?$"_s);
    const QRegularExpressionMatch match = pattern.match(amount.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    qint64 minor = match.captured(2).toLongLong() * 100;
    QString cents = match.captured(3);
    if (cents.size() == 1)
        cents += u'0';
    minor += cents.toLongLong();
    if (!match.captured(1).isEmpty())
        minor = -minor;
    return Money{minor, currency.trimmed().toUpper()};
}

QString Money::amountText() const
{
    const qint64 absolute = minorUnits < 0 ? -minorUnits : minorUnits;
    return (minorUnits < 0 ? u"-"_s : QString()) + QString::number(absolute / 100) + u'.' +
           QString::number(absolute % 100).rightJustified(2, u'0');
}

} // namespace threadline::crm
