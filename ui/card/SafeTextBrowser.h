#pragma once

#include <QList>
#include <QTextBrowser>
#include <QUrl>

namespace threadline::ui {

// Shows a message body without loading anything (DESIGN.md "Security"): every resource an
// HTML message refers to — remote images (tracking pixels), style sheets, local files — is
// refused, only inline data: images are drawn; script elements are removed before the HTML
// reaches the document (QTextDocument has no script engine; removing them also keeps their
// text off the screen). A link opens in the desktop's browser only when clicked.
// "Show remote content" for one message is not offered yet.
class SafeTextBrowser final : public QTextBrowser
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SafeTextBrowser)

public:
    explicit SafeTextBrowser(QWidget* parent = nullptr);

    void setMailHtml(const QString& html);
    void setMailText(const QString& text);
    // The resources refused since the last setMail*(), in the order asked for.
    const QList<QUrl>& blockedUrls() const { return m_blocked; }

    QVariant loadResource(int type, const QUrl& name) override;

    // The HTML without script elements (closed or running to the end of the text).
    static QString withoutScripts(const QString& html);

Q_SIGNALS:
    // The shown message refers to remote content that was not loaded (emitted once per message,
    // after the layout asked for it).
    void remoteContentBlocked();

private:
    void reset();

    QList<QUrl> m_blocked;
    bool m_remoteReported = false;
};

} // namespace threadline::ui
