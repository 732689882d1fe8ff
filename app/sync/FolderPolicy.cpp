#include "FolderPolicy.h"

using namespace Qt::StringLiterals;

namespace threadline::sync {

namespace {

bool selectable(const imap::ListResponse& mailbox)
{
    // RFC 3501 §7.2.2 \Noselect; RFC 5258 §3 \NonExistent.
    return !mailbox.hasAttribute("\\Noselect") && !mailbox.hasAttribute("\\NonExistent");
}

} // namespace

const QStringList& FolderPolicy::knownSentNames()
{
    // Lower-case; what the common servers and clients create in their languages.
    static const QStringList names{
        u"sent"_s,
        u"sent items"_s,
        u"sent messages"_s,
        u"sent mail"_s,
        u"envoyés"_s,
        u"messages envoyés"_s,
        u"éléments envoyés"_s,
        u"gesendet"_s,
        u"gesendete elemente"_s,
        u"gesendete objekte"_s,
        u"enviados"_s,
        u"elementos enviados"_s,
        u"mensajes enviados"_s,
        u"inviati"_s,
        u"posta inviata"_s,
        u"elementi inviati"_s,
        u"verzonden"_s,
        u"verzonden items"_s,
        u"verzonden berichten"_s,
        u"enviadas"_s,
        u"itens enviados"_s,
        u"skickat"_s,
        u"skickade objekt"_s,
        u"sendt"_s,
        u"sendte elementer"_s,
        u"wysłane"_s,
        u"elementy wysłane"_s,
        u"odeslaná pošta"_s,
        u"отправленные"_s,
    };
    return names;
}

bool FolderPolicy::isSentName(const QString& name, QChar delimiter)
{
    QString leaf = name;
    if (!delimiter.isNull()) {
        const QStringList parts = name.split(delimiter);
        // Top level ("Sent") or directly under INBOX ("INBOX.Sent", "INBOX/Sent").
        if (parts.size() > 2 ||
            (parts.size() == 2 && parts.first().compare(u"INBOX"_s, Qt::CaseInsensitive) != 0))
            return false;
        leaf = parts.last();
    }
    return knownSentNames().contains(leaf.trimmed().toLower());
}

FolderPolicy::Folders FolderPolicy::choose(const QList<imap::ListResponse>& mailboxes)
{
    Folders folders;
    for (const imap::ListResponse& mailbox : mailboxes) {
        if (selectable(mailbox) && mailbox.hasAttribute("\\Sent")) {
            folders.sent = mailbox.name;
            folders.sentFoundBy = u"special-use"_s;
            return folders;
        }
    }
    // By name, in the order of the list of names (plain "Sent" before the localised ones).
    for (const QString& known : knownSentNames()) {
        for (const imap::ListResponse& mailbox : mailboxes) {
            if (!selectable(mailbox) || mailbox.name.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0)
                continue;
            if (!isSentName(mailbox.name, mailbox.delimiter))
                continue;
            QString leaf = mailbox.name;
            if (!mailbox.delimiter.isNull())
                leaf = leaf.section(mailbox.delimiter, -1);
            if (leaf.trimmed().toLower() == known) {
                folders.sent = mailbox.name;
                folders.sentFoundBy = u"name"_s;
                return folders;
            }
        }
    }
    return folders;
}

bool FolderPolicy::isSynced(const Folders& folders, const QString& mailbox)
{
    if (mailbox.compare(u"INBOX"_s, Qt::CaseInsensitive) == 0)
        return true;
    return folders.sent && *folders.sent == mailbox;
}

} // namespace threadline::sync
