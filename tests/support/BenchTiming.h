#pragma once

// Timing helpers of the hand-run benchmarks (never ctest): wall and thread CPU time, medians.

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QTextStream>
#include <algorithm>
#include <ctime>

namespace threadline::bench {

inline QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

// CPU time of this thread in milliseconds: on a loaded machine wall time says little.
inline double cpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// The middle value (the upper one of an even count).
inline double medianOf(QList<double> values)
{
    std::sort(values.begin(), values.end());
    return values.at(values.size() / 2);
}

// Runs `work` `runs` times (after `setup` each time, untimed), prints the median wall and
// CPU times with the wall range, and returns the median wall time in milliseconds.
template <typename Setup, typename Work>
double median(const QString& label, int runs, Setup setup, Work work)
{
    QList<double> wall;
    QList<double> cpu;
    for (int i = 0; i < runs; ++i) {
        setup();
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        work();
        wall << double(timer.nsecsElapsed()) / 1e6;
        cpu << cpuMs() - cpuStart;
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    const double result = wall.at(wall.size() / 2);
    out() << label << ": " << QString::number(result, 'f', 2) << " ms (CPU "
          << QString::number(cpu.at(cpu.size() / 2), 'f', 2) << " ms, min "
          << QString::number(wall.first(), 'f', 2) << ", max "
          << QString::number(wall.last(), 'f', 2) << ", median of " << runs << ")\n";
    out().flush();
    return result;
}

template <typename Work> double median(const QString& label, int runs, Work work)
{
    return median(
        label, runs, [] {}, work);
}

} // namespace threadline::bench
