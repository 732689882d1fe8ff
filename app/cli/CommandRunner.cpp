#include "CommandRunner.h"

#include "AccountAddCommand.h"
#include "CardsJsonImporter.h"
#include "CommandLine.h"
#include "JsonExporter.h"
#include "SyncCommand.h"
#include "store/Database.h"
#include "store/Profile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace threadline::cli {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("threadline::cli::CommandRunner", text);
}

store::Profile profileFor(const Invocation& invocation)
{
    return store::Profile(invocation.profileDirectory.isEmpty() ? store::Profile::defaultDirectory()
                                                                : invocation.profileDirectory);
}

} // namespace

CommandRunner::CommandRunner(QTextStream& out, QTextStream& err)
    : m_out(out)
    , m_err(err)
{}

int CommandRunner::run(const Invocation& invocation)
{
    using Command = Invocation::Command;
    switch (invocation.command) {
    case Command::Help:
        m_out << CommandLine::helpText();
        return Success;
    case Command::Version:
        m_out << QCoreApplication::applicationName() << u' '
              << QCoreApplication::applicationVersion() << u'\n';
        return Success;
    case Command::Invalid:
        m_err << invocation.error << u'\n';
        return UsageError;
    case Command::Sync:
        return SyncCommand(m_out, m_err).run(invocation);
    case Command::Doctor:
        return notAvailable(u"doctor"_s, tr("the connection checklist (account setup wizard)"));
    case Command::AccountAdd: {
        QTextStream input(stdin);
        return AccountAddCommand(m_out, m_err, input).run(invocation);
    }
    case Command::Import:
        return runImport(invocation);
    case Command::Export:
        return runExport(invocation);
    case Command::Gui:
        break;
    }
    return UsageError;
}

int CommandRunner::notAvailable(const QString& command, const QString& what)
{
    m_err << tr("threadline %1: not available in this version yet — %2 has not been built.")
                 .arg(command, what)
          << u'\n';
    return NotAvailable;
}

int CommandRunner::runImport(const Invocation& invocation)
{
    if (invocation.arguments.size() != 1) {
        m_err << tr("Usage: threadline import FILE.json [--profile DIR]") << u'\n';
        return UsageError;
    }
    const QString path = invocation.arguments.first();
    if (!path.endsWith(u".json"_s, Qt::CaseInsensitive)) {
        m_err << tr("threadline import: only Threadline's JSON card files can be imported in this "
                    "version; CSV and vCard import have not been built yet.")
              << u'\n';
        return NotAvailable;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_err << tr("Cannot read %1: %2").arg(path, file.errorString()) << u'\n';
        return Failure;
    }
    const store::Profile profile = profileFor(invocation);
    if (!profile.ensureExists()) {
        m_err << tr("Cannot create the profile folder %1.").arg(profile.directory()) << u'\n';
        return Failure;
    }
    store::Database db(profile.databasePath());
    if (auto error = db.open()) {
        m_err << tr("Cannot open the database: %1").arg(error->message) << u'\n';
        return Failure;
    }
    const auto counts = CardsJsonImporter(db.connection()).import(file.readAll());
    if (!counts) {
        m_err << tr("Nothing was imported: %1").arg(counts.error().message) << u'\n';
        return Failure;
    }
    m_out << tr("Imported %1 leads, %2 contacts and %3 deals into %4.")
                 .arg(counts.value().leads)
                 .arg(counts.value().contacts)
                 .arg(counts.value().deals)
                 .arg(profile.directory())
          << u'\n';
    return Success;
}

int CommandRunner::runExport(const Invocation& invocation)
{
    if (invocation.format != u"json"_s) {
        m_err << tr("Usage: threadline export --format json [--output FILE] [--profile DIR]")
              << u'\n';
        return UsageError;
    }
    const store::Profile profile = profileFor(invocation);
    if (!QFile::exists(profile.databasePath())) {
        m_err << tr("There is no Threadline profile in %1.").arg(profile.directory()) << u'\n';
        return Failure;
    }
    store::Database db(profile.databasePath());
    if (auto error = db.open()) {
        m_err << tr("Cannot open the database: %1").arg(error->message) << u'\n';
        return Failure;
    }
    const auto document = JsonExporter(db.connection()).exportAll();
    if (!document) {
        m_err << tr("Export failed: %1").arg(document.error().message) << u'\n';
        return Failure;
    }
    const QByteArray json = QJsonDocument(document.value()).toJson(QJsonDocument::Indented);
    if (invocation.outputFile.isEmpty()) {
        m_out << QString::fromUtf8(json);
        return Success;
    }
    QSaveFile file(invocation.outputFile);
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        m_err << tr("Cannot write %1: %2").arg(invocation.outputFile, file.errorString()) << u'\n';
        return Failure;
    }
    return Success;
}

} // namespace threadline::cli
