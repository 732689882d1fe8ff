// SecretStore with no D-Bus session at all (a headless machine, a broken login): every call
// must answer NoBackend with a clear message, quickly, instead of hanging or a vague error.

#include "account/SecretStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using threadline::account::SecretStore;

namespace {

constexpr int keychainTimeoutMs = 20000;

// The bus environment must be gone before QtDBus or GLib look at it, so this runs in initMain().
QTemporaryDir* runtimeDir = nullptr;

} // namespace

class TestKeychainNoBackend final : public QObject
{
    Q_OBJECT

public:
    static void initMain()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DISPLAY");
        qunsetenv("WAYLAND_DISPLAY");
        // An empty runtime folder: no $XDG_RUNTIME_DIR/bus to fall back to.
        runtimeDir = new QTemporaryDir;
        qputenv("XDG_RUNTIME_DIR", runtimeDir->path().toLocal8Bit());
    }

private Q_SLOTS:
    void cleanupTestCase()
    {
        delete runtimeDir;
        runtimeDir = nullptr;
    }
    void everyCallReportsNoBackend_data();
    void everyCallReportsNoBackend();
};

void TestKeychainNoBackend::everyCallReportsNoBackend_data()
{
    QTest::addColumn<int>("operation");
    QTest::newRow("write") << 0;
    QTest::newRow("read") << 1;
    QTest::newRow("delete") << 2;
}

void TestKeychainNoBackend::everyCallReportsNoBackend()
{
    QFETCH(int, operation);
    SecretStore store(u"Threadline-tests"_s);
    const QString key = u"nobody@example.test"_s;
    QSignalSpy written(&store, &SecretStore::secretWritten);
    QSignalSpy read(&store, &SecretStore::secretRead);
    QSignalSpy deleted(&store, &SecretStore::secretDeleted);
    QSignalSpy* spy = operation == 0 ? &written : operation == 1 ? &read : &deleted;
    if (operation == 0)
        store.writeSecret(key, u"never stored"_s);
    else if (operation == 1)
        store.readSecret(key);
    else
        store.deleteSecret(key);
    QVERIFY(spy->wait(keychainTimeoutMs));
    QCOMPARE(spy->size(), 1);
    const auto result = spy->first().first().value<SecretStore::Result>();
    QVERIFY(!result.ok);
    QCOMPARE(result.key, key);
    QCOMPARE(result.error, SecretStore::Error::NoBackend);
    QVERIFY2(result.message.contains(u"keychain"_s), qPrintable(result.message));
    QVERIFY(result.secret.isEmpty());
}

QTEST_GUILESS_MAIN(TestKeychainNoBackend)
#include "tst_keychain_nobackend.moc"
