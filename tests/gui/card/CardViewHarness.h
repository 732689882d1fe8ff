#pragma once

// A shown CardView over a CardWorld, with the clicks and keys the tests use.
#include "CardWorld.h"
#include "card/CardForm.h"
#include "card/CardView.h"
#include "card/ThreadListModel.h"

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTableView>
#include <QTest>

namespace cardtest {

class Harness final
{
public:
    explicit Harness(World& world)
        : view(world.db())
    {
        view.setMatchPolicy(world.policy);
        view.resize(1000, 1100);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            qFatal("the card view was not shown");
    }

    template <typename T = QWidget> T* child(const QString& name) const
    {
        T* widget = view.findChild<T*>(name);
        if (!widget)
            qFatal("no widget %s", qPrintable(name));
        return widget;
    }

    void click(const QString& buttonName) const
    {
        auto* button = child<QAbstractButton>(buttonName);
        if (!button->isEnabled())
            qWarning("clicking disabled button %s", qPrintable(buttonName));
        QTest::mouseClick(button, Qt::LeftButton);
    }

    // Replaces a line edit's text by typing, as a user would.
    void type(const QString& editName, const QString& text) const
    {
        auto* edit = child<QLineEdit>(editName);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClick(edit, Qt::Key_Backspace);
        typeText(edit, text);
    }

    // QTest::keyClicks() takes ASCII only; other characters arrive as text of a key event.
    static void typeText(QWidget* widget, const QString& text)
    {
        for (QChar c : text) {
            if (c.unicode() < 0x80)
                QTest::keyClick(widget, char(c.unicode()));
            else
                QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c),
                                    Qt::NoModifier);
        }
    }

    // THREADLINE_SCREENSHOT_DIR=dir keeps a picture of the view (for a person to look at).
    void screenshot(const QString& name)
    {
        const QString dir = qEnvironmentVariable("THREADLINE_SCREENSHOT_DIR");
        if (!dir.isEmpty())
            view.grab().save(dir + u'/' + name + u".png"_s);
    }

    QTableView* table() const { return view.threadTable(); }
    int rows() const { return view.threadModel()->rowCount(); }
    qint64 threadAt(int row) const { return view.threadModel()->threadAt(row).thread.id; }
    QList<qint64> threadIds() const
    {
        QList<qint64> ids;
        for (int row = 0; row < rows(); ++row)
            ids << threadAt(row);
        return ids;
    }

    void clickRow(int row) const
    {
        const QModelIndex index = view.threadModel()->index(row, 0);
        table()->scrollTo(index);
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {},
                          table()->visualRect(index).center());
    }
    void doubleClickRow(int row) const
    {
        const QModelIndex index = view.threadModel()->index(row, 0);
        const QPoint center = table()->visualRect(index).center();
        QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, center);
        QTest::mouseDClick(table()->viewport(), Qt::LeftButton, {}, center);
    }
    void clickTab(int tab) const
    {
        QTabBar* tabs = view.threadTabs();
        QTest::mouseClick(tabs, Qt::LeftButton, {}, tabs->tabRect(tab).center());
    }

    QString errorText(threadline::ui::CardField field) const
    {
        QLabel* label = view.form()->errorLabel(field);
        return label->isVisible() ? label->text() : QString();
    }

    threadline::ui::CardView view;
};

} // namespace cardtest
