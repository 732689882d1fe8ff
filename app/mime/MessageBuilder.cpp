#include "MessageBuilder.h"

#include "EncodedWords.h"
#include "HeaderWriter.h"
#include "MessageDate.h"
#include "MessageIds.h"
#include "ParameterList.h"
#include "TransferEncoding.h"

#include <QRandomGenerator>
#include <QSet>

namespace threadline::mime {

using namespace Qt::StringLiterals;

namespace {

struct Part
{
    QByteArray headers; // complete lines, each ending in CRLF
    QByteArray body;
};

QByteArray randomHex(int words)
{
    QByteArray out;
    for (int i = 0; i < words; ++i)
        out +=
            QByteArray::number(QRandomGenerator::system()->generate(), 16).rightJustified(8, '0');
    return out;
}

bool isFieldName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b >= 0x7F || c == ':')
            return false;
    }
    return true;
}

bool isMimeType(QByteArrayView type)
{
    const qsizetype slash = type.indexOf('/');
    if (slash <= 0 || slash + 1 >= type.size() || type.count('/') != 1)
        return false;
    for (const char c : type) {
        const auto b = static_cast<unsigned char>(c);
        if (b <= 0x20 || b >= 0x7F || QByteArrayView("()<>@,;:\\\"[]?=").contains(c))
            return false;
    }
    return true;
}

QByteArray addressField(QByteArrayView name, const AddressList& list)
{
    HeaderWriter writer(name);
    for (qsizetype i = 0; i < list.size(); ++i)
        writer.addAddress(list[i], i + 1 < list.size());
    return writer.result() + "\r\n";
}

QByteArray idsField(QByteArrayView name, const QStringList& ids)
{
    HeaderWriter writer(name);
    for (const QString& id : ids)
        writer.addToken(" ", MessageIds::bracketed(id));
    return writer.result() + "\r\n";
}

// "Name: value; p1=...; p2=..." folded with each parameter on its own line if needed.
QByteArray parameterField(QByteArrayView name, QByteArrayView value,
                          const QList<std::pair<QByteArray, QString>>& parameters)
{
    HeaderWriter writer(name);
    writer.addToken({}, value);
    for (const auto& [parameter, text] : parameters) {
        for (const QByteArray& piece : ParameterList::encode(parameter, text)) {
            writer.addToken({}, ";");
            writer.addToken(" ", piece);
        }
    }
    return writer.result() + "\r\n";
}

Part textPart(QByteArrayView subtype, const QString& text)
{
    Part part;
    part.headers = "Content-Type: text/" + subtype.toByteArray() +
                   "; charset=UTF-8\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n";
    part.body = TransferEncoding::encodeQuotedPrintable(text.toUtf8());
    return part;
}

Part multipart(QByteArrayView subtype, const QList<Part>& parts)
{
    // "=_" cannot occur in quoted-printable or base64 output (RFC 2045 §6.7), so this
    // boundary can never appear inside the parts it separates.
    const QByteArray boundary = "=_threadline_" + randomHex(4);
    Part out;
    out.headers = "Content-Type: multipart/" + subtype.toByteArray() + ";\r\n boundary=\"" +
                  boundary + "\"\r\n";
    for (const Part& part : parts) {
        out.body += "--" + boundary + "\r\n";
        out.body += part.headers;
        out.body += "\r\n";
        out.body += part.body;
        if (!out.body.endsWith("\r\n"))
            out.body += "\r\n";
    }
    out.body += "--" + boundary + "--\r\n";
    return out;
}

Part attachmentPart(const OutgoingAttachment& attachment)
{
    QByteArray type = attachment.mimeType.trimmed().toLower();
    if (!isMimeType(type))
        type = "application/octet-stream";
    QString fileName = attachment.fileName;
    for (QChar& c : fileName) {
        if (c.unicode() < 0x20 || c == u'/' || c == u'\\')
            c = u'_';
    }
    Part part;
    if (fileName.isEmpty()) {
        part.headers = "Content-Type: " + type + "\r\nContent-Disposition: attachment\r\n";
    } else {
        // "name" on Content-Type too, for readers that ignore Content-Disposition.
        part.headers = parameterField("Content-Type", type, {{"name", fileName}});
        part.headers +=
            parameterField("Content-Disposition", "attachment", {{"filename", fileName}});
    }
    part.headers += "Content-Transfer-Encoding: base64\r\n";
    part.body = TransferEncoding::encodeBase64Lines(attachment.data);
    return part;
}

} // namespace

