#pragma once

#include <QMetaType>
#include <QString>

namespace threadline::store {

// What went wrong in the store, as a value; the message is for logs and the doctor.
struct StoreError
{
    enum class Code
    {
        OpenFailed,
        NewerSchema, // the profile was written by a newer Threadline
        MigrationFailed,
        QueryFailed,
    };
    Code code = Code::QueryFailed;
    QString message;
};

} // namespace threadline::store

Q_DECLARE_METATYPE(threadline::store::StoreError)
