#include "SyncStatusWidget.h"

#include "net/ErrorCatalog.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>

using namespace Qt::StringLiterals;

namespace threadline::ui {

SyncStatusWidget::SyncStatusWidget(QWidget* parent)
    : QWidget(parent)
{
    m_stateLabel = new QLabel;
    m_stateLabel->setObjectName(u"syncState"_s);
    m_progress = new QProgressBar;
    m_progress->setObjectName(u"syncProgress"_s);
    m_progress->setMinimumWidth(180);
    m_progress->setMaximumWidth(260);
    m_progress->setTextVisible(true);
    m_progress->hide();
    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(u"syncError"_s);
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setStyleSheet(u"color: #b00020;"_s);
    m_errorLabel->hide();
    m_lastSyncLabel = new QLabel;
    m_lastSyncLabel->setObjectName(u"lastSync"_s);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_progress);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_lastSyncLabel);
    layout->addStretch(1);

    setState(State::NotConfigured);
    updateLastSyncLabel();
}

QString SyncStatusWidget::stateDisplayName(State state)
{
    switch (state) {
    case State::NotConfigured:
        return tr("No mail account set up yet");
    case State::Offline:
        return tr("Offline");
    case State::Connecting:
        return tr("Connecting…");
    case State::Syncing:
        return tr("Syncing…");
    case State::Idle:
        return tr("Up to date");
    case State::Error:
        return tr("Sync stopped");
    }
    return {};
}

QString SyncStatusWidget::stateText() const
{
    return m_stateLabel->text();
}

QString SyncStatusWidget::errorText() const
{
    return m_errorLabel->isHidden() ? QString() : m_errorLabel->text();
}

QString SyncStatusWidget::lastSyncText() const
{
    return m_lastSyncLabel->text();
}

void SyncStatusWidget::setState(State state)
{
    m_state = state;
    m_stateLabel->setText(stateDisplayName(state));
    if (state != State::Syncing)
        m_progress->hide();
    if (state != State::Error && m_error.isError())
        setError({});
}

void SyncStatusWidget::setProgress(const QString& folder, int done, int total)
{
    if (total <= 0) {
        m_progress->setRange(0, 0); // busy: the count is not known yet
        m_progress->setFormat(folder);
    } else {
        m_progress->setRange(0, total);
        m_progress->setValue(qBound(0, done, total));
        //: %1 folder name, %2 messages done, %3 messages in all
        m_progress->setFormat(tr("%1: %2 of %3").arg(folder).arg(done).arg(total));
    }
    m_progress->setToolTip(m_progress->format());
    m_progress->show();
}

void SyncStatusWidget::setError(const net::UserError& error)
{
    m_error = error;
    if (!error.isError()) {
        m_errorLabel->clear();
        m_errorLabel->setToolTip(QString());
        m_errorLabel->hide();
        return;
    }
    const net::ErrorCatalog::Entry entry = net::ErrorCatalog::entry(error.code);
    //: %1 error number, %2 its short title
    m_errorLabel->setText(tr("Error %1: %2").arg(int(error.code)).arg(entry.title));
    QString tip = entry.explanation + u"\n\n"_s + tr("What to do: %1").arg(entry.fix);
    if (!error.detail.isEmpty())
        tip += u"\n\n"_s + tr("Details: %1").arg(error.detail);
    m_errorLabel->setToolTip(tip);
    m_errorLabel->show();
    m_state = State::Error;
    m_stateLabel->setText(stateDisplayName(State::Error));
    m_progress->hide();
}

void SyncStatusWidget::setLastSync(const QDateTime& time)
{
    m_lastSync = time;
    updateLastSyncLabel();
}

void SyncStatusWidget::updateLastSyncLabel()
{
    if (!m_lastSync.isValid()) {
        m_lastSyncLabel->setText(tr("Never synced"));
        m_lastSyncLabel->setToolTip(QString());
        return;
    }
    const QDateTime local = m_lastSync.toLocalTime();
    const QString when = local.date() == QDate::currentDate()
                             ? QLocale().toString(local.time(), QLocale::ShortFormat)
                             : QLocale().toString(local, QLocale::ShortFormat);
    m_lastSyncLabel->setText(tr("Last sync: %1").arg(when));
    m_lastSyncLabel->setToolTip(QLocale().toString(local, QLocale::LongFormat));
}

} // namespace threadline::ui
