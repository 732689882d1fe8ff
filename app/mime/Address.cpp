#include "Address.h"

namespace threadline::mime {

QString Address::toDisplayString() const
{
    if (name.isEmpty())
        return email;
    if (email.isEmpty())
        return name;
    return name + u" <" + email + u'>';
}

} // namespace threadline::mime
