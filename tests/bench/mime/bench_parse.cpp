// Times the sync thread's parsing of messages fetched whole (no assertions; run by hand):
//   bench_parse [--messages N=10000] [--runs R=7] [--dump FILE] [--mutations M=0]
// Builds N messages in memory, about 2.3 KB each like the figures of an initial sync:
// plain text and multipart/alternative text + HTML (a few with a small attachment),
// quoted-printable and base64 bodies, RFC 2047 encoded subjects and display names, 2-6
// addresses in To/Cc, Received chains, Message-ID, Date, In-Reply-To and References.
// Deterministic: the same N gives the same messages. Each is handled as
// FolderSync::onWholeMessage does: mime::MessageParser::parse on its BODY[], the recipient
// limit, then sync::MessageAssembler::fromWholeMessage. Prints wall time and this thread's
// CPU time per message, medians of R runs.
//
// --dump FILE writes every resulting record as text, so two builds can be compared with
// diff; --mutations M adds M damaged copies of each message (bytes changed, cut, repeated)
// to the dump, to compare how broken input is read too.
//
// Instruction counts (steady on a busy machine) of the parsing alone:
//   valgrind --tool=callgrind --toggle-collect='*parseAll*' bench_parse --messages 2000 --runs 1
#include "BenchTiming.h"
#include "imap/FetchResponse.h"
#include "mime/MessageParser.h"
#include "sync/MatchPolicy.h"
#include "sync/MessageAssembler.h"
#include "sync/RecipientLimit.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <random>

using namespace Qt::StringLiterals;
using namespace threadline;
using bench::cpuMs;
using bench::medianOf;
using bench::out;

namespace {

struct Options
{
    int messages = 10000;
    int runs = 7;
    QString dump;
    int mutations = 0;
};

Options parseArguments(const QStringList& args)
{
    Options options;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& arg = args.at(i);
        const QString next = i + 1 < args.size() ? args.at(i + 1) : QString();
        if (arg == u"--messages")
            options.messages = next.toInt(), ++i;
        else if (arg == u"--runs")
            options.runs = qMax(1, next.toInt()), ++i;
        else if (arg == u"--dump")
            options.dump = next, ++i;
        else if (arg == u"--mutations")
            options.mutations = next.toInt(), ++i;
        else
            qFatal("unknown argument %s", qPrintable(arg));
    }
    return options;
}

using Random = std::mt19937;

int pick(Random& random, int n)
{
    return int(random() % quint32(n));
}

const char* const kFirstNames[] = {"Jean",  "Hélène", "François", "Marie", "Paul",   "Zoë",
                                   "Björn", "Anaïs",  "Thomas",   "Sarah", "Jérôme", "Li"};
const char* const kLastNames[] = {"Martin",  "Dubois", "Château", "Müller", "Smith",
                                  "Lefèvre", "Garcia", "Nguyen",  "Brown",  "Renée"};
const char* const kDomains[] = {"customer.test", "supplier.example", "acme.test",
                                "mail.example.org", "grossiste.fr.test"};
const char* const kWords[] = {"devis",     "commande", "livraison", "facture", "réunion", "quote",
                              "order",     "delivery", "invoice",   "meeting", "merci",   "bonjour",
                              "prochaine", "semaine",  "prix",      "à",       "été",     "déjà",
                              "reçu",      "the",      "and",       "please",  "confirm", "today",
                              "tomorrow",  "échéance", "pièce",     "client",  "stock",   "ça"};

QByteArray words(Random& random, int bytes)
{
    QByteArray text;
    while (text.size() < bytes) {
        if (!text.isEmpty())
            text += pick(random, 10) == 0 ? ". " : " ";
        text += kWords[pick(random, int(std::size(kWords)))];
    }
    return text;
}

