#pragma once

#include <QString>
#include <optional>

namespace threadline::crm {

// A deal value in minor units (cents) so sums never suffer from binary floating point.
struct Money
{
    qint64 minorUnits = 0;
    QString currency; // ISO 4217 code, e.g. EUR

    // Parses "12500", "12500.5" or "12500.50"; nullopt for anything else.
    static std::optional<Money> parse(const QString& amount, const QString& currency);
    // "12500.00": the exchange format of import/export.
    QString amountText() const;

    friend bool operator==(const Money&, const Money&) = default;
};

} // namespace threadline::crm
