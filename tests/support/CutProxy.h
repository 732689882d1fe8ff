#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QTcpServer>

class QTcpSocket;

namespace threadline::test {

// A TCP proxy in front of the stack's IMAP port that drops connections at chosen byte offsets,
// to test what a cut connection leaves behind. TLS runs end to end through it (it only
// forwards bytes), so certificates are still verified. The n-th accepted connection is cut
// once cuts()[n] bytes from the server have reached the client; later connections, and an
// offset below 0, pass everything. Lives in the test's thread; the client may be anywhere.
class CutProxy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CutProxy)

public:
    CutProxy(const QString& targetHost, quint16 targetPort, QObject* parent = nullptr);
    ~CutProxy() override;

    // Listens on 127.0.0.1 at a free port.
    bool listen();
    quint16 port() const { return m_server.serverPort(); }

    void setCuts(const QList<qint64>& offsets) { m_cuts = offsets; }
    int connectionCount() const { return m_connections; }
    int cutCount() const { return m_cutCount; }
    // Bytes the server sent through the proxy, over every connection.
    qint64 bytesFromServer() const { return m_bytesFromServer; }

Q_SIGNALS:
    void connectionCut(int connection, qint64 offset);

private:
    void onNewConnection();

    QTcpServer m_server;
    QString m_targetHost;
    quint16 m_targetPort;
    QList<qint64> m_cuts;
    int m_connections = 0;
    int m_cutCount = 0;
    qint64 m_bytesFromServer = 0;
};

} // namespace threadline::test