// Text wrapped at ~72 columns with CRLF line ends.
QByteArray paragraphText(Random& random, int bytes)
{
    const QByteArray flat = words(random, bytes);
    QByteArray out;
    qsizetype column = 0;
    qsizetype start = 0;
    while (start < flat.size()) {
        qsizetype end = flat.indexOf(' ', start);
        if (end < 0)
            end = flat.size();
        const QByteArrayView word = QByteArrayView(flat).sliced(start, end - start);
        if (column > 0 && column + word.size() > 72) {
            out += "\r\n";
            column = 0;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        start = end + 1;
    }
    return out + "\r\n";
}

// RFC 2045 §6.7 quoted-printable, lines under 76 characters.
QByteArray quotedPrintable(QByteArrayView text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    QByteArray out;
    int column = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            out += "\r\n";
            column = 0;
            ++i;
            continue;
        }
        QByteArray unit;
        if ((b >= 33 && b <= 126 && b != '=') || b == ' ')
            unit = QByteArray(1, char(b));
        else
            unit = QByteArray("=") + hex[b >> 4] + hex[b & 0xF];
        if (column + unit.size() > 75) {
            out += "=\r\n";
            column = 0;
        }
        out += unit;
        column += int(unit.size());
    }
    return out;
}

QByteArray base64Lines(QByteArrayView data)
{
    const QByteArray encoded = data.toByteArray().toBase64();
    QByteArray out;
    for (qsizetype pos = 0; pos < encoded.size(); pos += 76)
        out += encoded.mid(pos, 76) + "\r\n";
    return out;
}

QByteArray latin1(QByteArrayView utf8)
{
    return QString::fromUtf8(utf8).toLatin1();
}

// A display name as mailers write it: bare, quoted, or RFC 2047 in UTF-8 or Latin-1.
QByteArray displayName(Random& random, const QByteArray& first, const QByteArray& last)
{
    const QByteArray name = first + ' ' + last;
    bool ascii = true;
    for (const char c : name)
        ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    switch (pick(random, 6)) {
    case 0:
        return '"' + last + ", " + first + '"';
    case 1:
        return "=?UTF-8?B?" + name.toBase64() + "?=";
    case 2:
        return "=?iso-8859-1?Q?" + quotedPrintable(latin1(name)).replace(' ', '_') + "?=";
    default:
        if (ascii)
            return name;
        return "=?UTF-8?Q?" + quotedPrintable(name).replace(' ', '_') + "?=";
    }
}

QByteArray address(Random& random, int person)
{
    const QByteArray first = kFirstNames[person % std::size(kFirstNames)];
    const QByteArray last = kLastNames[(person / 7) % std::size(kLastNames)];
    const QByteArray email =
        "user" + QByteArray::number(person) + '@' + kDomains[(person / 3) % std::size(kDomains)];
    switch (pick(random, 5)) {
    case 0:
        return email;
    case 1:
        return '<' + email + '>';
    default:
        return displayName(random, first, last) + " <" + email + '>';
    }
}

QByteArray addressList(Random& random, int count)
{
    QByteArray out;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            out += i % 2 == 0 ? ",\r\n " : ", ";
        out += address(random, pick(random, 400));
    }
    return out;
}

QByteArray subjectField(Random& random, int conversation, bool reply)
{
    QByteArray text = "Devis n°" + QByteArray::number(conversation) + " : " + words(random, 30);
    if (reply)
        text = "Re: " + text;
    switch (pick(random, 4)) {
    case 0: { // raw ASCII, accents dropped
        QByteArray ascii;
        for (const QChar c : QString::fromUtf8(text).normalized(QString::NormalizationForm_D)) {
            if (c.unicode() < 0x80)
                ascii += char(c.unicode());
        }
        return ascii;
    }
    case 1: { // two B words, split between characters (§5: no split inside a character)
        const QString whole = QString::fromUtf8(text);
        const qsizetype half = whole.size() / 2;
        return "=?UTF-8?B?" + whole.first(half).toUtf8().toBase64() + "?=\r\n =?UTF-8?B?" +
               whole.sliced(half).toUtf8().toBase64() + "?=";
    }
    case 2:
        return "=?UTF-8?Q?" + quotedPrintable(text).replace(' ', '_').replace("=\r\n", "") + "?=";
    default: // plain text with one encoded word in the middle
        return "Re: =?ISO-8859-1?Q?" + quotedPrintable(latin1("Réunion")) +
               "?= " + QByteArray::number(conversation);
    }
}

struct Conversation
{
    QList<QByteArray> ids;
    int number = 0;
};

QByteArray receivedChain(Random& random, int hops)
{
    QByteArray out;
    for (int i = 0; i < hops; ++i)
        out += "Received: from relay" + QByteArray::number(pick(random, 50)) +
               ".example.net (relay.example.net [192.0.2." + QByteArray::number(pick(random, 250)) +
               "])\r\n\tby mx.acme.test (Postfix) with ESMTPS id 4F2A" +
               QByteArray::number(pick(random, 9999)) +
               "\r\n\tfor <me@acme.test>; Tue,  5 Mar 2024 09:14:03 +0100 (CET)\r\n";
    return out;
}

