#include "SafeTextBrowser.h"

#include <QDesktopServices>
#include <QImage>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace threadline::ui {

namespace {

// RFC 2397: data:[<mediatype>][;base64],<data>. Only base64 images are drawn.
QVariant decodeDataImage(const QUrl& url)
{
    const QString text = url.toString(QUrl::FullyEncoded);
    const qsizetype comma = text.indexOf(u',');
    if (comma < 0)
        return {};
    const QString header = text.mid(5, comma - 5).toLower();
    if (!header.startsWith(u"image/"_s) || !header.endsWith(u";base64"_s))
        return {};
    const QByteArray payload = QByteArray::fromPercentEncoding(text.mid(comma + 1).toLatin1());
    const QImage image = QImage::fromData(QByteArray::fromBase64(payload));
    return image.isNull() ? QVariant() : QVariant(image);
}

} // namespace

SafeTextBrowser::SafeTextBrowser(QWidget* parent)
    : QTextBrowser(parent)
{
    setOpenLinks(false);
    setOpenExternalLinks(false);
    connect(this, &QTextBrowser::anchorClicked, this, [](const QUrl& url) {
        const QString scheme = url.scheme().toLower();
        if (scheme == u"http" || scheme == u"https" || scheme == u"mailto")
            QDesktopServices::openUrl(url);
    });
}

QString SafeTextBrowser::withoutScripts(const QString& html)
{
    static const QRegularExpression closed(u"<script\\b[^>]*>.*?</script\\s*>"_s,
                                           QRegularExpression::CaseInsensitiveOption |
                                               QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression open(u"<script\\b.*$"_s,
                                         QRegularExpression::CaseInsensitiveOption |
                                             QRegularExpression::DotMatchesEverythingOption);
    QString result = html;
    result.remove(closed);
    result.remove(open);
    return result;
}

void SafeTextBrowser::reset()
{
    m_blocked.clear();
    m_remoteReported = false;
}

void SafeTextBrowser::setMailHtml(const QString& html)
{
    reset();
    setHtml(withoutScripts(html));
}

void SafeTextBrowser::setMailText(const QString& text)
{
    reset();
    setPlainText(text);
}

QVariant SafeTextBrowser::loadResource(int type, const QUrl& name)
{
    Q_UNUSED(type)
    if (name.scheme().compare(u"data"_s, Qt::CaseInsensitive) == 0)
        return decodeDataImage(name);
    // Never QTextBrowser::loadResource(): it would read local files, and nothing here may
    // reach the network.
    if (!m_blocked.contains(name))
        m_blocked.append(name);
    const QString scheme = name.scheme().toLower();
    const bool remote =
        scheme == u"http" || scheme == u"https" || scheme == u"ftp" || !name.host().isEmpty();
    if (remote && !m_remoteReported) {
        m_remoteReported = true;
        // Asked for during layout or painting: tell the owner afterwards.
        QMetaObject::invokeMethod(this, &SafeTextBrowser::remoteContentBlocked,
                                  Qt::QueuedConnection);
    }
    return {};
}

} // namespace threadline::ui
