// The session's small parts: SASL messages, capability lookups, the TLS verdict users see.

#include "imap/Capabilities.h"
#include "imap/Sasl.h"
#include "imap/TcpImapSocket.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace threadline;
using namespace threadline::imap;
using Code = net::ErrorCode;

class TestImapSessionParts : public QObject
{
    Q_OBJECT

private slots:
    void sasl_data();
    void sasl();
    void oauthErrorSummary_data();
    void oauthErrorSummary();
    void capabilities();
    void sslVerdict_data();
    void sslVerdict();
};

void TestImapSessionParts::sasl_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << Sasl::plain(u"tim"_s, u"tanstaaftanstaaf"_s)
                           << QByteArray("\0tim\0tanstaaftanstaaf", 21);
    QTest::newRow("plain utf-8") << Sasl::plain(u"j\u00f6rg"_s, u"p\u00e4ss"_s)
                                 << QByteArray("\0j\xc3\xb6rg\0p\xc3\xa4ss", 12);
    // Google's documented example.
    QTest::newRow("xoauth2") << Sasl::xoauth2(u"someuser@example.com"_s,
                                              u"ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg"_s)
                             << QByteArray("user=someuser@example.com\x01"
                                           "auth=Bearer "
                                           "ya29.vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg\x01\x01");
    // RFC 7628 §4.1, with the saslname escaping of RFC 5801 for "," and "=".
    QTest::newRow("oauthbearer")
        << Sasl::oauthBearer(u"user@example.com"_s, u"server.example.com"_s, 143,
                             u"vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg=="_s)
        << QByteArray("n,a=user@example.com,\x01host=server.example.com\x01port=143\x01"
                      "auth=Bearer vF9dft4qmTc2Nvb3RlckBhdHRhdmlzdGEuY29tCg==\x01\x01");
    QTest::newRow("oauthbearer escaping") << Sasl::oauthBearer(u"a,b=c"_s, u"h"_s, 993, u"t"_s)
                                          << QByteArray("n,a=a=2Cb=3Dc,\x01host=h\x01port=993\x01"
                                                        "auth=Bearer t\x01\x01");
}

void TestImapSessionParts::sasl()
{
    QFETCH(QByteArray, message);
    QFETCH(QByteArray, expected);
    QCOMPARE(message, expected);
}

void TestImapSessionParts::oauthErrorSummary_data()
{
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QString>("summary");
    QTest::newRow("google")
        << QByteArray(R"({"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})")
               .toBase64()
        << u"401 (scope: https://mail.google.com/)"_s;
    QTest::newRow("rfc 7628") << QByteArray(R"({"status":"invalid_token"})").toBase64()
                              << u"invalid_token"_s;
    QTest::newRow("not json") << QByteArray("bm90IGpzb24=") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void TestImapSessionParts::oauthErrorSummary()
{
    QFETCH(QByteArray, challenge);
    QFETCH(QString, summary);
    QCOMPARE(Sasl::oauthErrorSummary(challenge), summary);
}

void TestImapSessionParts::capabilities()
{
    const Capabilities caps({"IMAP4rev1", "auth=PLAIN", "Sasl-IR", "QRESYNC", "LITERAL+", "IDLE"});
    QVERIFY(caps.hasAuth("PLAIN"));
    QVERIFY(caps.hasAuth("plain"));
    QVERIFY(!caps.hasAuth("XOAUTH2"));
    QVERIFY(caps.saslIr());
    QVERIFY(caps.qresync());
    QVERIFY(caps.condStore()); // implied by QRESYNC
    QVERIFY(caps.literalPlus());
    QVERIFY(!caps.literalMinus());
    QVERIFY(!caps.startTls());
    QVERIFY(!caps.loginDisabled());
    QCOMPARE(caps.atoms().at(1), QByteArray("AUTH=PLAIN"));
    QVERIFY(Capabilities().isEmpty());
}

void TestImapSessionParts::sslVerdict_data()
{
    QTest::addColumn<QList<int>>("errors");
    QTest::addColumn<int>("code");
    QTest::newRow("none") << QList<int>{} << int(Code::None);
    QTest::newRow("self-signed") << QList<int>{QSslError::SelfSignedCertificate}
                                 << int(Code::UntrustedCertificate);
    QTest::newRow("unknown issuer") << QList<int>{QSslError::UnableToGetLocalIssuerCertificate,
                                                  QSslError::UnableToVerifyFirstCertificate}
                                    << int(Code::UntrustedCertificate);
    QTest::newRow("hostname mismatch")
        << QList<int>{QSslError::HostNameMismatch} << int(Code::HostnameMismatch);
    QTest::newRow("expired") << QList<int>{QSslError::CertificateExpired}
                             << int(Code::CertificateExpired);
    QTest::newRow("not yet valid")
        << QList<int>{QSslError::CertificateNotYetValid} << int(Code::CertificateExpired);
    QTest::newRow("expired and wrong name")
        << QList<int>{QSslError::HostNameMismatch, QSslError::CertificateExpired}
        << int(Code::CertificateExpired);
    QTest::newRow("self-signed and wrong name")
        << QList<int>{QSslError::HostNameMismatch, QSslError::SelfSignedCertificate}
        << int(Code::UntrustedCertificate);
    QTest::newRow("revoked") << QList<int>{QSslError::CertificateRevoked}
                             << int(Code::TlsHandshakeFailed);
}

void TestImapSessionParts::sslVerdict()
{
    QFETCH(QList<int>, errors);
    QFETCH(int, code);
    QList<QSslError> list;
    for (const int error : errors) {
        list.append(QSslError(QSslError::SslError(error)));
    }
    QCOMPARE(int(TcpImapSocket::classifySslErrors(list)), code);
}

QTEST_GUILESS_MAIN(TestImapSessionParts)
#include "tst_imap_session_parts.moc"
