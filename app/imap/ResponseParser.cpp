#include "imap/ResponseParser.h"

#include "imap/InternalDate.h"
#include "imap/ModifiedUtf7.h"
#include "imap/Tokenizer.h"

namespace threadline::imap {

namespace {

char upperAscii(char c)
{
    return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
}

// Case-insensitive comparison with an upper-case keyword.
bool is(QByteArrayView token, QByteArrayView upperKeyword)
{
    if (token.size() != upperKeyword.size()) {
        return false;
    }
    for (qsizetype i = 0; i < token.size(); ++i) {
        if (upperAscii(token[i]) != upperKeyword[i]) {
            return false;
        }
    }
    return true;
}

QByteArray upper(QByteArrayView token)
{
    QByteArray out(token.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < token.size(); ++i) {
        out[i] = upperAscii(token[i]);
    }
    return out;
}

QByteArray lower(QByteArray value)
{
    // toLower() keeps a null array null, so NIL stays distinguishable.
    return std::move(value).toLower();
}

// System flags come back in every FETCH of a resync: share one static copy of each instead
// of allocating (and normalise their case, RFC 3501 §2.3.2 makes them case-insensitive).
QByteArray flagValue(QByteArrayView flag)
{
    static const QByteArray known[] = {
        QByteArrayLiteral("\\Seen"),    QByteArrayLiteral("\\Answered"),
        QByteArrayLiteral("\\Flagged"), QByteArrayLiteral("\\Deleted"),
        QByteArrayLiteral("\\Draft"),   QByteArrayLiteral("\\Recent"),
        QByteArrayLiteral("\\*"),
    };
    if (flag.size() >= 2 && flag[0] == '\\') {
        for (const QByteArray& k : known) {
            if (k.size() == flag.size() && k.compare(flag, Qt::CaseInsensitive) == 0) {
                return k;
            }
        }
    }
    return flag.toByteArray();
}

ResponseCode::Kind codeKind(QByteArrayView name)
{
    using K = ResponseCode::Kind;
    static const struct
    {
        const char* name;
        K kind;
    } table[] = {
        {"ALERT", K::Alert},
        {"BADCHARSET", K::BadCharset},
        {"CAPABILITY", K::Capability},
        {"PARSE", K::Parse},
        {"PERMANENTFLAGS", K::PermanentFlags},
        {"READ-ONLY", K::ReadOnly},
        {"READ-WRITE", K::ReadWrite},
        {"TRYCREATE", K::TryCreate},
        {"UIDNEXT", K::UidNext},
        {"UIDVALIDITY", K::UidValidity},
        {"UNSEEN", K::Unseen},
        {"HIGHESTMODSEQ", K::HighestModSeq},
        {"NOMODSEQ", K::NoModSeq},
        {"MODIFIED", K::Modified},
        {"APPENDUID", K::AppendUid},
        {"COPYUID", K::CopyUid},
        {"UIDNOTSTICKY", K::UidNotSticky},
        {"CLOSED", K::Closed},
        {"UNAVAILABLE", K::Unavailable},
        {"AUTHENTICATIONFAILED", K::AuthenticationFailed},
        {"AUTHORIZATIONFAILED", K::AuthorizationFailed},
        {"EXPIRED", K::Expired},
        {"PRIVACYREQUIRED", K::PrivacyRequired},
        {"CONTACTADMIN", K::ContactAdmin},
        {"NOPERM", K::NoPerm},
        {"INUSE", K::InUse},
        {"EXPUNGEISSUED", K::ExpungeIssued},
        {"CORRUPTION", K::Corruption},
        {"SERVERBUG", K::ServerBug},
        {"CLIENTBUG", K::ClientBug},
        {"CANNOT", K::CanNot},
        {"LIMIT", K::Limit},
        {"OVERQUOTA", K::OverQuota},
        {"ALREADYEXISTS", K::AlreadyExists},
        {"NONEXISTENT", K::NonExistent},
    };
    for (const auto& entry : table) {
        if (is(name, QByteArrayView(entry.name))) {
            return entry.kind;
        }
    }
    return K::Other;
}

QString mailboxName(const QByteArray& encoded)
{
    // RFC 3501 §5.1: INBOX is case-insensitive.
    if (is(encoded, "INBOX")) {
        return QStringLiteral("INBOX");
    }
    return ModifiedUtf7::decode(encoded);
}

class Parser
{
public:
    Parser(QByteArrayView data, const Limits& limits)
        : m_data(data)
        , t(data, limits)
    {}

