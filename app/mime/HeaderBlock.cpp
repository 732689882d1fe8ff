#include "HeaderBlock.h"

#include "EncodedWords.h"

#include <cstring>

namespace threadline::mime {

namespace {

// RFC 5322 §3.6.8 field name: printable ASCII except ':' and space.
bool isFieldName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b >= 0x7F)
            return false;
    }
    return true;
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Field names are ASCII (§3.6.8), so ASCII case folding is all a comparison needs.
bool sameName(QByteArrayView a, QByteArrayView b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const char x = a[i];
        const char y = b[i];
        if (x != y && !((x | 0x20) == (y | 0x20) && (x | 0x20) >= 'a' && (x | 0x20) <= 'z'))
            return false;
    }
    return true;
}

} // namespace

HeaderBlock HeaderBlock::parse(QByteArrayView raw, qsizetype* bodyOffset)
{
    HeaderBlock block;
    const qsizetype size = raw.size();
    qsizetype pos = 0;
    qsizetype body = size;

    // Fields are copied through a pointer into a buffer grown by hand (QByteArray::append
    // costs more than the copy for such short pieces); cut to size at the end. It starts
    // under 1 KB, which malloc serves from its per-thread cache: a part's header is a few
    // lines, and a message's grows it once.
    QByteArray& data = block.m_data;
    data.resize(qMin<qsizetype>(size, 1000));
    char* buffer = data.data();
    qsizetype used = 0;
    auto append = [&data, &buffer, &used](QByteArrayView bytes) {
        if (used + bytes.size() > data.size()) {
            data.resize(qMax(used + bytes.size(), data.size() * 2));
            buffer = data.data();
        }
        if (!bytes.isEmpty())
            memcpy(buffer + used, bytes.data(), size_t(bytes.size()));
        used += bytes.size();
    };
    block.m_slots.reserve(16);
    bool open = false; // a field is being unfolded
    auto close = [&block, &open, &buffer, &used] {
        if (!open)
            return;
        Slot& slot = block.m_slots.last();
        while (slot.valueLength > 0 && isBlank(buffer[slot.valueStart + slot.valueLength - 1]))
            --slot.valueLength;
        used = slot.valueStart + slot.valueLength;
        open = false;
    };

    // memchr directly: QByteArrayView::indexOf(char) goes through a generic search first.
    auto find = [](QByteArrayView text, char c, qsizetype from) -> qsizetype {
        const void* at = memchr(text.data() + from, c, size_t(text.size() - from));
        return at ? static_cast<const char*>(at) - text.data() : -1;
    };
    while (pos < size) {
        qsizetype eol = find(raw, '\n', pos);
        const qsizetype next = eol < 0 ? size : eol + 1;
        if (eol < 0)
            eol = size;
        qsizetype end = eol;
        if (end > pos && raw[end - 1] == '\r')
            --end;
        const QByteArrayView line = raw.sliced(pos, end - pos);

        if (line.isEmpty()) { // the empty line ends the header section
            body = next;
            break;
        }
        if (isBlank(line.front())) {
            // §2.2.3 unfolding: drop the line break, keep the whitespace.
            if (open) {
                if (block.m_slots.last().valueLength == 0) {
                    qsizetype skip = 0;
                    while (skip < line.size() && isBlank(line[skip]))
                        ++skip;
                    append(line.sliced(skip));
                } else {
                    append(line);
                }
                block.m_slots.last().valueLength = used - block.m_slots.last().valueStart;
            } else if (!block.m_truncated) {
                ++block.m_malformedLines;
            }
            pos = next;
            continue;
        }
        const qsizetype colon = find(line, ':', 0);
        QByteArrayView name = colon > 0 ? line.first(colon) : QByteArrayView();
        while (!name.isEmpty() && isBlank(name.back())) // obsolete "Name : value" (§4.5)
            name.chop(1);
        if (!isFieldName(name)) {
            ++block.m_malformedLines;
            body = pos;
            break;
        }
        close();
        if (block.m_slots.size() >= kMaxFields) {
            block.m_truncated = true;
            pos = next;
            continue;
        }
        QByteArrayView value = line.sliced(colon + 1);
        while (!value.isEmpty() && isBlank(value.front()))
            value = value.sliced(1);
        Slot slot{used, name.size(), 0, 0};
        append(name);
        slot.valueStart = used;
        append(value);
        slot.valueLength = value.size();
        block.m_slots.append(slot);
        block.m_nameLengths |= lengthBit(name.size());
        open = true;
        pos = next;
    }
    close();
    data.truncate(used);
    if (pos >= size)
        body = qMin(body, size);
    if (bodyOffset)
        *bodyOffset = body;
    return block;
}

QByteArrayView HeaderBlock::nameAt(qsizetype i) const
{
    const Slot& slot = m_slots.at(i);
    return QByteArrayView(m_data).sliced(slot.nameStart, slot.nameLength);
}

QByteArrayView HeaderBlock::valueAt(qsizetype i) const
{
    const Slot& slot = m_slots.at(i);
    return QByteArrayView(m_data).sliced(slot.valueStart, slot.valueLength);
}

QList<HeaderField> HeaderBlock::fields() const
{
    QList<HeaderField> out;
    out.reserve(m_slots.size());
    for (qsizetype i = 0; i < m_slots.size(); ++i)
        out.append(HeaderField{nameAt(i).toByteArray(), valueAt(i).toByteArray()});
    return out;
}

qsizetype HeaderBlock::indexOf(QByteArrayView name, qsizetype from) const
{
    if (!(m_nameLengths & lengthBit(name.size())))
        return -1;
    for (qsizetype i = qMax<qsizetype>(from, 0); i < m_slots.size(); ++i) {
        const Slot& slot = m_slots[i];
        if (slot.nameLength == name.size() && sameName(nameAt(i), name))
            return i;
    }
    return -1;
}

QByteArray HeaderBlock::value(QByteArrayView name) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? QByteArray() : valueAt(i).toByteArray();
}

QByteArrayView HeaderBlock::valueView(QByteArrayView name) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? QByteArrayView() : valueAt(i);
}

QList<QByteArray> HeaderBlock::values(QByteArrayView name) const
{
    QList<QByteArray> out;
    for (qsizetype i = indexOf(name); i >= 0; i = indexOf(name, i + 1))
        out.append(valueAt(i).toByteArray());
    return out;
}

QString HeaderBlock::text(QByteArrayView name, DecodeIssues* issues) const
{
    const qsizetype i = indexOf(name);
    return i < 0 ? QString() : EncodedWords::decode(valueAt(i), issues);
}

} // namespace threadline::mime