QByteArray dateField(int index)
{
    const QDateTime when = QDateTime(QDate(2024, 3, 1), QTime(8, 0), Qt::UTC).addSecs(index * 600);
    static const char* const days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate d = when.date();
    const QTime t = when.time();
    return QByteArray(days[d.dayOfWeek() - 1]) + ", " + QByteArray::number(d.day()) + ' ' +
           months[d.month() - 1] + ' ' + QByteArray::number(d.year()) + ' ' +
           QByteArray::number(t.hour()).rightJustified(2, '0') + ':' +
           QByteArray::number(t.minute()).rightJustified(2, '0') + ':' +
           QByteArray::number(t.second()).rightJustified(2, '0') + " +0000";
}

QByteArray textPart(Random& random, const QByteArray& text, bool html)
{
    const QByteArray type = html ? "text/html" : "text/plain";
    switch (pick(random, 5)) {
    case 0:
        return "Content-Type: " + type + "; charset=\"iso-8859-1\"\r\n" +
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n" +
               quotedPrintable(latin1(text));
    case 1:
        return "Content-Type: " + type + "; charset=UTF-8\r\n" +
               "Content-Transfer-Encoding: base64\r\n\r\n" + base64Lines(text);
    case 2:
        return "Content-Type: " + type + "; charset=utf-8; format=flowed\r\n" +
               "Content-Transfer-Encoding: 8bit\r\n\r\n" + text;
    default:
        return "Content-Type: " + type + "; charset=\"UTF-8\"\r\n" +
               "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(text);
    }
}

QByteArray htmlOf(const QByteArray& text)
{
    QByteArray html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
                      "charset=utf-8\"></head><body><div dir=\"ltr\"><p>";
    html += QByteArray(text).replace("\r\n", "<br>\r\n");
    return html + "</p><p>--<br>Cordialement</p></div></body></html>\r\n";
}

QList<QByteArray> mailbox(int count)
{
    Random random(20240305);
    QList<QByteArray> result;
    result.reserve(count);
    QList<Conversation> open;
    int conversations = 0;
    for (int i = 0; i < count; ++i) {
        qsizetype at = 0;
        if (!open.isEmpty() && pick(random, 100) < 55) {
            at = pick(random, int(qMin<qsizetype>(open.size(), 40)));
        } else {
            open.append(Conversation{{}, conversations++});
            at = open.size() - 1;
        }
        Conversation& conversation = open[at];
        const bool reply = !conversation.ids.isEmpty();
        const QByteArray id = "<m" + QByteArray::number(i) + '.' +
                              QByteArray::number(pick(random, 100000)) + "@mail.example.org>";

        QByteArray raw = "Return-Path: <bounce" + QByteArray::number(i) + "@example.net>\r\n";
        if (pick(random, 2) == 0)
            raw += "Delivered-To: me@acme.test\r\n";
        raw += receivedChain(random, 1 + pick(random, 3));
        if (pick(random, 3) == 0)
            raw += "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=s1;\r\n"
                   "\th=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\r\n"
                   "\tb=dzdVyOfAKCdLXdJOc9G2q8LoXSlEniSbav+yuU4zGeeruD00lszZVoG4ZHRNiYzR\r\n";
        raw += "From: " + address(random, pick(random, 400)) + "\r\n";
        const int recipients = 2 + pick(random, 5); // 2..6 in To and Cc together
        const int to = 1 + pick(random, recipients);
        raw += "To: " + addressList(random, to) + "\r\n";
        if (recipients > to)
            raw += "Cc: " + addressList(random, recipients - to) + "\r\n";
        raw += "Subject: " + subjectField(random, conversation.number, reply) + "\r\n";
        raw += "Date: " + dateField(i) + "\r\n";
        raw += "Message-ID: " + id + "\r\n";
        if (reply) {
            raw += "In-Reply-To: " + conversation.ids.last() + "\r\n";
            raw += "References:";
            for (const QByteArray& parent : std::as_const(conversation.ids))
                raw += " " + parent + "\r\n";
            raw.chop(2);
            raw += "\r\n";
        }
        raw += "MIME-Version: 1.0\r\n";
        if (pick(random, 4) == 0)
            raw += "X-Mailer: Threadline bench mailer 1.0\r\n";

        const QByteArray text = paragraphText(random, 250 + pick(random, 500));
        const int shape = pick(random, 100);
        if (shape < 40) {
            raw += textPart(random, text, false);
        } else {
            const QByteArray boundary =
                "----=_Part_" + QByteArray::number(i) + '_' + QByteArray::number(random());
            QByteArray alternative = "Content-Type: multipart/alternative;\r\n\tboundary=\"" +
                                     boundary + "\"\r\n\r\nThis is a multi-part message.\r\n--" +
                                     boundary + "\r\n" + textPart(random, text, false) + "\r\n--" +
                                     boundary + "\r\n" + textPart(random, htmlOf(text), true) +
                                     "\r\n--" + boundary + "--\r\n";
            if (shape < 95) {
                raw += alternative;
            } else {
                const QByteArray outer = "mixed_" + boundary;
                QByteArray pdf = "%PDF-1.4\n";
                while (pdf.size() < 300)
                    pdf += words(random, 40);
                raw += "Content-Type: multipart/mixed; boundary=\"" + outer + "\"\r\n\r\n--" +
                       outer + "\r\n" + alternative + "\r\n--" + outer +
                       "\r\nContent-Type: application/pdf; name=\"devis-" + QByteArray::number(i) +
                       ".pdf\"\r\nContent-Disposition: attachment;\r\n filename*=UTF-8''devis%20" +
                       QByteArray::number(i) +
                       "%C3%A9.pdf\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n" +
                       base64Lines(pdf) + "\r\n--" + outer + "--\r\n";
            }
        }
        result.append(raw);
        conversation.ids.append(id);
        if (conversation.ids.size() >= 1 + conversation.number % 6)
            open.removeAt(at);
    }
    return result;
}

