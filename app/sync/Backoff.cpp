#include "Backoff.h"

#include <QRandomGenerator>
#include <QtGlobal>

namespace threadline::sync {

Backoff::Backoff(Duration initial, Duration maximum)
    : m_initial(qMax(initial, Duration(1)))
    , m_maximum(qMax(maximum, m_initial))
{}

Backoff::Duration Backoff::next()
{
    // 2^attempt without overflow: the cap is reached long before 30 doublings.
    const int shift = qMin(m_attempt, 30);
    ++m_attempt;
    const double base =
        qMin(double(m_initial.count()) * double(1LL << shift), double(m_maximum.count()));
    const double jitter = 0.8 + 0.4 * QRandomGenerator::global()->generateDouble();
    const auto delay = Duration(qint64(base * jitter));
    return qBound(Duration(1), delay, m_maximum);
}

} // namespace threadline::sync
