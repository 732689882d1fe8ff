#pragma once

#include "MailStack.h"

#include <QTest>
#include <cstdio>

// QTEST_MAIN for tests against the mail stack: points D-Bus, XDG_RUNTIME_DIR and HOME at the
// stack's session bus and keyring before the application object exists, and fails at once,
// saying why, when the stack is not there (a missing stack is a failure, never a skip).
// The application type follows QTEST_MAIN (QApplication when the test links Qt Widgets).
#define THREADLINE_MAILSTACK_TEST_MAIN(TestObject)                                                 \
    int main(int argc, char* argv[])                                                               \
    {                                                                                              \
        QString threadlineStackError;                                                              \
        if (!::threadline::test::MailStack::applyEnvironment(&threadlineStackError)) {             \
            std::fprintf(stderr, "FAIL!  : %s: mail stack unavailable: %s\n", #TestObject,         \
                         qPrintable(threadlineStackError));                                        \
            return 1;                                                                              \
        }                                                                                          \
        QTest::Internal::callInitMain<TestObject>();                                               \
        QTEST_MAIN_SETUP()                                                                         \
        TestObject tc;                                                                             \
        QTEST_SET_MAIN_SOURCE_PATH                                                                 \
        return QTest::qExec(&tc, argc, argv);                                                      \
    }