// Damaged copies, as the unit test's cheap fuzzing makes them.
QList<QByteArray> mutated(const QList<QByteArray>& messages, int copies)
{
    Random random(7);
    const QByteArray specials = "\r\n-=?<>\"():;,\\ \t*'%@_";
    QList<QByteArray> out;
    for (const QByteArray& original : messages) {
        for (int copy = 0; copy < copies; ++copy) {
            QByteArray raw = original;
            const int edits = 1 + pick(random, 8);
            for (int e = 0; e < edits && !raw.isEmpty(); ++e) {
                const qsizetype at = pick(random, int(raw.size()));
                switch (pick(random, 5)) {
                case 0:
                    raw[at] = char(random() & 0xFF);
                    break;
                case 1:
                    raw[at] = specials[pick(random, int(specials.size()))];
                    break;
                case 2:
                    raw.truncate(at);
                    break;
                case 3:
                    raw.insert(at, raw.mid(at, pick(random, 200)));
                    break;
                default:
                    raw.remove(at, pick(random, 50));
                    break;
                }
            }
            out.append(raw);
        }
    }
    return out;
}

imap::FetchResponse response(quint32 uid, const QByteArray& raw)
{
    imap::FetchResponse fetched;
    fetched.uid = uid;
    fetched.flags = QList<QByteArray>{"\\Seen"_ba};
    fetched.internalDate = QDateTime(QDate(2024, 3, 1), QTime(9, 0), Qt::UTC).addSecs(uid * 600);
    fetched.rfc822Size = quint64(raw.size());
    fetched.sections.append(imap::FetchSection{{}, {}, {}, std::nullopt, false, raw});
    return fetched;
}

struct Outcome
{
    std::optional<store::MessageRecord> record; // absent: skipped by the recipient limit
    qsizetype recipients = 0;
};

// What FolderSync::onWholeMessage does with one fetched message, minus the bookkeeping.
Outcome handle(const imap::FetchResponse& fetched, const sync::MatchPolicy& policy)
{
    const imap::FetchSection* raw = fetched.section("", "");
    const mime::ParsedMessage parsed = mime::MessageParser::parse(raw->data);
    if (sync::RecipientLimit::exceeds(parsed))
        return {std::nullopt, parsed.recipientCount()};
    return {sync::MessageAssembler::fromWholeMessage(fetched, parsed, policy),
            parsed.recipientCount()};
}

