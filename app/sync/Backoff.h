#pragma once

#include <chrono>

namespace threadline::sync {

// Delays between reconnection attempts after the network went away: doubling from `initial`
// up to `maximum`, each drawn at random within ±20 % so many clients do not come back at once.
class Backoff final
{
public:
    using Duration = std::chrono::milliseconds;

    explicit Backoff(Duration initial = std::chrono::seconds(1),
                     Duration maximum = std::chrono::minutes(5));

    // The delay before the next attempt; each call doubles the following one.
    Duration next();
    // After a connection succeeded: the next failure starts from `initial` again.
    void reset() { m_attempt = 0; }
    int attempts() const { return m_attempt; }

    Duration initial() const { return m_initial; }
    Duration maximum() const { return m_maximum; }

private:
    Duration m_initial;
    Duration m_maximum;
    int m_attempt = 0;
};

} // namespace threadline::sync
