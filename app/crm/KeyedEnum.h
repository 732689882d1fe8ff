#pragma once

#include <QString>
#include <array>
#include <optional>
#include <utility>

namespace threadline::crm {

// Maps an enum to the stable text key stored in the database and exchange files.
template <typename Enum, std::size_t N> struct KeyedEnum
{
    std::array<std::pair<Enum, const char16_t*>, N> entries;

    QString key(Enum value) const
    {
        for (const auto& [entry, text] : entries) {
            if (entry == value)
                return QString::fromUtf16(text);
        }
        return {};
    }

    std::optional<Enum> fromKey(const QString& key) const
    {
        for (const auto& [entry, text] : entries) {
            if (key.compare(QString::fromUtf16(text), Qt::CaseInsensitive) == 0)
                return entry;
        }
        return std::nullopt;
    }
};

} // namespace threadline::crm