// The timed work; not inlined, so callgrind can count it alone (--toggle-collect).
Q_NEVER_INLINE qsizetype parseAll(const QList<imap::FetchResponse>& mail,
                                  const sync::MatchPolicy& policy)
{
    qsizetype checksum = 0;
    for (const imap::FetchResponse& fetched : mail) {
        const Outcome outcome = handle(fetched, policy);
        checksum += outcome.recipients + (outcome.record ? outcome.record->textBody.size() : 0);
    }
    return checksum;
}

// One record as text, every field, with line breaks and NULs escaped.
QString describe(qsizetype index, const Outcome& outcome)
{
    // Null and empty differ once bound for SQLite (NULL or ''): both are shown.
    auto esc = [](QString text) {
        if (text.isNull())
            return u"(null)"_s;
        return text.replace(u'\\', u"\\\\"_s)
            .replace(u'\n', u"\\n"_s)
            .replace(u'\r', u"\\r"_s)
            .replace(QChar(0), u"\\0"_s);
    };
    QString text = u"# message %1\n"_s.arg(index);
    if (!outcome.record)
        return text + u"skipped, %1 recipients\n"_s.arg(outcome.recipients);
    const store::MessageRecord& r = *outcome.record;
    text += u"id: "_s + esc(r.messageId) + u"\nin-reply-to: "_s + esc(r.inReplyTo.join(u' ')) +
            u"\nreferences: "_s + esc(r.references.join(u' ')) + u"\nsubject: "_s + esc(r.subject) +
            u"\ndate: "_s + r.date.toString(Qt::ISODate) + u"\ninternal: "_s +
            r.internalDate.toString(Qt::ISODate) + u"\nsize: "_s + QString::number(r.size) +
            u"\n"_s;
    for (const store::MessageRecord::Address& a : r.addresses)
        text += store::MessageRecord::roleKey(a.role) + u": ["_s + esc(a.name) + u"]<"_s +
                esc(a.email) + u">\n"_s;
    for (const store::MessageRecord::Attachment& a : r.attachments)
        text += u"attachment: "_s + a.partPath + u' ' + esc(a.fileName) + u' ' + a.mimeType + u' ' +
                QString::number(a.size) + u'\n';
    text += u"outgoing: %1 dropbox: %2\n"_s.arg(int(r.outgoing)).arg(int(r.dropbox));
    text += u"problems: "_s + r.parseProblems.join(u", "_s) + u'\n';
    text += u"text: "_s + esc(r.textBody) + u'\n';
    text += u"html: "_s + (r.htmlBody ? esc(*r.htmlBody) : u"(none)"_s) + u'\n';
    return text;
}

void dump(const QString& path, const QList<imap::FetchResponse>& mail,
          const sync::MatchPolicy& policy)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    QTextStream stream(&file);
    for (qsizetype i = 0; i < mail.size(); ++i)
        stream << describe(i, handle(mail[i], policy));
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const Options options = parseArguments(QCoreApplication::arguments());
    const QList<QByteArray> messages = mailbox(options.messages);
    QList<imap::FetchResponse> mail;
    mail.reserve(messages.size());
    qsizetype bytes = 0;
    for (const QByteArray& raw : messages) {
        mail.append(response(quint32(mail.size() + 1), raw));
        bytes += raw.size();
    }
    const sync::MatchPolicy policy = sync::MatchPolicy::forAccount(u"me@acme.test"_s);

    if (!options.dump.isEmpty()) {
        QList<imap::FetchResponse> all = mail;
        for (const QByteArray& raw : mutated(messages, options.mutations))
            all.append(response(quint32(all.size() + 1), raw));
        dump(options.dump, all, policy);
        out() << "wrote " << all.size() << " records to " << options.dump << "\n";
        return 0;
    }

    out() << options.messages << " messages, " << bytes / qMax(1, options.messages)
          << " bytes each on average\n";
    QList<double> wall;
    QList<double> cpu;
    qsizetype checksum = 0;
    for (int run = 0; run < options.runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        const double cpuStart = cpuMs();
        checksum += parseAll(mail, policy);
        cpu << cpuMs() - cpuStart;
        wall << double(timer.nsecsElapsed()) / 1e6;
    }
    const double perMessage = 1000.0 / qMax(1, options.messages);
    out() << "parse + fromWholeMessage: " << QString::number(medianOf(cpu) * perMessage, 'f', 2)
          << " us/message CPU, " << QString::number(medianOf(wall) * perMessage, 'f', 2)
          << " us/message wall (median of " << options.runs << " runs; checksum " << checksum
          << ")\n";
    out().flush();
    return 0;
}
