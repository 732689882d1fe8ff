#include "cli/WindowModule.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace threadline::cli {

QStringList WindowModule::candidates()
{
    // The binary's own path, without an application object (none exists yet).
    const QDir binaryDirectory = QFileInfo(QFileInfo(u"/proc/self/exe"_s).symLinkTarget()).dir();
    const QString fileName = u"threadline-window.so"_s;
    return {binaryDirectory.filePath(fileName),
            QDir::cleanPath(binaryDirectory.filePath(QStringLiteral(THREADLINE_WINDOW_MODULE_DIR) +
                                                     u'/' + fileName))};
}

WindowModule::Run WindowModule::load()
{
    const QStringList paths = candidates();
    for (const QString& path : paths) {
        if (!QFileInfo::exists(path))
            continue;
        m_library.setFileName(path);
        m_library.setLoadHints(QLibrary::ResolveAllSymbolsHint);
        if (auto run = reinterpret_cast<Run>(m_library.resolve(entryPoint)))
            return run;
        m_detail = m_library.errorString();
        return nullptr;
    }
    m_detail = paths.join(u", "_s);
    return nullptr;
}

QString WindowModule::errorString() const
{
    if (m_library.fileName().isEmpty())
        return tr("Threadline cannot find its window module. It looked for: %1. "
                  "Reinstall Threadline; the headless commands still work.")
            .arg(m_detail);
    return tr("Threadline cannot load its window module: %1. "
              "Reinstall Threadline; the headless commands still work.")
        .arg(m_detail);
}

} // namespace threadline::cli
