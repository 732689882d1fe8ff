// Every user-facing error code has words in English and in French.
#include "net/ErrorCatalog.h"

#include <QSet>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;
using namespace threadline::net;

class TestErrorCatalog final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyCodeIsExplained();
    void describeCarriesNumberAndDetail();
    void everyCodeIsTranslatedToFrench();
};

void TestErrorCatalog::everyCodeIsExplained()
{
    QSet<int> seen;
    for (ErrorCode code : ErrorCatalog::allCodes()) {
        const ErrorCatalog::Entry entry = ErrorCatalog::entry(code);
        QCOMPARE(entry.code, code);
        QVERIFY2(!entry.title.isEmpty() && !entry.explanation.isEmpty() && !entry.fix.isEmpty(),
                 qPrintable(QString::number(int(code))));
        QVERIFY(!seen.contains(int(code)));
        seen.insert(int(code));
    }
    QVERIFY(seen.size() >= 18);
}

void TestErrorCatalog::describeCarriesNumberAndDetail()
{
    const QString text =
        ErrorCatalog::describe({ErrorCode::AuthenticationFailed, u"NO [AUTHENTICATIONFAILED]"_s});
    QVERIFY(text.contains(u"301"_s));
    QVERIFY(text.contains(u"app password"_s));
    QVERIFY(text.contains(u"NO [AUTHENTICATIONFAILED]"_s));
}

void TestErrorCatalog::everyCodeIsTranslatedToFrench()
{
    QTranslator french;
    QVERIFY(french.load(u":/i18n/threadline_fr.qm"_s));
    for (ErrorCode code : ErrorCatalog::allCodes()) {
        const ErrorCatalog::Entry english = ErrorCatalog::entry(code);
        QCoreApplication::installTranslator(&french);
        const ErrorCatalog::Entry translated = ErrorCatalog::entry(code);
        QCoreApplication::removeTranslator(&french);
        QVERIFY2(translated.title != english.title, qPrintable(english.title));
        QVERIFY2(translated.explanation != english.explanation, qPrintable(english.explanation));
        QVERIFY2(translated.fix != english.fix, qPrintable(english.fix));
    }
}

QTEST_GUILESS_MAIN(TestErrorCatalog)
#include "tst_error_catalog.moc"
