#pragma once

#include "StoreError.h"

#include <utility>
#include <variant>

namespace threadline::store {

// A value or the StoreError that prevented it (std::expected arrives with C++23).
template <typename T> class Result final
{
public:
    Result(T value)
        : m_state(std::move(value))
    {}
    Result(StoreError error)
        : m_state(std::move(error))
    {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }
    const T& value() const { return std::get<T>(m_state); }
    T& value() { return std::get<T>(m_state); }
    const StoreError& error() const { return std::get<StoreError>(m_state); }

private:
    std::variant<T, StoreError> m_state;
};

} // namespace threadline::store
