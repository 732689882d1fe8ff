#include "CutProxy.h"

#include <QHostAddress>
#include <QTcpSocket>

namespace threadline::test {

CutProxy::CutProxy(const QString& targetHost, quint16 targetPort, QObject* parent)
    : QObject(parent)
    , m_targetHost(targetHost)
    , m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &CutProxy::onNewConnection);
}

CutProxy::~CutProxy() = default;

bool CutProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void CutProxy::onNewConnection()
{
    while (QTcpSocket* client = m_server.nextPendingConnection()) {
        const int index = m_connections++;
        const qint64 cutAt = index < m_cuts.size() ? m_cuts.at(index) : -1;
        auto* upstream = new QTcpSocket(client);
        auto forwarded = std::make_shared<qint64>(0);
        auto pending = std::make_shared<QByteArray>(); // client bytes before upstream is up

        const auto drop = [client, upstream] {
            upstream->abort();
            client->abort();
            client->deleteLater();
        };
        connect(upstream, &QTcpSocket::connected, client, [upstream, pending] {
            if (!pending->isEmpty())
                upstream->write(*pending);
            pending->clear();
        });
        connect(client, &QTcpSocket::readyRead, upstream, [client, upstream, pending] {
            const QByteArray bytes = client->readAll();
            if (upstream->state() == QAbstractSocket::ConnectedState)
                upstream->write(bytes);
            else
                pending->append(bytes);
        });
        connect(upstream, &QTcpSocket::readyRead, client,
                [this, client, upstream, forwarded, cutAt, index, drop] {
                    QByteArray bytes = upstream->readAll();
                    m_bytesFromServer += bytes.size();
                    if (cutAt >= 0 && *forwarded + bytes.size() >= cutAt) {
                        client->write(bytes.first(cutAt - *forwarded));
                        client->flush();
                        ++m_cutCount;
                        Q_EMIT connectionCut(index, cutAt);
                        drop();
                        return;
                    }
                    *forwarded += bytes.size();
                    client->write(bytes);
                });
        connect(upstream, &QTcpSocket::disconnected, client,
                [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
        connect(upstream, &QTcpSocket::errorOccurred, client,
                [client](QAbstractSocket::SocketError) {
                    client->abort();
                    client->deleteLater();
                });
        upstream->connectToHost(m_targetHost, m_targetPort);
    }
}

} // namespace threadline::test
