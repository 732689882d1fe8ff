#pragma once

#include "imap/ParseError.h"

#include <utility>
#include <variant>

namespace threadline::imap {

// A value or a ParseError: the std::expected shape, which C++20 lacks.
template <typename T> class Result final
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(ParseError error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &std::get<0>(m_data); }

    const ParseError& error() const { return std::get<1>(m_data); }

    friend bool operator==(const Result&, const Result&) = default;

private:
    std::variant<T, ParseError> m_data;
};

} // namespace threadline::imap