    Response response();

    const QByteArrayView m_data;
    Tokenizer t;

private:
    Response untagged();
    Response tagged();
    StatusResponse statusTail(QByteArray tag, StatusResponse::Status status);
    ResponseCode responseCode();
    QList<QByteArray> flagList();
    QList<QByteArray> upperAtomsToLineEnd();
    ListResponse list(ListResponse::Kind kind);
    MailboxStatusResponse mailboxStatus();
    SearchResponse search();
    EsearchResponse esearch();
    VanishedResponse vanished();
    UnknownResponse unknown(std::optional<quint32> number, QByteArrayView name);
    FetchResponse fetch(quint32 sequenceNumber);
    void fetchItem(FetchResponse& fetch);
    FetchSection section(bool binary);
    void skipSection();
    Envelope envelope();
    QList<Address> addressList();
    BodyPart body();
    BodyPart::Parameters bodyParameters();
    void bodyExtensions(BodyPart& part);
    // Skips spaces; true if another item follows before ')' or the line end.
    bool more();
};

Response Parser::response()
{
    if (t.consume('*')) {
        t.expectSpace();
        return untagged();
    }
    if (t.consume('+')) {
        // RFC 3501 §7.5 wants "+ " but "+" alone before CRLF is common.
        t.consume(' ');
        ContinuationRequest continuation{t.restOfLine().toByteArray()};
        t.expectLineEnd();
        return continuation;
    }
    return tagged();
}

Response Parser::tagged()
{
    // tag = 1*<any ASTRING-CHAR except "+">
    const qsizetype start = t.position();
    while (!t.atEnd()) {
        const char c = t.peek();
        if (c == '+' || !(Tokenizer::isAtomChar(c) || c == ']')) {
            break;
        }
        t.consume(c);
    }
    if (t.position() == start) {
        t.fail(ParseError::Code::Malformed, "expected '*', '+' or a tag");
        return StatusResponse{};
    }
    QByteArray tag = m_data.sliced(start, t.position() - start).toByteArray();
    t.expectSpace();
    const QByteArrayView word = t.atom();
    if (is(word, "OK")) {
        return statusTail(std::move(tag), StatusResponse::Status::Ok);
    }
    if (is(word, "NO")) {
        return statusTail(std::move(tag), StatusResponse::Status::No);
    }
    if (is(word, "BAD")) {
        return statusTail(std::move(tag), StatusResponse::Status::Bad);
    }
    t.fail(ParseError::Code::Malformed, "expected OK, NO or BAD after the tag");
    return StatusResponse{};
}

Response Parser::untagged()
{
    if (t.peek() >= '0' && t.peek() <= '9') {
        const quint32 number = t.number();
        t.expectSpace();
        const QByteArrayView word = t.atom();
        if (is(word, "FETCH")) {
            t.expectSpace();
            return fetch(number);
        }
        if (is(word, "EXISTS")) {
            t.expectLineEnd();
            return ExistsResponse{number};
        }
        if (is(word, "RECENT")) {
            t.expectLineEnd();
            return RecentResponse{number};
        }
        if (is(word, "EXPUNGE")) {
            t.expectLineEnd();
            return ExpungeResponse{number};
        }
        return unknown(number, word);
    }

    const QByteArrayView word = t.atom();
    if (!t.ok()) {
        return StatusResponse{};
    }
    if (is(word, "OK")) {
        return statusTail({}, StatusResponse::Status::Ok);
    }
    if (is(word, "NO")) {
        return statusTail({}, StatusResponse::Status::No);
    }
    if (is(word, "BAD")) {
        return statusTail({}, StatusResponse::Status::Bad);
    }
    if (is(word, "PREAUTH")) {
        return statusTail({}, StatusResponse::Status::PreAuth);
    }
    if (is(word, "BYE")) {
        return statusTail({}, StatusResponse::Status::Bye);
    }
    if (is(word, "CAPABILITY")) {
        return CapabilityResponse{upperAtomsToLineEnd()};
    }
    if (is(word, "ENABLED")) {
        return EnabledResponse{upperAtomsToLineEnd()};
    }
    if (is(word, "LIST") || is(word, "XLIST")) {
        return list(ListResponse::Kind::List);
    }
    if (is(word, "LSUB")) {
        return list(ListResponse::Kind::Lsub);
    }
    if (is(word, "STATUS")) {
        return mailboxStatus();
    }
    if (is(word, "FLAGS")) {
        t.expectSpace();
        FlagsResponse flags{flagList()};
        t.expectLineEnd();
        return flags;
    }
    if (is(word, "SEARCH")) {
        return search();
    }
    if (is(word, "ESEARCH")) {
        return esearch();
    }
    if (is(word, "VANISHED")) {
        return vanished();
    }
    return unknown(std::nullopt, word);
}

UnknownResponse Parser::unknown(std::optional<quint32> number, QByteArrayView name)
{
    UnknownResponse response{number, upper(name), {}};
    // Everything up to the final line end, literals included.
    qsizetype end = m_data.size();
    if (end > 0 && m_data[end - 1] == '\n') {
        --end;
        if (end > 0 && m_data[end - 1] == '\r') {
            --end;
        }
    }
    qsizetype start = t.position();
    if (start < end && m_data[start] == ' ') {
        ++start;
    }
    if (start < end) {
        response.data = m_data.sliced(start, end - start).toByteArray();
    }
    return response;
}

StatusResponse Parser::statusTail(QByteArray tag, StatusResponse::Status status)
{
    StatusResponse response;
    response.tag = std::move(tag);
    response.status = status;
    // resp-text = ["[" resp-text-code "]" SP] text; servers often omit the text.
    if (!t.atLineEnd()) {
        t.expectSpace();
        if (t.peek() == '[') {
            response.code = responseCode();
            t.skipSpaces();
        }
        response.text = QString::fromUtf8(t.restOfLine());
    }
    t.expectLineEnd();
    return response;
}

ResponseCode Parser::responseCode()
{
    using K = ResponseCode::Kind;
    ResponseCode code;
    t.expect('[');
    // resp-text-code = atom [SP 1*<any TEXT-CHAR except "]">]; ']' ends an atom.
    const QByteArrayView name = t.atom();
    if (!t.ok()) {
        return code;
    }
    code.name = upper(name);
    code.kind = codeKind(name);
    switch (code.kind) {
    case K::UidNext:
    case K::UidValidity:
    case K::Unseen:
        t.expectSpace();
        code.number = t.number();
        break;
    case K::HighestModSeq:
        t.expectSpace();
        code.number = t.number64();
        break;
    case K::Capability:
        while (t.ok()) {
            t.skipSpaces();
            if (t.peek() == ']' || t.atLineEnd()) {
                break;
            }
            code.atoms.append(upper(t.atom()));
        }
        break;
    case K::PermanentFlags:
        t.expectSpace();
        code.atoms = flagList();
        break;
    case K::BadCharset:
        if (t.skipSpaces() && t.peek() == '(') {
            t.enterList();
            while (t.ok()) {
                t.skipSpaces();
                if (t.peek() == ')') {
                    break;
                }
                code.atoms.append(t.astring());
            }
            t.leaveList();
        }
        break;
    case K::AppendUid:
        // RFC 4315 §4: "APPENDUID" SP nz-number SP append-uid (a uid-set with MULTIAPPEND).
        t.expectSpace();
        code.number = t.number();
        t.expectSpace();
        code.uids = t.sequenceSet();
        break;
    case K::CopyUid:
        t.expectSpace();
        code.number = t.number();
        t.expectSpace();
        code.uids = t.sequenceSet();
        t.expectSpace();
        code.destinationUids = t.sequenceSet();
        break;
    case K::Modified:
        t.expectSpace();
        code.uids = t.sequenceSet();
        break;
    default:
        // Codes without arguments, and unknown ones: keep whatever text precedes ']'.
        if (t.skipSpaces()) {
            code.text = t.readUntil(']').toByteArray();
        }
        break;
    }
    t.skipSpaces();
    t.expect(']');
    return code;
}

QList<QByteArray> Parser::flagList()
{
    QList<QByteArray> flags;
    t.enterList();
    while (t.ok()) {
        t.skipSpaces();
        if (t.peek() == ')') {
            break;
        }
        flags.append(flagValue(t.flag()));
    }
    t.leaveList();
    return flags;
}

QList<QByteArray> Parser::upperAtomsToLineEnd()
{
    QList<QByteArray> atoms;
    while (t.ok()) {
        t.skipSpaces();
        if (t.atLineEnd()) {
            break;
        }
        atoms.append(upper(t.atom()));
    }
    t.expectLineEnd();
    return atoms;
}

ListResponse Parser::list(ListResponse::Kind kind)
{
    // mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
    //                [SP mbox-list-extended]   (RFC 5258 §9)
    ListResponse response;
    response.kind = kind;
    t.expectSpace();
    response.attributes = flagList();
    t.expectSpace();
    if (!t.consumeNil()) {
        const QByteArray delimiter = t.string();
        if (!delimiter.isEmpty()) {
            response.delimiter = QLatin1Char(delimiter[0]);
        }
    }
    t.expectSpace();
    response.encodedName = t.astring();
    if (t.ok()) {
        response.name = mailboxName(response.encodedName);
    }
    if (t.skipSpaces() && t.peek() == '(') {
        t.skipValue(); // CHILDINFO, OLDNAME: not used
    }
    t.expectLineEnd();
    return response;
}

MailboxStatusResponse Parser::mailboxStatus()
{
    MailboxStatusResponse response;
    t.expectSpace();
    response.encodedName = t.astring();
    if (t.ok()) {
        response.name = mailboxName(response.encodedName);
    }
    t.expectSpace();
    t.enterList();
    while (t.ok()) {
        t.skipSpaces();
        if (t.peek() == ')') {
            break;
        }
        const QByteArrayView item = t.name();
        t.expectSpace();
        if (is(item, "MESSAGES")) {
            response.messages = t.number();
        } else if (is(item, "RECENT")) {
            response.recent = t.number();
        } else if (is(item, "UIDNEXT")) {
            response.uidNext = t.number();
        } else if (is(item, "UIDVALIDITY")) {
            response.uidValidity = t.number();
        } else if (is(item, "UNSEEN")) {
            response.unseen = t.number();
        } else if (is(item, "HIGHESTMODSEQ")) {
            response.highestModSeq = t.number64();
        } else if (is(item, "SIZE")) {
            response.size = t.number64();
        } else {
            t.skipValue();
        }
    }
    t.leaveList();
    t.expectLineEnd();
    return response;
}

SearchResponse Parser::search()
{
    // mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]
    SearchResponse response;
    while (t.ok()) {
        t.skipSpaces();
        if (t.atLineEnd()) {
            break;
        }
        if (t.peek() == '(') {
            t.enterList();
            if (!t.consumeKeyword("MODSEQ")) {
                t.fail(ParseError::Code::Malformed, "expected MODSEQ");
            }
            t.expectSpace();
            response.modSeq = t.number64();
            t.leaveList();
        } else {
            response.numbers.append(t.number());
        }
    }
    t.expectLineEnd();
    return response;
}

EsearchResponse Parser::esearch()
{
    // esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)
    EsearchResponse response;
    t.skipSpaces();
    if (t.peek() == '(') {
        t.enterList();
        t.skipSpaces();
        if (t.consumeKeyword("TAG")) {
            t.expectSpace();
            response.tag = t.string();
        }
        while (t.ok()) {
            t.skipSpaces();
            if (t.peek() == ')') {
                break;
            }
            t.skipValue();
        }
        t.leaveList();
    }
    while (t.ok()) {
        t.skipSpaces();
        if (t.atLineEnd()) {
            break;
        }
        const QByteArrayView item = t.name();
        if (is(item, "UID")) {
            response.uid = true;
            continue;
        }
        t.expectSpace();
        if (is(item, "MIN")) {
            response.min = t.number();
        } else if (is(item, "MAX")) {
            response.max = t.number();
        } else if (is(item, "COUNT")) {
            response.count = t.number();
        } else if (is(item, "ALL")) {
            response.all = t.sequenceSet();
        } else if (is(item, "MODSEQ")) {
            response.modSeq = t.number64();
        } else {
            t.skipValue(); // PARTIAL (RFC 5267) and other extensions
        }
    }
    t.expectLineEnd();
    return response;
}

VanishedResponse Parser::vanished()
{
    VanishedResponse response;
    t.expectSpace();
    if (t.peek() == '(') {
        t.enterList();
        t.skipSpaces();
        if (!t.consumeKeyword("EARLIER")) {
            t.fail(ParseError::Code::Malformed, "expected EARLIER");
        }
        t.skipSpaces();
        t.leaveList();
        t.expectSpace();
        response.earlier = true;
    }
    response.uids = t.sequenceSet();
    t.expectLineEnd();
    return response;
}

FetchResponse Parser::fetch(quint32 sequenceNumber)
{
    FetchResponse response;
    response.sequenceNumber = sequenceNumber;
    t.enterList();
    while (t.ok()) {
        t.skipSpaces();
        if (t.peek() == ')') {
            break;
        }
        if (t.atLineEnd()) {
            t.fail(ParseError::Code::Malformed, "unterminated FETCH list");
            break;
        }
        fetchItem(response);
    }
    t.leaveList();
    t.expectLineEnd();
    return response;
}

void Parser::fetchItem(FetchResponse& fetch)
{
    const QByteArrayView item = t.name();
    if (!t.ok()) {
        return;
    }
    if (is(item, "UID")) {
        t.expectSpace();
        fetch.uid = t.number();
    } else if (is(item, "FLAGS")) {
        t.expectSpace();
        fetch.flags = flagList();
    } else if (is(item, "INTERNALDATE")) {
        t.expectSpace();
        const QByteArray date = t.nstring();
        fetch.internalDate = InternalDate::parse(date);
    } else if (is(item, "RFC822.SIZE")) {
        t.expectSpace();
        fetch.rfc822Size = t.number64();
    } else if (is(item, "MODSEQ")) {
        // RFC 7162 §3.1.4: "MODSEQ" SP "(" mod-sequence-value ")"
        t.expectSpace();
        t.enterList();
        t.skipSpaces();
        fetch.modSeq = t.number64();
        t.skipSpaces();
        t.leaveList();
    } else if (is(item, "ENVELOPE")) {
        t.expectSpace();
        fetch.envelope = envelope();
    } else if (is(item, "BODYSTRUCTURE")) {
        t.expectSpace();
        fetch.body = body();
    } else if (is(item, "BODY") && t.peek() != '[') {
        t.expectSpace();
        fetch.body = body();
    } else if ((is(item, "BODY") || is(item, "BINARY")) && t.peek() == '[') {
        fetch.sections.append(section(is(item, "BINARY")));
    } else if (is(item, "RFC822") || is(item, "RFC822.HEADER") || is(item, "RFC822.TEXT")) {
        // RFC 3501 §7.4.2: equivalent to BODY[], BODY[HEADER] and BODY[TEXT].
        FetchSection section;
        if (item.size() > 6) {
            section.text = upper(item.sliced(7));
        }
        t.expectSpace();
        section.data = t.nstring();
        fetch.sections.append(std::move(section));
    } else {
        // Items this client does not request (BINARY.SIZE, EMAILID, X-GM-*): skip the value.
        if (t.peek() == '[') {
            skipSection();
        }
        if (t.consume('<')) {
            t.number();
            t.expect('>');
        }
        t.expectSpace();
        t.skipValue();
    }
}

FetchSection Parser::section(bool binary)
{
    // section-spec = section-msgtext / (section-part ["." section-text]), RFC 3501 §9.
    FetchSection section;
    section.binary = binary;
    t.expect('[');
    const qsizetype partStart = t.position();
    qsizetype partEnd = partStart;
    while (t.ok() && t.peek() >= '0' && t.peek() <= '9') {
        t.number();
        partEnd = t.position();
        if (t.peek() == '.' && t.peekAt(1) >= '0' && t.peekAt(1) <= '9') {
            t.consume('.');
        } else {
            if (partEnd > partStart && t.peek() == '.') {
                t.consume('.');
            }
            break;
        }
    }
    if (!t.ok()) {
        return section;
    }
    section.part = m_data.sliced(partStart, partEnd - partStart).toByteArray();
    if (t.peek() != ']') {
        section.text = upper(t.name());
        if (section.text == "HEADER.FIELDS" || section.text == "HEADER.FIELDS.NOT") {
            t.expectSpace();
            t.enterList();
            while (t.ok()) {
                t.skipSpaces();
                if (t.peek() == ')') {
                    break;
                }
                section.headerFields.append(upper(t.astring()));
            }
            t.leaveList();
        }
    }
    t.expect(']');
    if (t.consume('<')) {
        section.origin = t.number();
        t.expect('>');
    }
    t.expectSpace();
    section.data = t.nstring();
    return section;
}

void Parser::skipSection()
{
    t.expect('[');
    while (t.ok() && t.peek() != ']') {
        if (t.atLineEnd()) {
            t.fail(ParseError::Code::Malformed, "unterminated section");
            return;
        }
        if (t.peek() == ' ') {
            t.skipSpaces();
        } else if (t.peek() == '(' || t.peek() == '"' || t.peek() == '{') {
            t.skipValue();
        } else {
            t.consume(t.peek());
        }
    }
    t.expect(']');
}

Envelope Parser::envelope()
{
    // envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP
    //            env-to SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"
    Envelope envelope;
    t.enterList();
    envelope.date = t.nstring();
    t.expectSpace();
    envelope.subject = t.nstring();
    t.expectSpace();
    envelope.from = addressList();
    t.expectSpace();
    envelope.sender = addressList();
    t.expectSpace();
    envelope.replyTo = addressList();
    t.expectSpace();
    envelope.to = addressList();
    t.expectSpace();
    envelope.cc = addressList();
    t.expectSpace();
    envelope.bcc = addressList();
    t.expectSpace();
    envelope.inReplyTo = t.nstring();
    t.expectSpace();
    envelope.messageId = t.nstring();
    t.skipSpaces();
    t.leaveList();
    return envelope;
}

QList<Address> Parser::addressList()
{
    QList<Address> addresses;
    if (t.consumeNil()) {
        return addresses;
    }
    t.enterList();
    while (t.ok()) {
        t.skipSpaces();
        if (t.peek() == ')') {
            break;
        }
        Address address;
        t.enterList();
        address.name = t.nstring();
        t.expectSpace();
        address.adl = t.nstring();
        t.expectSpace();
        address.mailbox = t.nstring();
        t.expectSpace();
        address.host = t.nstring();
        t.skipSpaces();
        t.leaveList();
        addresses.append(std::move(address));
    }
    t.leaveList();
    return addresses;
}

bool Parser::more()
{
    t.skipSpaces();
    return t.ok() && t.peek() != ')' && !t.atLineEnd();
}

BodyPart Parser::body()
{
    // body = "(" (body-type-1part / body-type-mpart) ")", RFC 3501 §9.
    BodyPart part;
    t.enterList();
    t.skipSpaces();
    if (t.peek() == '(') {
        // body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]
        part.type = QByteArrayLiteral("multipart");
        while (t.ok() && t.peek() == '(') {
            part.children.push_back(body());
            t.skipSpaces();
        }
        part.subtype = lower(t.nstring());
        if (more()) {
            part.parameters = bodyParameters();
            bodyExtensions(part);
        }
    } else {
        part.type = lower(t.nstring());
        t.expectSpace();
        part.subtype = lower(t.nstring());
        t.expectSpace();
        part.parameters = bodyParameters();
        t.expectSpace();
        part.id = t.nstring();
        t.expectSpace();
        part.description = t.nstring();
        t.expectSpace();
        part.encoding = lower(t.nstring());
        t.expectSpace();
        part.size = t.number64();
        const bool message =
            part.type == "message" && (part.subtype == "rfc822" || part.subtype == "global");
        if (more()) {
            if (message && t.peek() == '(') {
                // body-type-msg: ... SP envelope SP body SP body-fld-lines
                part.envelope = envelope();
                t.expectSpace();
                part.children.push_back(body());
                t.expectSpace();
                part.lines = t.number64();
            } else if (part.type == "text" && t.peek() >= '0' && t.peek() <= '9') {
                part.lines = t.number64();
            }
        }
        // body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang ...]]
        if (more()) {
            part.md5 = t.nstring();
            bodyExtensions(part);
        }
    }
    t.skipSpaces();
    t.leaveList();
    return part;
}

BodyPart::Parameters Parser::bodyParameters()
{
    BodyPart::Parameters parameters;
    if (t.consumeNil()) {
        return parameters;
    }
    t.enterList();
    while (t.ok()) {
        t.skipSpaces();
        if (t.peek() == ')') {
            break;
        }
        QByteArray name = lower(t.string());
        t.expectSpace();
        QByteArray value = t.nstring();
        parameters.append({std::move(name), std::move(value)});
    }
    t.leaveList();
    return parameters;
}

void Parser::bodyExtensions(BodyPart& part)
{
    // [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]
    if (!more()) {
        return;
    }
    if (t.peek() == '(') {
        t.enterList();
        part.disposition = t.string();
        t.expectSpace();
        part.dispositionParameters = bodyParameters();
        t.skipSpaces();
        t.leaveList();
    } else if (!t.consumeNil()) {
        part.disposition = t.string(); // seen from broken servers: a bare string
    }
    if (!more()) {
        return;
    }
    if (t.peek() == '(') {
        t.enterList();
        while (t.ok()) {
            t.skipSpaces();
            if (t.peek() == ')') {
                break;
            }
            part.language.append(t.string());
        }
        t.leaveList();
    } else if (QByteArray language = t.nstring(); !language.isNull()) {
        part.language.append(std::move(language));
    }
    if (!more()) {
        return;
    }
    part.location = t.nstring();
    while (more()) {
        t.skipValue();
    }
}

bool startsWith(QByteArrayView data, QByteArrayView prefix)
{
    return data.size() >= prefix.size() && data.first(prefix.size()) == prefix;
}

bool isPop3Greeting(QByteArrayView data)
{
    return startsWith(data, "+OK") || startsWith(data, "-ERR");
}

bool isSmtpGreeting(QByteArrayView data)
{
    // RFC 5321 §4.2: "220" SP or "220-" (multi-line); also a bare "220" line.
    return startsWith(data, "220 ") || startsWith(data, "220-") || startsWith(data, "220\r") ||
           startsWith(data, "220\n");
}

ParseError greetingError(QByteArrayView data)
{
    if (isPop3Greeting(data)) {
        return {ParseError::Code::Pop3Greeting,
                QStringLiteral("the server sent a POP3 greeting, not an IMAP one"), 0};
    }
    return {ParseError::Code::SmtpGreeting,
            QStringLiteral("the server sent an SMTP greeting, not an IMAP one"), 0};
}

} // namespace

Result<Response> ResponseParser::parse(QByteArrayView response, const Limits& limits)
{
    // "+OK" is never IMAP (a continuation needs "+ "): a POP3 server answered.
    if (isPop3Greeting(response)) {
        return greetingError(response);
    }
    Parser parser(response, limits);
    Response parsed = parser.response();
    if (!parser.t.ok()) {
        // "220 host ESMTP" could only be a tagged response with tag "220" if it went on with
        // OK/NO/BAD; it did not, so it is an SMTP server.
        if (isSmtpGreeting(response)) {
            return greetingError(response);
        }
        return parser.t.error();
    }
    return parsed;
}

Result<StatusResponse> ResponseParser::parseGreeting(QByteArrayView response, const Limits& limits)
{
    if (isPop3Greeting(response) || isSmtpGreeting(response)) {
        return greetingError(response);
    }
    Result<Response> parsed = parse(response, limits);
    if (!parsed) {
        return parsed.error();
    }
    if (const auto* status = std::get_if<StatusResponse>(&*parsed)) {
        using S = StatusResponse::Status;
        if (!status->isTagged() &&
            (status->status == S::Ok || status->status == S::PreAuth || status->status == S::Bye)) {
            return *status;
        }
    }
    return ParseError{ParseError::Code::NotAGreeting,
                      QStringLiteral("the first response is not OK, PREAUTH or BYE"), 0};
}

} // namespace threadline::imap
