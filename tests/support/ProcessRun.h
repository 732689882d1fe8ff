// Runs a program to its end, as the tests that drive the real `threadline` binary need: its
// exit code and both outputs, with an optional standard input and environment.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace threadline::test {

struct ProcessRun
{
    int exitCode = -1; // -1: it did not start, crashed, or outlived the timeout (then killed)
    QString out;
    QString err;
};

inline ProcessRun
runProcess(const QString& program, const QStringList& arguments, int timeoutMs,
           const QByteArray& input = {},
           const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted())
        return {};
    if (!input.isNull())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace threadline::test
