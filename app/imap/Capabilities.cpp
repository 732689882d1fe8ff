#include "imap/Capabilities.h"

namespace threadline::imap {

Capabilities::Capabilities(QList<QByteArray> atoms)
    : m_atoms(std::move(atoms))
{
    for (QByteArray& atom : m_atoms) {
        atom = atom.toUpper();
    }
}

bool Capabilities::has(QByteArrayView capability) const
{
    for (const QByteArray& atom : m_atoms) {
        if (atom.compare(capability, Qt::CaseInsensitive) == 0) {
            return true;
        }
    }
    return false;
}

bool Capabilities::hasAuth(QByteArrayView mechanism) const
{
    QByteArray name("AUTH=");
    name += mechanism;
    return has(name);
}

} // namespace threadline::imap
