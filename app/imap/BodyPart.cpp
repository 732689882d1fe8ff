#include "imap/BodyPart.h"

#include <limits>

namespace threadline::imap {

namespace {

QByteArray findParameter(const BodyPart::Parameters& parameters, QByteArrayView name)
{
    for (const auto& [key, value] : parameters) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            return value;
        }
    }
    return {};
}

} // namespace

QByteArray BodyPart::parameter(QByteArrayView name) const
{
    return findParameter(parameters, name);
}

QByteArray BodyPart::dispositionParameter(QByteArrayView name) const
{
    return findParameter(dispositionParameters, name);
}

const BodyPart* BodyPart::partAt(QByteArrayView section) const
{
    const BodyPart* current = this;
    bool first = true;
    qsizetype pos = 0;
    while (pos < section.size()) {
        quint64 index = 0;
        const qsizetype start = pos;
        while (pos < section.size() && section[pos] >= '0' && section[pos] <= '9') {
            index = index * 10 + quint64(section[pos] - '0');
            if (index > quint64(std::numeric_limits<quint32>::max())) {
                return nullptr;
            }
            ++pos;
        }
        if (pos == start || index == 0) {
            return nullptr;
        }
        if (pos < section.size()) {
            if (section[pos] != '.' || pos + 1 == section.size()) {
                return nullptr;
            }
            ++pos;
        }
        if (!first) {
            // Below a message/rfc822 part the numbers count the encapsulated message's parts;
            // any other non-multipart part has no subparts.
            if (current->isMessage() && !current->children.empty()) {
                current = &current->children.front();
            } else if (!current->isMultipart()) {
                return nullptr;
            }
        }
        if (current->isMultipart()) {
            if (index > current->children.size()) {
                return nullptr;
            }
            current = &current->children[index - 1];
        } else if (index != 1) {
            return nullptr;
        }
        first = false;
    }
    return current;
}

} // namespace threadline::imap
