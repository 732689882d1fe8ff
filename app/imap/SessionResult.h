#pragma once

#include "imap/SessionError.h"

#include <utility>
#include <variant>

namespace threadline::imap {

// The value an ImapSession call produced, or why it failed: the std::expected shape.
template <typename T> class SessionResult final
{
public:
    SessionResult(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    SessionResult(SessionError error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool hasValue() const { return m_data.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &std::get<0>(m_data); }

    const SessionError& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, SessionError> m_data;
};

} // namespace threadline::imap
