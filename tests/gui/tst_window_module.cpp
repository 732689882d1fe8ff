// The window as a user starts it, through the real binary: `threadline` alone loads the window
// module and shows the window; the headless commands never map Qt Widgets or Qt Gui; a binary
// whose module is missing says so, in the user's language, and exits non-zero.
#include "ProcessRun.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

using threadline::test::ProcessRun;

// Generous: the window waits 500 ms before its picture, and the machine may be busy.
constexpr int runTimeoutMs = 60'000;

ProcessRun runBinary(const QString& binary, const QStringList& arguments,
                     const QProcessEnvironment& environment)
{
    return threadline::test::runProcess(binary, arguments, runTimeoutMs, {}, environment);
}

QProcessEnvironment environment(const QString& language = u"C"_s)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    env.insert(u"LC_ALL"_s, language);
    env.insert(u"LANG"_s, language);
    env.remove(u"LANGUAGE"_s);
    env.remove(u"THREADLINE_SCREENSHOT"_s);
    return env;
}

// The libraries the dynamic loader maps, from its own report (LD_DEBUG=files).
QStringList mappedLibraries(const QString& loaderReport)
{
    QStringList names;
    static const QRegularExpression fileLine(uR"(file=(\S+)\s+\[\d+\];\s+needed by)"_s);
    for (auto it = fileLine.globalMatch(loaderReport); it.hasNext();)
        names << it.next().captured(1);
    // dlopen()ed objects are reported as "file=… [0];  dynamically loaded by …".
    static const QRegularExpression loadedLine(uR"(file=(\S+)\s+\[\d+\];\s+dynamically loaded)"_s);
    for (auto it = loadedLine.globalMatch(loaderReport); it.hasNext();)
        names << it.next().captured(1);
    return names;
}

bool mapsAny(const QStringList& libraries, const QString& prefix)
{
    return std::any_of(libraries.begin(), libraries.end(),
                       [&](const QString& name) { return name.contains(prefix); });
}

} // namespace

class TestWindowModule final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void windowOpensFromTheBinary();
    void headlessCommandsMapNoWidgets();
    void missingModuleIsExplained_data();
    void missingModuleIsExplained();

private:
    QTemporaryDir m_dir;
    QString m_profile;
};

void TestWindowModule::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(QFile::exists(QStringLiteral(THREADLINE_BINARY)));
    m_profile = m_dir.filePath(u"profile"_s);
    QFile cards(m_dir.filePath(u"cards.json"_s));
    QVERIFY(cards.open(QIODevice::WriteOnly));
    cards.write(
        R"({"version": 1, "leads": [{"name": "Zoë Lefèvre", "emails": ["zoe@dupont.test"]}]})");
    cards.close();
    const ProcessRun imported =
        runBinary(QStringLiteral(THREADLINE_BINARY),
                  {u"import"_s, cards.fileName(), u"--profile"_s, m_profile}, environment());
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.err));
}

void TestWindowModule::windowOpensFromTheBinary()
{
    const QString picture = m_dir.filePath(u"window.png"_s);
    QProcessEnvironment env = environment();
    env.insert(u"THREADLINE_SCREENSHOT"_s, picture);
    env.insert(u"LD_DEBUG"_s, u"files"_s);
    const ProcessRun run =
        runBinary(QStringLiteral(THREADLINE_BINARY), {u"--profile"_s, m_profile}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(2000)));
    const QStringList libraries = mappedLibraries(run.err);
    QVERIFY(mapsAny(libraries, u"threadline-window.so"_s));
    QVERIFY(mapsAny(libraries, u"libQt6Widgets"_s));
    const QImage image(picture);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 400 && image.height() >= 300);
}

void TestWindowModule::headlessCommandsMapNoWidgets()
{
    QProcessEnvironment env = environment();
    env.insert(u"LD_DEBUG"_s, u"files"_s);
    const ProcessRun run =
        runBinary(QStringLiteral(THREADLINE_BINARY),
                  {u"export"_s, u"--format"_s, u"json"_s, u"--profile"_s, m_profile}, env);
    QVERIFY2(run.exitCode == 0, qPrintable(run.err.right(2000)));
    QVERIFY(run.out.contains(u"zoe@dupont.test"_s));
    const QStringList libraries = mappedLibraries(run.err);
    // The report works: the core's own libraries are in it.
    QVERIFY(mapsAny(libraries, u"libQt6Core"_s));
    QVERIFY(mapsAny(libraries, u"libQt6Sql"_s));
    QVERIFY2(!mapsAny(libraries, u"libQt6Widgets"_s), qPrintable(libraries.join(u' ')));
    QVERIFY2(!mapsAny(libraries, u"libQt6Gui"_s), qPrintable(libraries.join(u' ')));
    QVERIFY(!mapsAny(libraries, u"threadline-window"_s));
}

void TestWindowModule::missingModuleIsExplained_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("expected");
    QTest::newRow("english") << u"C"_s << u"cannot find its window module"_s;
    QTest::newRow("french") << u"fr_FR.UTF-8"_s << u"ne trouve pas son module de fenêtre"_s;
}

void TestWindowModule::missingModuleIsExplained()
{
    QFETCH(QString, language);
    QFETCH(QString, expected);
    // The binary alone in a folder, as after an install that lost the module.
    const QString lonely = m_dir.filePath(u"lonely/threadline"_s);
    if (!QFile::exists(lonely)) {
        QVERIFY(QDir().mkpath(m_dir.filePath(u"lonely"_s)));
        QVERIFY(QFile::copy(QStringLiteral(THREADLINE_BINARY), lonely));
    }
    const ProcessRun run = runBinary(lonely, {u"--profile"_s, m_profile}, environment(language));
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(expected), qPrintable(run.err));
    QVERIFY2(run.err.contains(m_dir.filePath(u"lonely/threadline-window.so"_s)),
             qPrintable(run.err));
    // The headless commands of that binary still work.
    const ProcessRun version = runBinary(lonely, {u"--version"_s}, environment(language));
    QCOMPARE(version.exitCode, 0);
}

QTEST_GUILESS_MAIN(TestWindowModule)
#include "tst_window_module.moc"