void MessageBuilder::setReplyParent(const QString& parentMessageId,
                                    const QStringList& parentReferences,
                                    const QStringList& parentInReplyTo)
{
    QStringList references = parentReferences;
    if (references.isEmpty() && parentInReplyTo.size() == 1)
        references = parentInReplyTo;
    if (!parentMessageId.isEmpty()) {
        references.removeAll(parentMessageId);
        references.append(parentMessageId);
        m_inReplyTo = {parentMessageId};
    } else {
        m_inReplyTo.clear();
    }
    m_references = references;
}

void MessageBuilder::addHeader(const QByteArray& name, const QString& value)
{
    if (isFieldName(name))
        m_extraHeaders.append({name, value});
}

AddressList MessageBuilder::envelopeRecipients() const
{
    AddressList out;
    QSet<QString> seen;
    for (const AddressList* list : {&m_to, &m_cc, &m_bcc}) {
        for (const Address& address : *list) {
            if (address.email.isEmpty() || seen.contains(address.normalized()))
                continue;
            seen.insert(address.normalized());
            out.append(address);
        }
    }
    return out;
}

QString MessageBuilder::generateMessageId(const QString& domain)
{
    QString host = domain.trimmed();
    if (!host.isEmpty())
        host = QString::fromLatin1(HeaderWriter::encodeAddrSpec(QString(u"x@"_s + host)).sliced(2));
    if (host.isEmpty() || host.contains(u'>') || host.contains(u' '))
        host = u"threadline.invalid"_s;
    return QString::fromLatin1(randomHex(4)) + u'@' + host;
}

QByteArray MessageBuilder::build()
{
    if (!m_date.isValid())
        m_date = QDateTime::currentDateTime();
    if (m_messageId.isEmpty()) {
        const qsizetype at = m_from.email.lastIndexOf(u'@');
        m_messageId = generateMessageId(at < 0 ? QString() : m_from.email.sliced(at + 1));
    }

    QByteArray out;
    out.reserve(2048 + m_text.size() * 2 + m_html.size() * 2);
    out += "Date: " + MessageDate::format(m_date) + "\r\n";
    out += addressField("From", {m_from});
    if (!m_replyTo.isEmpty())
        out += addressField("Reply-To", m_replyTo);
    if (!m_to.isEmpty())
        out += addressField("To", m_to);
    if (!m_cc.isEmpty())
        out += addressField("Cc", m_cc);
    if (m_writeBcc && !m_bcc.isEmpty())
        out += addressField("Bcc", m_bcc);
    out += EncodedWords::encodeHeader("Subject", m_subject) + "\r\n";
    out += "Message-ID: " + MessageIds::bracketed(m_messageId) + "\r\n";
    if (!m_inReplyTo.isEmpty())
        out += idsField("In-Reply-To", m_inReplyTo);
    if (!m_references.isEmpty())
        out += idsField("References", m_references);
    for (const auto& [name, value] : std::as_const(m_extraHeaders))
        out += EncodedWords::encodeHeader(name, value) + "\r\n";
    out += "MIME-Version: 1.0\r\n";

    Part content = textPart("plain", m_text);
    if (!m_html.isEmpty())
        content = multipart("alternative", {content, textPart("html", m_html)});
    if (!m_attachments.isEmpty()) {
        QList<Part> parts{content};
        for (const OutgoingAttachment& attachment : std::as_const(m_attachments))
            parts.append(attachmentPart(attachment));
        content = multipart("mixed", parts);
    }
    out += content.headers;
    out += "\r\n";
    out += content.body;
    if (!out.endsWith("\r\n"))
        out += "\r\n";
    return out;
}

} // namespace threadline::mime
