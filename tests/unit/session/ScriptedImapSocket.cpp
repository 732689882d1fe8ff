#include "ScriptedImapSocket.h"

#include <QMetaObject>

using namespace Qt::StringLiterals;

namespace threadline::test {

ScriptedImapSocket::ScriptedImapSocket(const QList<QByteArray>& script, QObject* parent)
    : imap::ImapSocket(parent)
{
    for (const QByteArray& line : script) {
        const QByteArray head = line.left(3);
        const QByteArray text = line.mid(3);
        if (head == "S: " || head == "S+ ") {
            QByteArray bytes = text + "\r\n";
            if (head == "S+ " && !m_steps.isEmpty() && m_steps.last().kind == Step::Kind::Server) {
                m_steps.last().bytes += bytes;
            } else {
                m_steps.append(Step(Step::Kind::Server, bytes));
            }
        } else if (head == "S| ") {
            m_steps.append(Step(Step::Kind::Server, text));
        } else if (head == "C: ") {
            m_steps.append(Step(Step::Kind::Client, text + "\r\n"));
        } else if (head == "C| ") {
            m_steps.append(Step(Step::Kind::Client, text));
        } else if (line == "X: tls") {
            m_steps.append(Step(Step::Kind::Tls, {}));
        } else if (line == "X: close") {
            m_steps.append(Step(Step::Kind::Close, {}));
        } else if (line == "X: pause") {
            m_steps.append(Step(Step::Kind::Pause, {}));
        } else if (line.startsWith("X: error ")) {
            const QList<QByteArray> words = text.mid(6).split(' ');
            Step step(Step::Kind::Error);
            step.code = words.value(0).toInt();
            step.detail = QString::fromUtf8(text.mid(6 + words.value(0).size()).trimmed());
            m_steps.append(step);
        } else {
            fail(u"bad script line: "_s + QString::fromUtf8(line));
        }
    }
}

void ScriptedImapSocket::connectToHost(const imap::ConnectionSettings& settings)
{
    m_settings = settings;
    m_started = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_position < m_steps.size() && m_steps[m_position].kind == Step::Kind::Error) {
                advance(); // refused before connecting
                return;
            }
            m_connected = true;
            Q_EMIT connected();
            if (m_connected && m_settings.security == account::Security::Tls) {
                m_encrypted = true;
                Q_EMIT encrypted();
            }
            scheduleAdvance();
        },
        Qt::QueuedConnection);
}

void ScriptedImapSocket::startTls()
{
    m_tlsRequested = true;
    scheduleAdvance();
}

void ScriptedImapSocket::write(QByteArrayView bytes)
{
    if (!m_connected) {
        fail(u"write after close: "_s + QString::fromUtf8(bytes));
        return;
    }
    m_written += bytes;
    m_allWritten += bytes;
    scheduleAdvance();
}

QByteArray ScriptedImapSocket::readAll()
{
    return std::exchange(m_incoming, {});
}

void ScriptedImapSocket::close()
{
    m_connected = false;
    m_closedByClient = true;
}

bool ScriptedImapSocket::isFinished() const
{
    return m_position == m_steps.size() && m_written.isEmpty() && m_failure.isEmpty();
}

void ScriptedImapSocket::resume()
{
    if (m_paused) {
        m_paused = false;
        ++m_position;
        scheduleAdvance();
    }
}

void ScriptedImapSocket::scheduleAdvance()
{
    if (m_scheduled) {
        return;
    }
    m_scheduled = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_scheduled = false;
            advance();
        },
        Qt::QueuedConnection);
}

void ScriptedImapSocket::advance()
{
    while (m_failure.isEmpty() && !m_paused && m_position < m_steps.size()) {
        const Step& step = m_steps[m_position];
        switch (step.kind) {
        case Step::Kind::Server:
            if (!m_connected) {
                return;
            }
            m_incoming += step.bytes;
            ++m_position;
            Q_EMIT readyRead();
            scheduleAdvance(); // one read per event-loop turn
            return;
        case Step::Kind::Client:
            if (!step.bytes.startsWith(m_written.left(step.bytes.size()))) {
                fail(u"expected the client to write\n  %1\nbut it wrote\n  %2"_s.arg(
                    QString::fromUtf8(step.bytes), QString::fromUtf8(m_written)));
                return;
            }
            if (m_written.size() < step.bytes.size()) {
                return; // wait for more
            }
            m_written.remove(0, step.bytes.size());
            ++m_position;
            continue;
        case Step::Kind::Tls:
            if (!m_tlsRequested || !m_connected) {
                return;
            }
            ++m_position;
            m_encrypted = true;
            Q_EMIT encrypted();
            scheduleAdvance();
            return;
        case Step::Kind::Close:
            ++m_position;
            if (m_connected) {
                m_connected = false;
                Q_EMIT disconnected();
            }
            return;
        case Step::Kind::Error:
            ++m_position;
            m_connected = false;
            Q_EMIT errorOccurred(net::UserError{net::ErrorCode(step.code), step.detail});
            return;
        case Step::Kind::Pause:
            m_paused = true;
            return;
        }
    }
    if (m_failure.isEmpty() && m_position == m_steps.size() && !m_written.isEmpty()) {
        fail(u"the client wrote more than the script expects:\n  "_s +
             QString::fromUtf8(m_written));
    }
}

void ScriptedImapSocket::fail(const QString& message)
{
    if (m_failure.isEmpty()) {
        m_failure = message;
    }
}

} // namespace threadline::test
