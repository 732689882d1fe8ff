#!/usr/bin/python3
"""Deterministic sample-mail generator for Threadline's tests, demo and benchmarks.

Writes N messages into a Maildir++ (INBOX = DIR, Sent = DIR/.Sent, Projects = DIR/.Projects):
conversations between the user and sample leads/contacts of sample companies (English, French,
German, Spanish, Japanese), plus the awkward cases a sync engine must survive. Optionally writes
the matching CRM cards (the `threadline import` JSON format) and a manifest with the expected
truth for every message. Standard library only (Debian's /usr/bin/python3).

Determinism: the same arguments give byte-identical files, names, mtimes, cards and manifest.
Nothing depends on the wall clock, the host or the process: ids, boundaries and dates derive
from --seed and --now.

    mailgen.py --seed 1 --count 400 --user sam@example.test --user-name "Sam Seller" \
               --maildir DIR [--cards CARDS.json] [--manifest MANIFEST.json] [--days 365] \
               [--now 2026-11-01T12:00:00Z]

UID order: Dovecot gives new Maildir files UIDs sorted by the file name's leading timestamp,
then its M<n> field, then the base name (maildir_filename_sort_cmp). Files are named
`<secs>.M<index>P<seedtag>.mailgen,S=<size>,W=<vsize>:2,<flags>` so that order is the order
they are written in; the manifest's `uid` is the UID a fresh folder gets on its first scan.
INTERNALDATE is the file's mtime, set from the Date header.

The manifest and the special cases are described in tests/support/mailgen/README.md.
"""

import argparse
import base64
import binascii
import calendar
import codecs
import hashlib
import html
import json
import os
import random
import struct
import sys
import time
import unicodedata
import zlib
from datetime import datetime, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
WORLD_FILE = os.path.join(HERE, "mailgen", "world.json")

DEFAULT_NOW = "2026-11-01T12:00:00Z"
BLOCK = 400  # every block of this many files holds one copy of every special case
RECIPIENT_LIMIT = 100  # DESIGN.md sync rule 3

# name used in headers, Python codec
CHARSETS = {
    "us-ascii": ("us-ascii", "ascii"),
    "utf-8": ("UTF-8", "utf-8"),
    "iso-8859-1": ("ISO-8859-1", "latin-1"),
    "windows-1252": ("windows-1252", "cp1252"),
    "iso-8859-15": ("ISO-8859-15", "iso8859-15"),
    "iso-2022-jp": ("ISO-2022-JP", "iso2022_jp"),
}

# What a legacy-charset mail client does with characters its charset lacks.
TRANSLIT = {
    "\u2019": "'",
    "\u2018": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "-",
    "\u2026": "...",
    "\u20ac": "EUR",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u202f": " ",
    "\u00ff": "y",
}

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# RFC 2047 §5 (3): characters allowed unencoded in a Q-encoded word in a phrase.
_Q_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")
_Q_TABLE = ["_" if b == 0x20 else chr(b) if b in _Q_SAFE else "=%02X" % b for b in range(256)]
# RFC 5322 §3.2.3 specials: a display name containing one must be quoted.
_SPECIALS = set('()<>[]:;@\\,."')
# RFC 2231 §7 attribute-char: what may stay unescaped in an extended parameter value.
_ATTR_SAFE = set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$&+-.^_`|~")


# ---------------------------------------------------------------------------------------------
# Encoding helpers


def _translit(exc):
    if isinstance(exc, UnicodeEncodeError):
        out = []
        for ch in exc.object[exc.start : exc.end]:
            rep = TRANSLIT.get(ch)
            if rep is None:
                raise exc
            out.append(rep)
        return "".join(out), exc.end
    raise exc


codecs.register_error("mailgen-translit", _translit)


def encode_fitted(text, charset):
    """Encode text the way a client set to `charset` would: characters the charset lacks are
    transliterated; when that is not enough the client falls back to UTF-8.
    Returns (bytes, charset)."""
    try:
        return text.encode(CHARSETS[charset][1], "mailgen-translit"), charset
    except UnicodeEncodeError:
        return text.encode("utf-8"), "utf-8"


_fit_cache = {}


def fit_text(text, charset):
    """(text as the client sends it, charset); see encode_fitted."""
    key = (text, charset)
    hit = _fit_cache.get(key)
    if hit is None:
        raw, cs = encode_fitted(text, charset)
        hit = (raw.decode(CHARSETS[cs][1]), cs)
        if len(_fit_cache) < 50000:
            _fit_cache[key] = hit
    return hit


def is_ascii(text):
    return text.isascii()


_word_cache = {}


def encoded_words(text, charset, mode):
    """RFC 2047 encoded-words (each at most 75 characters, §2) for text. Characters are never
    split across words (§5), and ISO-2022-JP words each end in ASCII (RFC 1468)."""
    key = (text, charset, mode)
    hit = _word_cache.get(key)
    if hit is not None:
        return hit
    label, codec = CHARSETS[charset]
    prefix = "=?%s?%s?" % (label, mode)
    room = 75 - len(prefix) - 2

    def enc(chunk):
        raw = chunk.encode(codec)
        if mode == "B":
            return base64.b64encode(raw).decode("ascii")
        return "".join([_Q_TABLE[b] for b in raw])

    words = []
    if codec == "iso2022_jp":  # escape sequences depend on the whole chunk
        cur = ""
        for ch in text:
            cand = cur + ch
            if cur and len(enc(cand)) > room:
                words.append(prefix + enc(cur) + "?=")
                cur = ch
            else:
                cur = cand
        if cur:
            words.append(prefix + enc(cur) + "?=")
    else:
        cur = []
        used = 0  # bytes so far (B) or encoded characters so far (Q)
        for ch in text:
            raw = ch.encode(codec)
            n = len(raw) if mode == "B" else sum(len(_Q_TABLE[b]) for b in raw)
            total = used + n
            if cur and (4 * ((total + 2) // 3) if mode == "B" else total) > room:
                words.append(prefix + enc("".join(cur)) + "?=")
                cur = [ch]
                used = n
            else:
                cur.append(ch)
                used = total
        if cur:
            words.append(prefix + enc("".join(cur)) + "?=")
    if len(_word_cache) < 50000:
        _word_cache[key] = words
    return words


def unstructured_tokens(text, charset, mode, whole):
    """Tokens for an unstructured header (Subject). ASCII text stays as it is; otherwise either
    the whole value is encoded or only the runs of words holding non-ASCII characters."""
    if is_ascii(text):
        return text.split(" ")
    if whole:
        return encoded_words(text, charset, mode)
    tokens = []
    run = []
    for word in text.split(" "):
        if is_ascii(word):
            if run:
                tokens.extend(encoded_words(" ".join(run), charset, mode))
                run = []
            tokens.append(word)
        else:
            run.append(word)
    if run:
        tokens.extend(encoded_words(" ".join(run), charset, mode))
    # Whitespace between an encoded word and plain text is kept (RFC 2047 §6.2), so a plain
    # word between two runs needs no special care; adjacent runs cannot occur.
    return tokens


def fold(name, tokens):
    """One header field, folded at token boundaries so lines stay within 78 characters
    (RFC 5322 §2.1.1) where the tokens allow it."""
    line = name + ":"
    lines = []
    first = True
    for tok in tokens:
        if not first and len(line) + 1 + len(tok) > 78:
            lines.append(line)
            line = " " + tok
        else:
            line += " " + tok
        first = False
    lines.append(line)
    return "\n".join(lines)


_phrase_cache = {}


def phrase_tokens(name, charset, mode):
    """Tokens of a display name (RFC 5322 §3.4 phrase)."""
    key = (name, charset, mode)
    hit = _phrase_cache.get(key)
    if hit is not None:
        return hit
    if not name:
        hit = []
    elif is_ascii(name):
        if any(c in _SPECIALS for c in name):
            hit = ['"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"']
        else:
            hit = name.split(" ")
    else:
        text, cs = fit_text(name, charset)
        if text != name:  # a name is never transliterated: use UTF-8 instead
            cs = "utf-8"
        hit = encoded_words(name, cs, mode)
    if len(_phrase_cache) < 10000:
        _phrase_cache[key] = hit
    return hit


def address_list_tokens(addrs, charset, mode):
    tokens = []
    for i, (name, email) in enumerate(addrs):
        sep = "," if i + 1 < len(addrs) else ""
        words = phrase_tokens(name, charset, mode)
        if words:
            tokens.extend(words)
            tokens.append("<" + email + ">" + sep)
        else:
            tokens.append(email + sep)
    return tokens


def rfc2231_value(text, charset="utf-8"):
    codec = CHARSETS[charset][1]
    raw = text.encode(codec)
    return "".join(chr(b) if b in _ATTR_SAFE else "%%%02X" % b for b in raw)


def param(name, value, style, charset="utf-8"):
    """A MIME parameter (name/filename) in one of the styles mail clients use, as header
    tokens each preceded by "; " where needed."""
    out = _param(name, value, style, charset)
    return [p + ";" for p in out[:-1]] + out[-1:]


def _param(name, value, style, charset):
    if is_ascii(value):
        return ['%s="%s"' % (name, value)]
    if style == "rfc2047":  # not standard, but what many clients send
        return ['%s="%s"' % (name, " ".join(encoded_words(value, "utf-8", "B")))]
    label = CHARSETS[charset][0]
    enc = rfc2231_value(value, charset)
    if style == "continuation":  # RFC 2231 §3 and §4.1
        parts = [enc[i : i + 40] for i in range(0, len(enc), 40)]
        out = []
        for i, part in enumerate(parts):
            if i == 0:
                out.append("%s*0*=%s''%s" % (name, label, part))
            else:
                out.append("%s*%d*=%s" % (name, i, part))
        return out
    return ["%s*=%s''%s" % (name, label, enc)]


_escape_cache = {}


def escape_html(text):
    hit = _escape_cache.get(text)
    if hit is None:
        hit = html.escape(text)
        if len(_escape_cache) < 50000:
            _escape_cache[text] = hit
    return hit


_wrap_cache = {}


def wrap(text, width=72):
    """Greedy word wrap for plain-text bodies."""
    if len(text) <= width:
        return [text]
    hit = _wrap_cache.get(text)
    if hit is not None:
        return hit
    lines = []
    line = ""
    for word in text.split(" "):
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width:
            line += " " + word
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(_wrap_cache) < 50000:
        _wrap_cache[text] = lines
    return lines


def encode_body(text, charset, cte, label_placeholder=None):
    """Return (charset, cte, bytes) for a text part; bytes end with a newline."""
    raw, charset = encode_fitted(text, charset)
    if label_placeholder:
        raw = raw.replace(label_placeholder, CHARSETS[charset][0].encode("ascii"))
    if not raw.endswith(b"\n"):
        raw += b"\n"
    if charset == "iso-2022-jp":
        return charset, "7bit", raw
    if raw.isascii() and cte not in ("b64", "qp-forced"):
        return charset, "7bit", raw
    if cte == "b64":
        return charset, "base64", base64.encodebytes(raw)
    if cte == "8bit":
        return charset, "8bit", raw
    out = binascii.b2a_qp(raw, quotetabs=False, istext=True, header=False)
    if not out.endswith(b"\n"):
        out += b"\n"
    return charset, "quoted-printable", out


# ---------------------------------------------------------------------------------------------
# Time


_zone_cache = {}


def _last_sunday(year, month):
    last = calendar.monthrange(year, month)[1]
    wd = calendar.weekday(year, month, last)  # Monday = 0
    return last - (wd + 1) % 7


def _nth_sunday(year, month, n):
    wd = calendar.weekday(year, month, 1)
    first = 1 + (6 - wd) % 7
    return first + 7 * (n - 1)


def zone_offset(zone, ts):
    """UTC offset in minutes for a few zones with their daylight-saving rules."""
    if zone == "JP":
        return 540
    if zone == "UTC":
        return 0
    year = time.gmtime(ts).tm_year
    key = (zone, year)
    rule = _zone_cache.get(key)
    if rule is None:
        if zone in ("EU", "UK"):
            base = 60 if zone == "EU" else 0
            start = calendar.timegm((year, 3, _last_sunday(year, 3), 1, 0, 0))
            end = calendar.timegm((year, 10, _last_sunday(year, 10), 1, 0, 0))
        else:
            base = -300 if zone == "US-E" else -480
            start = calendar.timegm((year, 3, _nth_sunday(year, 3, 2), 2, 0, 0)) - base * 60
            end = calendar.timegm((year, 11, _nth_sunday(year, 11, 1), 2, 0, 0)) - (base + 60) * 60
        rule = (base, start, end)
        _zone_cache[key] = rule
    base, start, end = rule
    return base + 60 if start <= ts < end else base


def rfc5322_date(ts, offset):
    t = time.gmtime(ts + offset * 60)
    sign = "+" if offset >= 0 else "-"
    return "%s, %d %s %d %02d:%02d:%02d %s%02d%02d" % (
        WEEKDAYS[t.tm_wday],
        t.tm_mday,
        MONTHS[t.tm_mon - 1],
        t.tm_year,
        t.tm_hour,
        t.tm_min,
        t.tm_sec,
        sign,
        abs(offset) // 60,
        abs(offset) % 60,
    )


def iso_utc(ts):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def parse_now(text):
    dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return int(dt.timestamp())


# ---------------------------------------------------------------------------------------------
# Deterministic attachments


def make_pdf(title, lines, pad):
    """A small valid one-page PDF; `pad` deterministic bytes vary its size."""

    def esc(s):
        s = s.encode("latin-1", "replace").decode("latin-1")
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = ["BT /F1 16 Tf 72 780 Td (%s) Tj ET" % esc(title)]
    y = 750
    for line in lines:
        content.append("BT /F1 11 Tf 72 %d Td (%s) Tj ET" % (y, esc(line)))
        y -= 16
    stream = "\n".join(content).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(pad) + pad + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_png(width, height, r0, g0, b0):
    """A small valid RGB PNG (stored deflate blocks: identical bytes on every zlib)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((r0 + 7 * x) & 255, (g0 + 5 * y) & 255, (b0 + 3 * (x ^ y)) & 255))

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 0))
        + chunk(b"IEND", b"")
    )


# ---------------------------------------------------------------------------------------------
# The world: people, companies, texts


class Person:
    __slots__ = (
        "name",
        "email",
        "emails",
        "first",
        "lang",
        "zone",
        "charset",
        "hdr",
        "cte",
        "client",
        "company",
        "title",
        "phone",
        "card",
        "role",
        "domain",
    )

    def __init__(
        self,
        name,
        email,
        role,
        lang="en",
        zone="UTC",
        charset="utf-8",
        hdr="Q",
        cte="qp",
        client="other",
        company=None,
        title="",
        phone="",
        card=None,
        emails=None,
        first=None,
    ):
        self.name = name
        self.email = email
        self.emails = emails or [email]
        self.role = role
        self.lang = lang
        self.zone = zone
        self.charset = charset
        self.hdr = hdr
        self.cte = cte
        self.client = client
        self.company = company
        self.title = title
        self.phone = phone
        self.card = card
        self.domain = email.split("@", 1)[1]
        if first:
            self.first = first
        elif "," in name:
            self.first = name.split(",", 1)[1].strip()
        elif name:
            self.first = name.split(" ")[0]
        else:
            self.first = email.split("@")[0].split(".")[0].capitalize()


class World:
    def __init__(self, data, user_email, user_name):
        self.data = data
        self.texts = data["texts"]
        seller = data["seller"]
        local, domain = user_email.split("@", 1)
        self.user_domain = domain
        self.user = Person(
            user_name,
            user_email,
            "user",
            lang="en",
            zone="EU",
            charset="utf-8",
            hdr="Q",
            cte="8bit",
            client="thunderbird",
            title=seller["title"],
            phone=seller["phone"],
        )
        self.user.company = {"name": seller["company"], "domain": domain}
        self.dropbox = "%s+crm@%s" % (local, domain)
        self.other_account = Person(
            user_name,
            "%s@%s" % (local, seller["other_account_domain"]),
            "other_account",
            lang="en",
            zone="EU",
            charset="utf-8",
            hdr="B",
            cte="qp",
            client="gmail",
        )
        self.mta = seller["mta"]
        self.coworkers = []
        for c in data["coworkers"]:
            p = Person(
                c["name"],
                "%s@%s" % (c["local"], domain),
                "coworker",
                lang=c["lang"],
                zone="EU",
                client=c["client"],
                title=c["title"],
                cte="8bit",
            )
            p.company = self.user.company
            self.coworkers.append(p)
        self.companies = []
        self.customers = []
        self.weights = []
        for co in data["companies"]:
            people = []
            for d in co["people"]:
                email = "%s@%s" % (d["local"], co["domain"])
                emails = [email] + ([d["alt"]] if d.get("alt") else [])
                p = Person(
                    d["name"],
                    email,
                    "customer",
                    lang=co["lang"],
                    zone=co["zone"],
                    charset=d.get("charset", "utf-8"),
                    hdr=d.get("hdr", "Q"),
                    cte=d.get("cte", "qp"),
                    client=d.get("client", "other"),
                    company=co,
                    title=d.get("title", ""),
                    phone=d.get("phone", ""),
                    card=d.get("card"),
                    emails=emails,
                    first=d.get("first"),
                )
                people.append(p)
                self.customers.append(p)
                self.weights.append(co.get("weight", 1))
            self.companies.append((co, people))
        self.person_by_email = {p.email: p for p in self.customers}
        self.freemail = []
        for d in data["freemail"]:
            p = Person(
                d["name"],
                d["email"],
                "freemail",
                lang=d["lang"],
                zone=d["zone"],
                charset=d.get("charset", "utf-8"),
                hdr=d.get("hdr", "Q"),
                cte=d.get("cte", "qp"),
                client=d.get("client", "other"),
            )
            self.freemail.append(p)
        self.senders = []
        for d in data["senders"]:
            p = Person(
                d["name"],
                d["email"],
                "newsletter",
                lang=d["lang"],
                zone=d["zone"],
                charset=d.get("charset", "utf-8"),
                hdr="B",
                cte="qp",
                client="other",
            )
            self.senders.append(p)
        self.org_senders = []
        for co, _ in self.companies:
            if co.get("card"):
                p = Person(
                    co["name"],
                    co["card"]["email"],
                    "org",
                    lang=co["lang"],
                    zone=co["zone"],
                    charset="utf-8",
                    hdr="B",
                    cte="qp",
                    client="other",
                    company=co,
                )
                self.org_senders.append(p)
        # Every address that belongs to a card (lower case).
        self.card_emails = set()
        for p in self.customers:
            if p.card:
                self.card_emails.update(e.lower() for e in p.emails)
        for p in self.org_senders:
            self.card_emails.add(p.email.lower())
        self.by_charset = {}
        for p in self.customers + self.freemail:
            self.by_charset.setdefault(p.charset, []).append(p)
        b = data["bulk"]
        self.bulk = []
        seen = set()
        for i in range(200):
            first = b["first"][i % len(b["first"])]
            last = b["last"][(i * 7 + i // 25) % len(b["last"])]
            dom = b["domains"][(i * 3) % len(b["domains"])]
            email = "%s.%s@%s" % (ascii_slug(first), ascii_slug(last), dom)
            if email in seen:
                email = "%s.%s%d@%s" % (ascii_slug(first), ascii_slug(last), i, dom)
            seen.add(email)
            self.bulk.append(("%s %s" % (first, last), email))


def ascii_slug(text):
    norm = unicodedata.normalize("NFKD", text)
    return "".join(c for c in norm if c.isascii() and (c.isalnum() or c in "-.")).lower()


# ---------------------------------------------------------------------------------------------
# Generator


SPECIALS = [
    ("over100_inbox", 1),
    ("over100_sent_bcc", 1),
    ("exactly100", 1),
    ("bounce_full", 2),
    ("bounce_headers", 2),
    ("self_cc", 2),
    ("dropbox_card", 1),
    ("dropbox_untracked", 1),
    ("dropbox_multi", 1),
    ("projects", 1),
    ("projects", 1),
    ("projects", 1),
    ("projects", 1),
    ("projects_pair", 2),
    ("malformed_no_date", 1),
    ("malformed_garbage_header", 1),
    ("malformed_unterminated", 1),
    ("reply_before_parent", 2),
    ("refs_only", 2),
    ("irt_only", 2),
    ("broken_refs", 2),
    ("irt_comment", 2),
    ("orphan_reply", 2),
    ("japanese", 2),
    ("html_script", 1),
    ("rfc2231_continuation", 1),
    ("utf8_headers", 1),
    ("coworker_only", 2),
    ("coworker_customer", 2),
    ("charset_iso-8859-1", 1),
    ("charset_windows-1252", 1),
    ("charset_iso-8859-15", 1),
    ("cte_b64", 1),
    ("cte_qp", 1),
    ("related_inline", 1),
    ("attachment_latin1_name", 1),
    ("rfc2047_filename", 1),
    ("newsletter", 1),
    ("org_notice", 1),
]

THREAD_LENGTHS = (1, 2, 3, 4, 5, 6, 8, 12)
THREAD_WEIGHTS = (30, 25, 20, 10, 6, 4, 3, 2)


class Writer:
    """Writes the files in a forked child process while the generator composes the next ones
    (two cores, no shared interpreter lock); messages travel over a pipe. Files are written
    straight into cur/ (no tmp/ and rename: a folder is generated before any IMAP
    session reads it) and never fsync'ed: this is test data."""

    HEADER = struct.Struct("<HIq")

    def __init__(self):
        self.pid = None
        self.out = None

    def start(self):
        r, w = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # child
            os.close(w)
            status = 1
            try:
                self.serve(os.fdopen(r, "rb", buffering=1 << 20))
                status = 0
            except BaseException as e:  # report and leave without running the parent's cleanup
                sys.stderr.write("mailgen: writing failed: %s\n" % e)
                sys.stderr.flush()
            os._exit(status)
        os.close(r)
        self.pid = pid
        self.out = os.fdopen(w, "wb", buffering=1 << 20)

    def add(self, path, raw, mtime):
        path = path.encode()
        self.out.write(self.HEADER.pack(len(path), len(raw), mtime) + path)
        self.out.write(raw)

    def finish(self):
        error = None
        try:
            self.out.close()
        except BrokenPipeError as e:
            error = e
        _, status = os.waitpid(self.pid, 0)
        if status != 0 or error:
            raise RuntimeError("the writer process failed (status %d)" % status)

    def serve(self, inp):
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
        size = self.HEADER.size
        while True:
            head = inp.read(size)
            if not head:
                return
            lp, lr, mtime = self.HEADER.unpack(head)
            path = inp.read(lp)
            raw = inp.read(lr)
            fd = os.open(path, flags, 0o600)
            try:
                view = memoryview(raw)
                while view:
                    view = view[os.write(fd, view) :]
                os.utime(fd, (mtime, mtime))
            finally:
                os.close(fd)


class Thread:
    __slots__ = (
        "root_id",
        "subject",
        "lang",
        "main",
        "side",
        "cc",
        "coworkers",
        "plan",
        "pos",
        "refs",
        "last",
        "kind",
    )


class Generator:
    def __init__(self, args, world):
        self.args = args
        self.world = world
        self.user = world.user
        self.seed = args.seed
        self.rng = random.Random("mailgen:%s" % args.seed)
        self.seedtag = hashlib.sha1(("mailgen:%s" % args.seed).encode()).hexdigest()[:8]
        self.now = parse_now(args.now)
        self.count = args.count
        self.span = args.days * 86400
        self.start = self.now - self.span
        self.step = self.span / max(1, self.count)
        self.ids = 0
        self.file_index = 0
        self.uids = {"INBOX": 0, "Sent": 0, "Projects": 0}
        self.last_secs = {"INBOX": 0, "Sent": 0, "Projects": 0}
        self.counts = {}
        self.kind_counts = {}
        self.pool = []
        self.texts = world.texts
        self.blobs = {}
        self.manifest = None
        self.first_message = True
        self.maildir = args.maildir
        self.dirs = {
            "INBOX": self.maildir,
            "Sent": os.path.join(self.maildir, ".Sent"),
            "Projects": os.path.join(self.maildir, ".Projects"),
        }
        self.rel = {"INBOX": "", "Sent": ".Sent/", "Projects": ".Projects/"}
        self.user_addrs = {
            self.user.email.lower(),
            world.dropbox.lower(),
            world.other_account.email.lower(),
        }
        self.own_domain = "@" + world.user_domain
        self.writer = Writer()
        self.json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))

    # -- small helpers --------------------------------------------------------------------

    def chance(self, p):
        return self.rng.random() < p

    def pick(self, seq):
        return seq[self.rng.randrange(len(seq))]

    def hexid(self, salt, n=16):
        self.ids += 1
        return hashlib.blake2b(
            ("%s:%d:%s" % (self.seedtag, self.ids, salt)).encode(), digest_size=n
        ).hexdigest()

    def message_id(self, sender):
        """A Message-ID in the style of the sender's mail client (no angle brackets)."""
        h = self.hexid("mid")
        client = sender.client
        if client == "thunderbird":
            return "%s-%s-%s-%s-%s@%s" % (
                h[:8],
                h[8:12],
                h[12:16],
                h[16:20],
                h[20:32],
                sender.domain,
            )
        if client == "outlook":
            host = "PR3P195MB%s" % h[:4].upper()
            return "%s%s@%s.EURP195.PROD.OUTLOOK.TEST" % (host, h[4:20].upper(), host)
        if client == "apple":
            return "%s-%s-%s-%s-%s@%s" % (
                h[:8].upper(),
                h[8:12].upper(),
                h[12:16].upper(),
                h[16:20].upper(),
                h[20:32].upper(),
                sender.domain,
            )
        if client == "gmail":
            b = base64.b64encode(bytes.fromhex(h + h[:8])).decode().rstrip("=")
            return "CA+%s@mail.gmail.test" % b.replace("/", "_")
        return "%s.%s@%s" % (h[:12], h[12:20], sender.domain)

    def boundary(self, sender, depth):
        h = self.hexid("boundary", 12)
        if sender.client == "outlook":
            return "_%03d_%s_" % (depth, h.upper())
        if sender.client == "apple":
            return "Apple-Mail=_%s-%s-%s" % (h[:8].upper(), h[8:12].upper(), h[12:24].upper())
        if sender.client == "gmail":
            return "0000000000%s" % h[:16]
        return "------------%s" % h[:24]

    def slot_time(self, i):
        return int(self.start + (i + 0.5) * self.step)

    def fill(self, template, lang, person=None, company=None):
        if "{" not in template:
            return template
        return template.format_map(_Placeholders(self, lang, person, company))

    def placeholder(self, key, lang, person, company):
        t = self.texts[lang]
        co = company or (person.company if person and person.company else None)
        if key == "first":
            return person.first if person else ""
        if key == "company":
            return co["name"] if co else ""
        if key == "product":
            return self.pick(t["products"])
        if key == "day":
            return self.pick(t["days"])
        if key == "hour":
            return self.pick(
                ("9:30 am", "11 am", "2 pm", "4:30 pm")
                if lang == "en"
                else ("9:30", "11:00", "14:00", "16:30")
            )
        if key == "date":
            return "%d %s" % (self.rng.randint(1, 28), self.pick(t["months"]))
        if key == "amount":
            return self.amount(lang)
        if key == "seats":
            return str(self.pick((5, 10, 25, 40, 120)))
        if key == "year":
            return str(time.gmtime(self.now).tm_year + self.pick((0, 1)))
        if key == "quarter":
            return str(self.rng.randint(1, 4))
        if key == "invoice":
            return "F-%d-%04d" % (time.gmtime(self.now).tm_year, self.rng.randint(1, 9999))
        if key == "po":
            return "PO-%05d" % self.rng.randint(1, 99999)
        if key == "ticket":
            return str(self.rng.randint(1000, 99999))
        if key == "slug":
            return ascii_slug(co["name"]).replace(".", "")[:16] if co else "offer"
        if key == "n":
            return str(self.rng.randint(2, 9))
        raise KeyError(key)

    def amount(self, lang):
        value = self.pick((1200, 3400, 6900, 12500, 24000, 48000))
        if lang == "fr":
            return "{:,}".format(value).replace(",", "\u00a0") + "\u00a0€"
        if lang in ("de", "es"):
            return "{:,}".format(value).replace(",", ".") + " €"
        return "€{:,}".format(value) if self.chance(0.5) else "${:,}".format(value)

    # -- output ---------------------------------------------------------------------------

    def prepare_dirs(self):
        for folder, path in self.dirs.items():
            for sub in ("cur", "new", "tmp"):
                os.makedirs(os.path.join(path, sub), exist_ok=True)
            if folder != "INBOX":
                marker = os.path.join(path, "maildirfolder")
                if not os.path.exists(marker):
                    open(marker, "wb").close()
                    os.utime(marker, (self.now, self.now))

    def write_file(self, folder, raw, mtime, flags, sort_secs):
        secs = max(sort_secs, self.last_secs[folder])
        self.last_secs[folder] = secs
        idx = self.file_index
        self.file_index += 1
        vsize = len(raw) + raw.count(b"\n")
        base = "%d.M%dP%s.mailgen,S=%d,W=%d" % (secs, idx, self.seedtag, len(raw), vsize)
        # Everything goes to cur/ with its flags, unseen mail too (":2," without S): new/ files
        # are moved by Dovecot, which would make the manifest's paths stale.
        name = base + ":2," + flags
        self.writer.add(self.dirs[folder] + "/cur/" + name, raw, mtime)
        self.uids[folder] += 1
        return self.rel[folder] + "cur/" + name, self.uids[folder]

    def record(self, entry):
        folder = entry["folder"]
        self.counts[folder] = self.counts.get(folder, 0) + 1
        for k in entry["kinds"]:
            self.kind_counts[k] = self.kind_counts.get(k, 0) + 1
        for key in ("has_attachments", "is_bounce", "is_dropbox", "is_malformed"):
            if entry[key]:
                self.kind_counts[key] = self.kind_counts.get(key, 0) + 1
        if entry["sync_expected"]:
            self.synced += 1
            self.synced_ids.add(entry["message_id"])
        else:
            self.unsynced += 1
        if self.manifest is not None:
            self.manifest.write(("\n" if self.first_message else ",\n") + self.json.encode(entry))
            self.first_message = False

    # -- message assembly -----------------------------------------------------------------

    def text_part(self, text, charset, cte, subtype="plain"):
        cs, enc, body = encode_body(
            text, charset, cte, b"%%CHARSET%%" if subtype == "html" else None
        )
        headers = ["Content-Type: text/%s; charset=%s" % (subtype, CHARSETS[cs][0])]
        headers.append("Content-Transfer-Encoding: %s" % enc)
        return headers, body, cs

    def multipart(self, subtype, parts, sender, depth, params=""):
        b = self.boundary(sender, depth)
        headers = ['Content-Type: multipart/%s;%s\n boundary="%s"' % (subtype, params, b)]
        out = (
            [b"This is a multi-part message in MIME format.\n"]
            if sender.client in ("thunderbird", "other")
            else []
        )
        for ph, pb in parts:
            out.append(("--%s\n" % b).encode())
            out.append(("\n".join(ph) + "\n\n").encode("ascii"))
            out.append(pb)
        out.append(("--%s--\n" % b).encode())
        return headers, b"".join(out)

    def attachment_part(self, filename, kind, style, charset="utf-8", inline_cid=None):
        blob = self.blob(kind)
        ctype = "application/pdf" if kind.startswith("pdf") else "image/png"
        headers = [fold("Content-Type", [ctype + ";"] + param("name", filename, style, charset))]
        if inline_cid:
            headers.append(
                fold(
                    "Content-Disposition", ["inline;"] + param("filename", filename, style, charset)
                )
            )
            headers.append("Content-ID: <%s>" % inline_cid)
        else:
            headers.append(
                fold(
                    "Content-Disposition",
                    ["attachment;"] + param("filename", filename, style, charset),
                )
            )
        headers.append("Content-Transfer-Encoding: base64")
        return (
            headers,
            blob[1],
            {
                "filename": filename,
                "content_type": ctype,
                "size": len(blob[0]),
                "inline": bool(inline_cid),
            },
        )

    def blob(self, kind):
        hit = self.blobs.get(kind)
        if hit:
            return hit
        r = random.Random("blob:%s:%s" % (self.seed, kind))
        if kind.startswith("pdf"):
            pad = bytes(r.getrandbits(8) for _ in range(r.randint(800, 9000)))
            data = make_pdf(
                "Example Software - %s" % kind,
                [
                    "Reference %06d" % r.randint(0, 999999),
                    "Amount: %d.00" % r.randint(500, 50000),
                    "Valid for 30 days.",
                ],
                pad,
            )
        else:
            w = r.randint(16, 40)
            data = make_png(
                w, r.randint(12, 30), r.randint(0, 255), r.randint(0, 255), r.randint(0, 255)
            )
        hit = (data, base64.encodebytes(data))
        self.blobs[kind] = hit
        return hit

    def attachment_name(self, lang, person):
        names = self.world.data["attachments"].get(lang) or self.world.data["attachments"]["en"]
        return self.fill(self.pick(names), lang, person)

    def compose(self, m):
        """Build the raw bytes of one message from a spec dict; returns (raw, info)."""
        sender = m["from"]
        cs_pref = sender.charset
        mode = sender.hdr
        hdr = []
        subject = m["subject"]
        subj_text, subj_cs = fit_text(subject, cs_pref)
        if m.get("date_header", True) and m.get("date") is not None:
            hdr.append("Date: " + rfc5322_date(m["date"], zone_offset(sender.zone, m["date"])))
        from_addr = m.get("from_addr", sender.email)
        hdr.append(fold("From", address_list_tokens([(sender.name, from_addr)], cs_pref, mode)))
        if m.get("utf8_headers"):
            hdr[-1] = "From: %s <%s>" % (sender.name, from_addr)
        for field in ("to", "cc", "bcc"):
            addrs = m.get(field)
            if addrs:
                hdr.append(fold(field.capitalize(), address_list_tokens(addrs, cs_pref, mode)))
        if m.get("utf8_headers"):
            hdr.append("Subject: " + subj_text)
        else:
            whole = sender.client != "other"
            hdr.append(fold("Subject", unstructured_tokens(subj_text, subj_cs, mode, whole)))
        hdr.append("Message-ID: <%s>" % m["message_id"])
        irt = m.get("in_reply_to_header")
        if irt:
            hdr.append("In-Reply-To: " + irt)
        refs = m.get("references_header")
        if refs:
            hdr.append(fold("References", refs.split(" ")))
        if sender.client == "outlook":
            hdr.append(
                fold(
                    "Thread-Topic",
                    unstructured_tokens(m.get("topic", subj_text), "utf-8", "B", True),
                )
            )
        hdr.extend(m.get("extra_headers", ()))
        if sender.client == "thunderbird":
            hdr.append("User-Agent: Mozilla Thunderbird")
        elif sender.client == "apple":
            hdr.append("X-Mailer: Apple Mail (2.3774.600.62)")
        elif sender.client == "outlook":
            hdr.append("X-Mailer: Microsoft Outlook 16.0")
        hdr.append("MIME-Version: 1.0")

        # Body
        charsets = []
        attachments = []
        text = m["text"]
        body_cs = cs_pref
        cte = m.get("cte") or sender.cte
        shape = m.get("shape", "plain")
        tp_h, tp_b, used = self.text_part(text, body_cs, cte)
        charsets.append(used)
        content_parts = (tp_h, tp_b)
        if shape in ("alt", "related", "html_only"):
            html_text = m["html"]
            hp_h, hp_b, used = self.text_part(
                html_text, body_cs, "qp" if cte != "b64" else "b64", "html"
            )
            charsets.append(used)
            if shape == "html_only":
                content_parts = (hp_h, hp_b)
            else:
                content_parts = self.multipart(
                    "alternative", [(tp_h, tp_b), (hp_h, hp_b)], sender, 1
                )
                if shape == "related":
                    ah, ab, info = self.attachment_part(
                        "image001.png", "png-logo", "plain", inline_cid=m["cid"]
                    )
                    attachments.append(info)
                    content_parts = self.multipart(
                        "related",
                        [content_parts, (ah, ab)],
                        sender,
                        2,
                        ' type="multipart/alternative";',
                    )
        atts = m.get("attachments")
        if atts:
            parts = [content_parts]
            for filename, kind, style, fcs in atts:
                ah, ab, info = self.attachment_part(filename, kind, style, fcs)
                attachments.append(info)
                parts.append((ah, ab))
            content_parts = self.multipart("mixed", parts, sender, 0)
        hdr.extend(content_parts[0])
        head = "\n".join(hdr) + "\n\n"
        if m.get("utf8_headers"):
            raw = head.encode("utf-8") + content_parts[1]
        else:
            raw = head.encode("ascii") + content_parts[1]
        return raw, {
            "attachments": attachments,
            "charsets": sorted(set(charsets + ([subj_cs] if not is_ascii(subj_text) else []))),
            "subject": subj_text,
        }

    def trace_headers(self, m):
        """What delivery (Postfix, then Dovecot's LMTP) adds in front of a received message."""
        sender = m["from"]
        rcpt = m.get("delivered_to", self.user.email)
        lines = [
            "Return-Path: <%s>" % m.get("return_path", m.get("from_addr", sender.email)),
            "Delivered-To: %s" % rcpt,
        ]
        if m.get("x_original_to"):
            lines.append("X-Original-To: %s" % m["x_original_to"])
        qid = self.hexid("qid", 5).upper()
        lines.append(
            "Received: from mx.%s (mx.%s [192.0.2.%d])\n"
            "\tby %s (Postfix) with ESMTPS id %s\n"
            "\tfor <%s>; %s"
            % (
                sender.domain,
                sender.domain,
                1 + self.ids % 250,
                self.world.mta,
                qid,
                rcpt,
                rfc5322_date(m["date"] + 3, zone_offset("EU", m["date"])),
            )
        )
        return ("\n".join(lines) + "\n").encode("ascii")

    def emit(
        self,
        m,
        folder,
        kinds,
        thread_key,
        flags="S",
        sort_secs=None,
        mtime=None,
        raw=None,
        info=None,
        extra=None,
    ):
        if raw is None:
            raw, info = self.compose(m)
        if m.get("received"):
            raw = self.trace_headers(m) + raw
        date = m.get("date")
        mtime = mtime if mtime is not None else date
        path, uid = self.write_file(
            folder, raw, mtime, flags, sort_secs if sort_secs is not None else mtime
        )
        to = [a[1] for a in m.get("to", ())]
        cc = [a[1] for a in m.get("cc", ())]
        bcc = [a[1] for a in m.get("bcc", ())]
        sender = m["from"]
        from_addr = m.get("from_addr", sender.email)
        everyone = [from_addr] + to + cc + bcc
        cards = self.world.card_emails
        card_emails = sorted({a.lower() for a in everyone if a.lower() in cards} - self.user_addrs)
        recipients = len(to) + len(cc) + len(bcc)
        entry = {
            "file": path,
            "folder": folder,
            "uid": uid,
            "message_id": m["message_id"],
            "in_reply_to": m.get("in_reply_to"),
            "references": m.get("references", []),
            "subject": info["subject"],
            "from": from_addr,
            "from_name": sender.name,
            "to": to,
            "cc": cc,
            "bcc": bcc,
            "recipient_count": recipients,
            "date": iso_utc(date) if m.get("date_header", True) and date is not None else None,
            "internaldate": iso_utc(mtime),
            "size": len(raw),
            "flags": flags,
            "has_attachments": any(not a["inline"] for a in info["attachments"]),
            "attachments": info["attachments"],
            "is_bounce": False,
            "is_dropbox": "dropbox" in kinds,
            "is_malformed": any(k.startswith("malformed") for k in kinds),
            "kinds": kinds,
            "charsets": info["charsets"],
            "thread_key": thread_key,
            "card_emails": card_emails,
            "coworker_only": all(a.lower().endswith(self.own_domain) for a in everyone),
            "sync_expected": folder in ("INBOX", "Sent") and recipients <= RECIPIENT_LIMIT,
        }
        if extra:
            entry.update(extra)
        self.record(entry)
        return entry

    def emit_single(self, m, kinds, folder="INBOX", **kw):
        """Emit a message that is a conversation of its own."""
        flags = self.flags_for(folder, m["date"])
        return self.emit(m, folder, self.kinds_for(m, kinds), m["message_id"], flags, **kw)

    # -- content --------------------------------------------------------------------------

    def signature(self, person):
        co = person.company["name"] if person.company else ""
        lines = [person.name or person.first]
        if person.title or co:
            lines.append(", ".join(x for x in (person.title, co) if x))
        if person.phone:
            lines.append(person.phone)
        return lines

    def attribution(self, lang, parent):
        t = self.texts.get(lang, self.texts["en"])
        ts = parent["date"]
        tm = time.gmtime(ts + zone_offset(parent["zone"], ts) * 60)
        if lang == "fr":
            date = "%s %d %s %d à %02d:%02d" % (
                ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")[tm.tm_wday],
                tm.tm_mday,
                t["months"][tm.tm_mon - 1][:4].rstrip(".") + ".",
                tm.tm_year,
                tm.tm_hour,
                tm.tm_min,
            )
        elif lang == "ja":
            date = "%d年%d月%d日 %02d:%02d" % (
                tm.tm_year,
                tm.tm_mon,
                tm.tm_mday,
                tm.tm_hour,
                tm.tm_min,
            )
        else:
            date = "%s, %d %s %d at %02d:%02d" % (
                WEEKDAYS[tm.tm_wday],
                tm.tm_mday,
                MONTHS[tm.tm_mon - 1],
                tm.tm_year,
                tm.tm_hour,
                tm.tm_min,
            )
        return t["attribution"].format(
            date=date, name=parent["name"] or parent["email"], email=parent["email"]
        )

    def write_text(self, sender, recipient, lang, reply, parent=None, paras=None, coworker=False):
        """The plain-text body and its pieces (for the HTML version and for quoting in replies):
        (text, greeting, paragraphs, closing, signature lines, own lines without the quote)."""
        if lang == "ja" and sender.role == "user":
            lang = "en"
        t = self.texts.get(lang, self.texts["en"])
        if paras is None:
            if coworker:
                pool = t.get("coworker_paras", self.texts["en"]["coworker_paras"])
                paras = [self.fill(self.pick(pool), lang, recipient)]
            elif reply:
                paras = [self.fill(self.pick(t["reply_paras"]), lang, recipient)]
                if self.chance(0.4):
                    paras.append(self.fill(self.pick(t["paras"]), lang, recipient))
            else:
                n = self.pick((1, 2, 2, 3))
                start = self.rng.randrange(len(t["paras"]))
                stride = 5 if len(t["paras"]) > 10 else 1
                paras = [
                    self.fill(t["paras"][(start + k * stride) % len(t["paras"])], lang, recipient)
                    for k in range(n)
                ]
        greet = self.fill(t["greet"][0] if coworker else self.pick(t["greet"]), lang, recipient)
        close = self.pick(t["close"])
        sig = self.signature(sender) if (not reply or self.chance(0.3)) else [sender.first]
        lines = [greet, ""]
        for p in paras:
            lines.extend(wrap(p))
            lines.append("")
        lines.append(close)
        if len(sig) > 1:
            lines.append("-- ")
        lines.extend(sig)
        own = list(lines)
        if parent:
            lines.append("")
            if sender.client == "outlook":
                lines.append("-----Original Message-----")
                lines.append("From: %s <%s>" % (parent["name"], parent["email"]))
                lines.append(
                    "Sent: %s"
                    % rfc5322_date(parent["date"], zone_offset(parent["zone"], parent["date"]))
                )
                lines.append("Subject: %s" % parent["subject"])
                lines.append("")
                lines.extend(parent["lines"][:14])
            else:
                lines.append(self.attribution(lang, parent))
                lines.extend(("> " + l) if l else ">" for l in parent["lines"][:14])
        text = "\n".join(lines) + "\n"
        return text, greet, paras, close, sig, own

    def make_html(
        self,
        greet,
        paras,
        close,
        sig,
        parent,
        sender,
        remote=False,
        script=False,
        tracking=False,
        cid=None,
    ):
        out = [
            "<html><head>"
            '<meta http-equiv="Content-Type" content="text/html; charset=%%CHARSET%%">'
            "</head>",
            '<body style="font-family: Arial, sans-serif;">',
            "<p>%s</p>" % escape_html(greet),
        ]
        for p in paras:
            out.append("<p>%s</p>" % escape_html(p))
        out.append(
            "<p>%s<br>%s</p>" % (escape_html(close), "<br>".join(escape_html(s) for s in sig))
        )
        if cid:
            out.append('<p><img src="cid:%s" alt="logo" width="120" height="40"></p>' % cid)
        if remote:
            out.append(
                '<p><img src="https://cdn.%s/signature/logo.png" alt="%s" width="160" height="48">'
                "</p>"
                % (
                    sender.domain,
                    escape_html(sender.company["name"] if sender.company else sender.name),
                )
            )
        if parent:
            out.append(
                '<blockquote type="cite">%s</blockquote>'
                % "<br>\n".join(escape_html(l) for l in parent["lines"][:14])
            )
        if tracking:
            out.append(
                '<img src="https://t.%s/open/%s.gif" width="1" height="1" alt="">'
                % (sender.domain, self.hexid("px", 8))
            )
        if script:
            out.append(
                "<script>document.title = 'tracked'; "
                "fetch('https://t.%s/js?u=' + encodeURIComponent(document.referrer));</script>"
                % sender.domain
            )
        out.append("</body></html>")
        return "\n".join(out) + "\n"

    def shape_for(self, sender):
        r = self.rng.random()
        c = sender.client
        if c == "outlook":
            return "alt"
        if c in ("gmail", "apple"):
            return "alt" if r < 0.8 else "plain"
        if c == "thunderbird":
            return "alt" if r < 0.3 else "plain"
        return "plain" if r < 0.85 else "alt"

    def message(
        self,
        sender,
        to,
        cc,
        subject,
        date,
        lang,
        parent=None,
        reply=False,
        coworker=False,
        bcc=None,
        shape=None,
        attach=None,
        html_opts=None,
        paras=None,
        from_addr=None,
        cte=None,
        greet_to=None,
    ):
        """A spec for an ordinary message."""
        recipient_person = greet_to or next((a for a in to if isinstance(a, Person)), None)
        text, greet, ps, close, sig, own = self.write_text(
            sender, recipient_person, lang, reply, parent, paras, coworker
        )
        shape = shape or self.shape_for(sender)
        m = {
            "from": sender,
            "to": [as_addr(a) for a in to],
            "cc": [as_addr(a) for a in (cc or ())],
            "bcc": [as_addr(a) for a in (bcc or ())],
            "subject": subject,
            "date": date,
            "message_id": self.message_id(sender),
            "text": text,
            "shape": shape,
            "received": sender.role != "user",
        }
        if from_addr:
            m["from_addr"] = from_addr
        if cte:
            m["cte"] = cte
        if shape in ("alt", "related", "html_only"):
            o = dict(html_opts or {})
            if shape == "related":
                m["cid"] = "image001.png@01DC%s" % self.hexid("cid", 4).upper()
                o["cid"] = m["cid"]
            if sender.client == "outlook" and "tracking" not in o:
                o["tracking"] = self.chance(0.2)
            if "remote" not in o:
                o["remote"] = sender.client in ("apple", "outlook") and self.chance(0.3)
            m["html"] = self.make_html(greet, ps, close, sig, parent, sender, **o)
            m["html_flags"] = o
        if attach:
            m["attachments"] = attach
        m["_own_lines"] = own
        return m

    def parent_info(self, m, entry):
        sender = m["from"]
        return {
            "date": m["date"],
            "zone": sender.zone,
            "name": sender.name,
            "email": m.get("from_addr", sender.email),
            "subject": entry["subject"],
            "lines": m["_own_lines"],
            "message_id": m["message_id"],
            "person": sender,
        }

    def kinds_for(self, m, base=()):
        kinds = list(base)
        shape = m.get("shape", "plain")
        kinds.append(
            {
                "plain": "text_plain",
                "alt": "multipart_alternative",
                "related": "multipart_related",
                "html_only": "text_html",
            }[shape]
        )
        o = m.get("html_flags") or {}
        if o.get("remote"):
            kinds.append("html_remote_image")
        if o.get("tracking"):
            kinds.append("html_tracking_pixel")
        if o.get("script"):
            kinds.append("html_script")
        if m.get("attachments"):
            kinds.append("attachments")
            if any(
                style == "rfc2047" and not is_ascii(name) for name, _, style, _ in m["attachments"]
            ):
                kinds.append("rfc2047_filename")  # not standard (RFC 2047 §5), but common
        return kinds

    # -- choosing people ------------------------------------------------------------------

    def pick_customer(self):
        return self.rng.choices(self.world.customers, self.world.weights)[0]

    def colleagues(self, person):
        if not person.company:
            return []
        for co, people in self.world.companies:
            if co is person.company:
                return [p for p in people if p is not person]
        return []

    def sender_address(self, person):
        if len(person.emails) > 1 and self.chance(0.25):
            return person.emails[1]
        return person.email

    # -- the normal flow: threads ---------------------------------------------------------

    def new_thread(self, ts):
        r = self.rng.random()
        if r < 0.55:
            kind = "customer_in"
        elif r < 0.75:
            kind = "user_out"
        elif r < 0.83:
            kind = "coworker"
        elif r < 0.88:
            kind = "coworker_customer"
        elif r < 0.93:
            return self.newsletter(ts)
        elif r < 0.96:
            return self.org_notice(ts)
        else:
            kind = "freemail_in"
        th = Thread()
        th.kind = kind
        th.pos = 0
        th.cc = []
        th.coworkers = []
        length = self.rng.choices(THREAD_LENGTHS, THREAD_WEIGHTS)[0]
        if kind == "coworker":
            th.main = self.pick(self.world.coworkers)
            th.lang = th.main.lang
            start = "W" if self.chance(0.6) else "U"
            th.plan = [
                start if i % 2 == 0 else ("U" if start == "W" else "W") for i in range(length)
            ]
            th.subject = self.fill(self.pick(self.texts[th.lang]["coworker_subjects"]), th.lang)
        else:
            th.main = (
                self.pick(self.world.freemail) if kind == "freemail_in" else self.pick_customer()
            )
            th.lang = th.main.lang
            if kind in ("customer_in", "user_out") and self.chance(0.3):
                others = self.colleagues(th.main)
                if others:
                    th.cc.append(self.pick(others))
            if kind == "coworker_customer" or self.chance(0.1):
                th.coworkers.append(self.pick(self.world.coworkers))
            start = "U" if kind == "user_out" else "C"
            plan = [start]
            for _ in range(length - 1):
                prev = plan[-1]
                if prev == "C" and self.chance(0.1):
                    plan.append("C")
                elif kind == "coworker_customer" and prev == "C" and self.chance(0.5):
                    plan.append("W")
                else:
                    plan.append("U" if prev != "U" else "C")
            th.plan = plan
            t = self.texts[th.lang]
            th.subject = self.fill(self.pick(t["subjects"]), th.lang, th.main)
        th.refs = []
        th.last = None
        th.root_id = None
        self.thread_step(th, ts)
        if th.pos < len(th.plan):
            self.pool.append(th)

    def thread_step(
        self, th, ts, variant=None, sort_secs=None, mtime=None, folder_override=None, extra_kinds=()
    ):
        role = th.plan[th.pos]
        th.pos += 1
        user = self.user
        parent = th.last
        side = [th.main] + th.cc
        if role == "U":
            sender = user
            if parent and parent["person"] is not user and parent["person"].role != "coworker":
                to = [(parent["person"].name, parent["email"])]
                cc = [p for p in side if p is not parent["person"]] + th.coworkers
            elif parent and parent["person"].role == "coworker":
                to = [parent["person"]]
                cc = [p for p in side if th.kind != "coworker"] + [
                    w for w in th.coworkers if w is not parent["person"]
                ]
            else:
                to = [th.main]
                cc = th.cc + th.coworkers
            if th.kind == "coworker":
                to, cc = [th.main], []
        elif role == "W":
            if th.kind == "coworker":
                sender, to, cc = th.main, [user], []
            else:  # a reply-all to the customer side
                sender, to, cc = th.coworkers[0], side, [user]
        else:
            if parent and parent["person"].role == "customer" and th.cc and self.chance(0.3):
                sender = self.pick([p for p in side if p is not parent["person"]] or side)
            else:
                sender = th.main
            if th.kind == "coworker_customer" and th.pos == 1:
                to = th.coworkers[:]
                cc = [user]
            else:
                to = [user]
                cc = [p for p in side if p is not sender] + th.coworkers
        lang = th.lang
        if sender.role == "coworker" and lang not in ("en", "fr"):
            lang = "en"  # coworkers write English or French
        reply = parent is not None
        t = self.texts.get(lang, self.texts["en"])
        if reply:
            prefix = self.pick(t["reply_prefix"]) if sender.role != "user" else "Re: "
            subject = prefix + th.subject
        else:
            subject = th.subject
        attach = None
        if (
            not reply
            and sender.role != "coworker"
            and self.chance(0.14)
            or reply
            and self.chance(0.04)
        ):
            attach = self.attachments_for(sender, lang)
        from_addr = self.sender_address(sender) if sender.role == "customer" else None
        m = self.message(
            sender,
            to,
            cc,
            subject,
            ts,
            lang,
            parent=parent,
            reply=reply,
            coworker=th.kind == "coworker",
            attach=attach,
            from_addr=from_addr,
            greet_to=parent["person"] if parent and sender is user else None,
        )
        m["topic"] = th.subject
        kinds = ["reply"] if reply else ["thread_root"]
        if th.kind in ("coworker",):
            kinds.append("coworker_thread")
        if th.kind == "coworker_customer":
            kinds.append("coworker_customer_thread")
        kinds.extend(extra_kinds)
        in_reply_to = parent["message_id"] if parent else None
        refs = th.refs[:1] + th.refs[-9:] if len(th.refs) > 10 else list(th.refs)
        m["in_reply_to"] = in_reply_to
        m["references"] = refs
        if variant:
            kinds.append(variant)
        if parent:
            if variant == "refs_only":
                m["in_reply_to"] = None
                m["references_header"] = " ".join("<%s>" % r for r in refs)
            elif variant == "irt_only":
                m["references"] = []
                m["in_reply_to_header"] = "<%s>" % in_reply_to
            elif variant == "irt_comment":
                m["references"] = []
                m["in_reply_to_header"] = '<%s> (message from %s of "%s")' % (
                    in_reply_to,
                    parent["email"],
                    rfc5322_date(parent["date"], zone_offset(parent["zone"], parent["date"])),
                )
            elif variant == "broken_refs":
                bogus = "%s@lost.test" % self.hexid("bogus", 6)
                trunc = in_reply_to[: len(in_reply_to) // 2]
                m["references"] = [bogus]
                m["in_reply_to_header"] = "<%s>" % in_reply_to
                m["references_header"] = "<%s> <%s" % (bogus, trunc)
            elif variant == "orphan_reply":
                m["in_reply_to"] = None
                m["references"] = []
            else:
                m["in_reply_to_header"] = "<%s>" % in_reply_to
                m["references_header"] = " ".join("<%s>" % r for r in refs)
        if th.root_id is None:
            th.root_id = m["message_id"]
        thread_key = th.root_id if variant != "orphan_reply" else m["message_id"]
        folder = folder_override or ("Sent" if sender.role == "user" else "INBOX")
        flags = self.flags_for(
            folder, ts, next_is_user=th.pos < len(th.plan) and th.plan[th.pos] == "U"
        )
        extra = {"subject_root": th.root_id} if variant == "orphan_reply" else None
        entry = self.emit(
            m,
            folder,
            self.kinds_for(m, kinds),
            thread_key,
            flags,
            sort_secs=sort_secs,
            mtime=mtime,
            extra=extra,
        )
        th.last = self.parent_info(m, entry)
        th.refs = refs + [m["message_id"]]
        return m, entry

    def flags_for(self, folder, ts, next_is_user=False):
        if folder != "INBOX":
            return "S"
        flags = ""
        if self.chance(0.03):
            flags += "F"
        if next_is_user:
            flags += "R"
        if ts < self.now - 7 * 86400 or self.chance(0.5):
            flags += "S"
        return flags

    def attachments_for(self, sender, lang):
        n = 1 if self.chance(0.8) else 2
        out = []
        for _ in range(n):
            name = self.attachment_name(lang, sender)
            kind = (
                ("png%d" % self.rng.randrange(4))
                if name.endswith(".png")
                else ("pdf%d" % self.rng.randrange(6))
            )
            if sender.client == "outlook" and self.chance(0.5):
                style = "rfc2047"
            elif sender.charset in ("iso-8859-1", "windows-1252", "iso-8859-15") and self.chance(
                0.5
            ):
                style = "rfc2231"
                name_cs = "iso-8859-1"
                try:
                    name.encode("latin-1")
                    out.append((name, kind, style, name_cs))
                    continue
                except UnicodeEncodeError:
                    pass
            else:
                style = "rfc2231"
            out.append((name, kind, style, "utf-8"))
        return out

    def continue_thread(self, ts):
        th = self.pick(self.pool)
        self.thread_step(th, ts)
        if th.pos >= len(th.plan):
            self.pool.remove(th)

    def normal(self, ts):
        if (
            not self.pool
            or (len(self.pool) < 40 and self.chance(0.36))
            or len(self.pool) < 4
            and self.chance(0.7)
        ):
            self.new_thread(ts)
        else:
            self.continue_thread(ts)

    def newsletter(self, ts, shape="alt"):
        sender = self.pick(self.world.senders)
        lang = sender.lang
        t = self.texts[lang]
        subject = self.fill(self.pick(t["newsletter_subjects"]), lang)
        paras = [self.fill(p, lang) for p in t["newsletter_paras"]]
        m = self.message(
            sender,
            [self.user],
            [],
            subject,
            ts,
            lang,
            paras=paras,
            shape=shape,
            html_opts={"remote": True, "tracking": True, "script": False},
        )
        m["extra_headers"] = [
            "List-Unsubscribe: <https://%s/unsubscribe/%s>"
            % (sender.domain, self.hexid("unsub", 8)),
            "Precedence: bulk",
        ]
        self.emit_single(m, ["newsletter", "untracked"])

    def org_notice(self, ts):
        # An invoice from an organisation card's shared address.
        sender = self.pick(self.world.org_senders)
        lang = sender.lang
        t = self.texts[lang]
        subject = self.fill(
            next(s for s in t["subjects"] if "{invoice}" in s), lang, company=sender.company
        )
        filename = {"fr": "Facture {invoice}.pdf", "de": "Rechnung {invoice}.pdf"}.get(
            lang, "Invoice {invoice}.pdf"
        )
        m = self.message(
            sender,
            [self.user],
            [],
            subject,
            ts,
            lang,
            shape="plain",
            attach=[
                (
                    self.fill(filename, lang, company=sender.company),
                    "pdf%d" % self.rng.randrange(6),
                    "plain",
                    "utf-8",
                )
            ],
        )
        self.emit_single(m, ["organisation_sender"])

    # -- specials -------------------------------------------------------------------------

    def special(self, kind, i):
        ts = self.slot_time(i)
        getattr(self, "sp_" + kind.replace("-", "_"))(i, ts)

    def fresh_thread(
        self, main, kind="customer_in", plan=("C", "U"), subject=None, cc=(), coworkers=()
    ):
        th = Thread()
        th.kind = kind
        th.pos = 0
        th.main = main
        th.lang = main.lang if main.role != "user" else "en"
        th.cc = list(cc)
        th.coworkers = list(coworkers)
        th.plan = list(plan)
        th.refs = []
        th.last = None
        th.root_id = None
        t = self.texts[th.lang]
        th.subject = subject or self.fill(
            self.pick(t["subjects"] if kind != "coworker" else t["coworker_subjects"]),
            th.lang,
            main,
        )
        return th

    def sp_over100_inbox(self, i, ts):
        sender = self.world.senders[1]
        bulk = self.world.bulk
        to = [self.user] + bulk[0:55]
        cards = [p for p in self.world.customers if p.card][:3]
        cc = bulk[55:97] + cards
        m = self.message(
            sender,
            to,
            cc,
            "Salon du Commerce %d : liste des exposants" % time.gmtime(ts).tm_year,
            ts,
            "fr",
            paras=[self.fill(p, "fr") for p in self.texts["fr"]["newsletter_paras"]],
            shape="alt",
            html_opts={"remote": True, "tracking": False, "script": False},
        )
        self.emit_single(m, ["over_100_recipients"])

    def sp_over100_sent_bcc(self, i, ts):
        bulk = self.world.bulk
        cards = [p for p in self.world.customers if p.card][3:6]
        m = self.message(
            self.user,
            [self.world.coworkers[0]],
            bulk[100:120],
            "Invitation: customer day on %s" % time.strftime("%d %B", time.gmtime(ts + 30 * 86400)),
            ts,
            "en",
            bcc=bulk[120:200] + bulk[0:27] + cards,
            shape="plain",
        )
        self.emit_single(m, ["over_100_recipients", "bcc"], "Sent")

    def sp_exactly100(self, i, ts):
        sender = self.world.coworkers[0]
        bulk = self.world.bulk
        cards = [p for p in self.world.customers if p.card][6:8]
        to = [self.user] + bulk[30:89]
        cc = bulk[89:127] + cards
        m = self.message(
            sender,
            to,
            cc,
            "Webinar follow-up: slides and recording",
            ts,
            "en",
            shape="plain",
            paras=[
                "Thanks to everyone who joined the webinar on %s."
                % self.pick(self.texts["en"]["days"]),
                "The slides and the recording are attached to the event page.",
            ],
        )
        self.emit_single(m, ["exactly_100_recipients"])

    def bounce(self, i, ts, full):
        # First the sent message that cannot be delivered, then Postfix's RFC 3464 report.
        target = self.pick(
            [p for p in self.world.customers if p.company and p.lang in ("en", "fr")]
        )
        bad = "%s.old@%s" % (target.email.split("@")[0], target.domain)
        dead = Person(
            target.name, bad, "customer", lang=target.lang, zone=target.zone, company=target.company
        )
        to = [dead] if full else [dead, target]
        th = self.fresh_thread(target, "user_out", ("U",))
        m = self.message(self.user, to, [], th.subject, ts, th.lang, shape="plain")
        raw_sent, info_sent = self.compose(m)
        sent_entry = self.emit_single(m, ["bounce_target"], "Sent", raw=raw_sent, info=info_sent)
        bts = ts + 20
        qid = self.hexid("qid", 5).upper()
        boundary = "%s.%d/%s" % (qid, bts, self.world.mta)
        mta = self.world.mta
        arrival = rfc5322_date(ts, zone_offset("EU", ts))
        status, diag = (
            "5.1.1",
            "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table"
            % bad,
        )
        notice = (
            "This is the mail system at host %s.\n\n"
            "I'm sorry to have to inform you that your message could not\n"
            "be delivered to one or more recipients. It's attached below.\n\n"
            "For further assistance, please send mail to postmaster.\n\n"
            "If you do so, please include this problem report. You can\n"
            "delete your own text from the attached returned message.\n\n"
            "                   The mail system\n\n"
            "<%s>: host mx.%s[192.0.2.25] said: %s (in reply to RCPT TO command)\n"
            % (mta, bad, dead.domain, diag)
        )
        report = (
            "Reporting-MTA: dns; %s\n"
            "X-Postfix-Queue-ID: %s\n"
            "X-Postfix-Sender: rfc822; %s\n"
            "Arrival-Date: %s\n\n"
            "Final-Recipient: rfc822; %s\n"
            "Original-Recipient: rfc822;%s\n"
            "Action: failed\n"
            "Status: %s\n"
            "Remote-MTA: dns; mx.%s\n"
            "Diagnostic-Code: smtp; %s\n"
            % (mta, qid, self.user.email, arrival, bad, bad, status, dead.domain, diag)
        )
        if full:
            returned_h = "Content-Description: Undelivered Message\nContent-Type: message/rfc822\n"
            returned = raw_sent
        else:
            returned_h = (
                "Content-Description: Undelivered Message Headers\n"
                "Content-Type: text/rfc822-headers\n"
            )
            returned = raw_sent.split(b"\n\n", 1)[0] + b"\n"
        mid = "%s.%s@%s" % (bts, qid, mta)
        head = (
            "\n".join(
                [
                    "Return-Path: <>",
                    "Delivered-To: %s" % self.user.email,
                    "Date: %s" % rfc5322_date(bts, zone_offset("EU", bts)),
                    "From: MAILER-DAEMON@%s (Mail Delivery System)" % mta,
                    "Subject: Undelivered Mail Returned to Sender",
                    "To: %s" % self.user.email,
                    "Auto-Submitted: auto-replied",
                    "MIME-Version: 1.0",
                    'Content-Type: multipart/report; report-type=delivery-status;\n boundary="%s"'
                    % boundary,
                    "Content-Transfer-Encoding: 8bit",
                    "Message-Id: <%s>" % mid,
                ]
            )
            + "\n\n"
        )
        body = (
            "This is a MIME-encapsulated message.\n\n"
            "--%s\nContent-Description: Notification\n"
            "Content-Type: text/plain; charset=us-ascii\n\n%s\n"
            "--%s\nContent-Description: Delivery report\n"
            "Content-Type: message/delivery-status\n\n%s\n"
            "--%s\n%s\n" % (boundary, notice, boundary, report, boundary, returned_h)
        ).encode("ascii")
        raw = head.encode("ascii") + body + returned + ("\n--%s--\n" % boundary).encode("ascii")
        mailer = Person("Mail Delivery System", "MAILER-DAEMON@%s" % mta, "mailer", zone="EU")
        bm = {
            "from": mailer,
            "to": [(None, self.user.email)],
            "date": bts,
            "message_id": mid,
            "references": [],
        }
        kinds = ["bounce", "dsn_full_message" if full else "dsn_headers_only"]
        self.emit(
            bm,
            "INBOX",
            kinds,
            mid,
            self.flags_for("INBOX", bts),
            raw=raw,
            info={
                "attachments": [],
                "charsets": ["us-ascii"],
                "subject": "Undelivered Mail Returned to Sender",
            },
            extra={
                "is_bounce": True,
                "bounce_of": sent_entry["message_id"],
                "bounce_recipients": [bad],
                "bounce_status": status,
            },
        )

    def sp_bounce_full(self, i, ts):
        self.bounce(i, ts, True)

    def sp_bounce_headers(self, i, ts):
        self.bounce(i, ts, False)

    def sp_self_cc(self, i, ts):
        # The user cc's themself: the Sent copy and the delivered INBOX copy share a Message-ID.
        target = self.pick([p for p in self.world.customers if p.card])
        th = self.fresh_thread(target, "user_out", ("U",))
        m = self.message(self.user, [target], [self.user], th.subject, ts, th.lang)
        m["received"] = False
        raw, info = self.compose(m)
        self.emit_single(m, ["self_cc"], "Sent", raw=raw, info=info)
        m["received"] = True
        self.emit_single(m, ["self_cc"], mtime=ts + 2, raw=raw, info=info)

    def dropbox(self, ts, recipients, cc=()):
        # Sent from the user's other account with the dropbox address in Bcc (DESIGN.md rule 8).
        me = self.world.other_account
        main = recipients[0]
        lang = main.lang if isinstance(main, Person) and main.lang in ("en", "fr") else "en"
        subject = self.fill(
            self.pick(self.texts[lang]["subjects"]),
            lang,
            main if isinstance(main, Person) else None,
        )
        m = self.message(me, recipients, list(cc), subject, ts, lang)
        m["received"] = True
        m["delivered_to"] = self.world.dropbox
        m["x_original_to"] = self.world.dropbox
        m["return_path"] = me.email
        self.emit_single(m, ["dropbox"], extra={"dropbox_address": self.world.dropbox})

    def sp_dropbox_card(self, i, ts):
        self.dropbox(ts, [self.pick([p for p in self.world.customers if p.card])])

    def sp_dropbox_untracked(self, i, ts):
        self.dropbox(
            ts, [self.pick([p for p in self.world.customers if not p.card] + self.world.freemail)]
        )

    def sp_dropbox_multi(self, i, ts):
        cards = [p for p in self.world.customers if p.card]
        self.dropbox(
            ts,
            [self.pick(cards), self.pick(self.world.freemail)],
            cc=[self.pick(cards), self.world.coworkers[1]],
        )

    def sp_projects(self, i, ts):
        # Filed into a subfolder by the user's rules: must never be synced (DESIGN.md rule 2).
        if self.chance(0.5):
            sender = self.pick(self.world.coworkers)
            cc = [self.pick([p for p in self.world.customers if p.card])]
        else:
            sender = self.pick([p for p in self.world.customers if p.card])
            cc = []
        subject = "[Projet Atlas] " + self.fill(
            self.pick(self.texts["fr"]["subjects"]), "fr", sender
        )
        m = self.message(
            sender,
            [self.user],
            cc,
            subject,
            ts,
            sender.lang if sender.lang in ("en", "fr") else "en",
        )
        self.emit_single(m, ["projects"], "Projects")

    def sp_projects_pair(self, i, ts):
        a, b = self.world.coworkers[2], self.world.coworkers[3]
        th = self.fresh_thread(
            a, "coworker", ("W", "W"), subject="[Projet Atlas] Compte rendu de réunion"
        )
        th.coworkers = [a]
        self.thread_step(th, ts, folder_override="Projects", extra_kinds=("projects",))
        th.main = b
        th.coworkers = [b]
        self.thread_step(
            th, self.slot_time(i + 1), folder_override="Projects", extra_kinds=("projects",)
        )

    def sp_malformed_no_date(self, i, ts):
        target = self.pick(self.world.customers)
        m = self.message(
            target,
            [self.user],
            [],
            self.fill(self.pick(self.texts[target.lang]["subjects"]), target.lang, target),
            ts,
            target.lang,
            shape="plain",
        )
        m["date_header"] = False
        self.emit_single(
            m, ["malformed", "malformed_missing_date"], extra={"malformed": "missing Date header"}
        )

    def sp_malformed_garbage_header(self, i, ts):
        target = self.pick(self.world.customers)
        m = self.message(
            target,
            [self.user],
            [],
            self.fill(self.pick(self.texts["en"]["subjects"]), "en", target),
            ts,
            "en",
            shape="plain",
        )
        raw, info = self.compose(m)
        head, body = raw.split(b"\n\n", 1)
        raw = head + b"\nThis line is not a header \xff\xfe garbage\n\n" + body
        self.emit_single(
            m,
            ["malformed", "malformed_garbage_header"],
            raw=raw,
            info=info,
            extra={"malformed": "header line without a colon"},
        )

    def sp_malformed_unterminated(self, i, ts):
        target = self.pick([p for p in self.world.customers if p.lang == "en"])
        m = self.message(
            target,
            [self.user],
            [],
            "Documents for review",
            ts,
            "en",
            shape="plain",
            attach=[("review.pdf", "pdf1", "plain", "utf-8")],
        )
        raw, info = self.compose(m)
        end = raw.rfind(b"\n--")  # drop the closing delimiter and half of the last part
        cut = raw.rfind(b"\n\n", 0, end)
        raw = raw[: cut + (end - cut) // 2]
        for a in info["attachments"]:
            a["truncated"] = True
        self.emit_single(
            m,
            ["malformed", "malformed_unterminated_multipart"],
            raw=raw,
            info=info,
            extra={"malformed": "multipart without its closing boundary, last part truncated"},
        )

    def sp_reply_before_parent(self, i, ts):
        # B's reply-all gets a lower UID than A's message it answers (delivered out of order).
        multi = [(co, ps) for co, ps in self.world.companies if len(ps) >= 2]
        co, people = self.pick(multi)
        a, b = people[0], people[1]
        t1 = self.slot_time(i + 1)
        th = self.fresh_thread(a, "customer_in", ("C", "C"), cc=[b])
        # Build the parent first (ids, text), write the reply first.
        parent_m = self.message(a, [self.user], [b], th.subject, ts, th.lang)
        parent_m["references"] = []
        parent_m["in_reply_to"] = None
        th.root_id = parent_m["message_id"]
        raw_p, info_p = self.compose(parent_m)
        pinfo = self.parent_info(parent_m, {"subject": info_p["subject"]})
        prefix = self.pick(self.texts[th.lang]["reply_prefix"])
        reply_m = self.message(
            b, [self.user, a], [], prefix + th.subject, t1, th.lang, parent=pinfo, reply=True
        )
        reply_m["in_reply_to"] = parent_m["message_id"]
        reply_m["references"] = [parent_m["message_id"]]
        reply_m["in_reply_to_header"] = "<%s>" % parent_m["message_id"]
        reply_m["references_header"] = "<%s>" % parent_m["message_id"]
        self.emit(
            reply_m,
            "INBOX",
            self.kinds_for(reply_m, ["reply", "reply_before_parent"]),
            th.root_id,
            self.flags_for("INBOX", t1),
            sort_secs=ts,
            mtime=t1,
        )
        self.emit(
            parent_m,
            "INBOX",
            self.kinds_for(parent_m, ["thread_root", "parent_after_reply"]),
            th.root_id,
            self.flags_for("INBOX", ts),
            sort_secs=ts,
            mtime=ts,
            raw=raw_p,
            info=info_p,
        )

    def variant_pair(self, i, ts, variant):
        main = self.pick(self.world.customers)
        th = self.fresh_thread(main)
        self.thread_step(th, ts)
        self.thread_step(th, self.slot_time(i + 1), variant=variant)

    def sp_refs_only(self, i, ts):
        self.variant_pair(i, ts, "refs_only")

    def sp_irt_only(self, i, ts):
        self.variant_pair(i, ts, "irt_only")

    def sp_broken_refs(self, i, ts):
        self.variant_pair(i, ts, "broken_refs")

    def sp_irt_comment(self, i, ts):
        self.variant_pair(i, ts, "irt_comment")

    def sp_orphan_reply(self, i, ts):
        self.variant_pair(i, ts, "orphan_reply")

    def sp_japanese(self, i, ts):
        main = self.world.by_charset["iso-2022-jp"][0]
        th = self.fresh_thread(main)
        self.thread_step(th, ts, extra_kinds=("iso_2022_jp",))
        self.thread_step(th, self.slot_time(i + 1))

    def sp_html_script(self, i, ts):
        target = self.pick(
            [
                p
                for p in self.world.customers
                if p.card and p.client in ("outlook", "gmail", "apple")
            ]
        )
        subject = self.fill(self.pick(self.texts[target.lang]["subjects"]), target.lang, target)
        m = self.message(
            target,
            [self.user],
            [],
            subject,
            ts,
            target.lang,
            shape="alt",
            html_opts={"remote": True, "tracking": True, "script": True},
        )
        self.emit_single(m, ["thread_root"])

    def sp_rfc2231_continuation(self, i, ts):
        target = self.world.person_by_email["francois.muller@sgp-patisserie.test"]
        name = "Cahier des charges – Société Générale de Pâtisserie – version finale.pdf"
        subject = "Cahier des charges – version finale"
        m = self.message(
            target,
            [self.user],
            [],
            subject,
            ts,
            "fr",
            attach=[(name, "pdf2", "continuation", "utf-8")],
        )
        self.emit_single(m, ["thread_root", "rfc2231_continuation"])

    def sp_attachment_latin1_name(self, i, ts):
        target = self.world.by_charset["iso-8859-1"][0]
        m = self.message(
            target,
            [self.user],
            [],
            "Fiche société et RIB",
            ts,
            "fr",
            attach=[
                ("Fiche société.pdf", "pdf3", "rfc2231", "iso-8859-1"),
                ("Schéma d'installation.png", "png1", "rfc2231", "utf-8"),
            ],
        )
        self.emit_single(m, ["thread_root", "rfc2231_latin1"])

    def sp_rfc2047_filename(self, i, ts):
        target = self.pick(
            [p for p in self.world.customers if p.client == "outlook" and p.lang == "fr"]
        )
        m = self.message(
            target,
            [self.user],
            [],
            "Proposition commerciale",
            ts,
            "fr",
            attach=[
                (
                    "Proposition commerciale – %s.pdf" % target.company["name"],
                    "pdf4",
                    "rfc2047",
                    "utf-8",
                )
            ],
        )
        self.emit_single(m, ["thread_root"])

    def sp_newsletter(self, i, ts):
        self.newsletter(ts, shape="html_only")

    def sp_org_notice(self, i, ts):
        self.org_notice(ts)

    def sp_utf8_headers(self, i, ts):
        # RFC 6532 raw UTF-8 in header fields.
        sender = self.world.freemail[0]
        m = self.message(
            sender,
            [self.user],
            [],
            "Café ou thé ? Réunion à 15h",
            ts,
            "fr",
            shape="plain",
            cte="8bit",
        )
        m["utf8_headers"] = True
        self.emit_single(m, ["thread_root", "utf8_headers"])

    def sp_coworker_only(self, i, ts):
        w = self.pick(self.world.coworkers)
        th = self.fresh_thread(w, "coworker", ("W", "U"))
        th.lang = w.lang
        th.subject = self.fill(self.pick(self.texts[w.lang]["coworker_subjects"]), w.lang)
        self.thread_step(th, ts)
        self.thread_step(th, self.slot_time(i + 1))

    def sp_coworker_customer(self, i, ts):
        main = self.pick([p for p in self.world.customers if p.card and p.lang in ("en", "fr")])
        th = self.fresh_thread(
            main, "coworker_customer", ("C", "W"), coworkers=[self.pick(self.world.coworkers)]
        )
        self.thread_step(th, ts)
        self.thread_step(th, self.slot_time(i + 1))

    def charset_root(self, ts, charset, cte=None):
        people = [
            p for p in self.world.by_charset[charset] if p.lang != "en" or not is_ascii(p.name)
        ]
        main = self.pick(people)
        lang = main.lang
        subjects = [s for s in self.texts[lang]["subjects"] if not is_ascii(s)] or self.texts[lang][
            "subjects"
        ]
        subject = self.fill(self.pick(subjects), lang, main)
        paras = [self.fill(p, lang, main) for p in self.texts[lang]["paras"][:3]]
        m = self.message(
            main, [self.user], [], subject, ts, lang, paras=paras, shape="plain", cte=cte
        )
        return m

    def sp_charset_iso_8859_1(self, i, ts):
        m = self.charset_root(ts, "iso-8859-1")
        self.emit_single(m, ["thread_root", "charset_iso-8859-1"])

    def sp_charset_windows_1252(self, i, ts):
        m = self.charset_root(ts, "windows-1252")
        self.emit_single(m, ["thread_root", "charset_windows-1252"])

    def sp_charset_iso_8859_15(self, i, ts):
        m = self.charset_root(ts, "iso-8859-15")
        self.emit_single(m, ["thread_root", "charset_iso-8859-15"])

    def sp_cte_b64(self, i, ts):
        m = self.charset_root(ts, "utf-8", cte="b64")
        self.emit_single(m, ["thread_root", "cte_base64"])

    def sp_cte_qp(self, i, ts):
        m = self.charset_root(ts, "utf-8", cte="qp-forced")
        self.emit_single(m, ["thread_root", "cte_quoted_printable"])

    def sp_related_inline(self, i, ts):
        target = self.pick([p for p in self.world.customers if p.client == "outlook" and p.card])
        subject = self.fill(self.pick(self.texts[target.lang]["subjects"]), target.lang, target)
        m = self.message(target, [self.user], [], subject, ts, target.lang, shape="related")
        self.emit_single(m, ["thread_root", "inline_image"])

    # -- driver ---------------------------------------------------------------------------

    def run(self):
        self.writer.start()
        try:
            written = self._run()
        except BaseException:
            try:
                self.writer.finish()
            except Exception:
                pass
            raise
        self.writer.finish()
        return written

    def _run(self):
        self.synced = 0
        self.unsynced = 0
        self.synced_ids = set()
        i = 0
        while i < self.count:
            block = min(BLOCK, self.count - i)
            items = list(SPECIALS)
            self.rng.shuffle(items)
            chosen = []
            used = 0
            for kind, slots in items:
                if used + slots <= block:
                    chosen.append((kind, slots))
                    used += slots
            seq = chosen + [("normal", 1)] * (block - used)
            self.rng.shuffle(seq)
            for kind, slots in seq:
                if kind == "normal":
                    self.normal(self.slot_time(i))
                else:
                    self.special(kind, i)
                i += slots
        return i


class _Placeholders(dict):
    """Template values computed on first use, so unused placeholders cost no randomness."""

    def __init__(self, gen, lang, person, company):
        super().__init__()
        self.args = (gen, lang, person, company)

    def __missing__(self, key):
        gen, lang, person, company = self.args
        value = gen.placeholder(key, lang, person, company)
        self[key] = value
        return value


def as_addr(a):
    if isinstance(a, Person):
        return (a.name, a.email)
    return a


# ---------------------------------------------------------------------------------------------
# Cards


def build_cards(world, user_email, user_name):
    leads = []
    contacts = []
    for co, people in world.companies:
        if co.get("card"):
            contacts.append(
                {
                    "kind": "organisation",
                    "name": co["name"],
                    "organisation": "",
                    "emails": [co["card"]["email"]],
                    "phones": [co["phone"]] if co.get("phone") else [],
                    "address": co.get("address", ""),
                }
            )
        for d, p in zip(co["people"], people):
            if p.card == "lead":
                leads.append(
                    {
                        "name": p.name,
                        "company": co["name"],
                        "title": p.title,
                        "emails": p.emails,
                        "phones": [p.phone] if p.phone else [],
                        "status": d.get("status", "New"),
                        "source": d.get("source", ""),
                    }
                )
            elif p.card == "contact":
                name = p.name
                if "," in name:
                    last, first = name.split(",", 1)
                    name = "%s %s" % (first.strip(), last.strip())
                contacts.append(
                    {
                        "kind": "person",
                        "name": name,
                        "organisation": co["name"],
                        "emails": p.emails,
                        "phones": [p.phone] if p.phone else [],
                        "address": co.get("address", ""),
                    }
                )
    return {
        "version": 1,
        "account": {"email": user_email, "name": user_name},
        "leads": leads,
        "contacts": contacts,
        "deals": world.data["deals"],
    }


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", default="1", help="any string; the same seed gives the same output")
    ap.add_argument("--count", type=int, default=400, help="number of message files (default 400)")
    ap.add_argument("--user", default="sam@example.test")
    ap.add_argument("--user-name", default="Sam Seller")
    ap.add_argument("--maildir", help="Maildir++ root to write (INBOX); created when missing")
    ap.add_argument("--cards", help="write the matching CRM cards (threadline import JSON) here")
    ap.add_argument("--manifest", help="write the expected truth for every message here (JSON)")
    ap.add_argument(
        "--days", type=int, default=365, help="spread dates over this many days before --now"
    )
    ap.add_argument(
        "--now",
        default=DEFAULT_NOW,
        help="ISO date the mailbox is generated at (default %s)" % DEFAULT_NOW,
    )
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    if "@" not in args.user:
        ap.error("--user must be an email address")
    if args.count < 0 or args.days < 1:
        ap.error("--count must be >= 0 and --days >= 1")
    if args.count > 0 and not args.maildir:
        ap.error("--maildir is required unless --count 0")
    with open(WORLD_FILE, encoding="utf-8") as f:
        world = World(json.load(f), args.user, args.user_name)

    t0 = time.monotonic()
    if args.cards:
        cards = build_cards(world, args.user, args.user_name)
        write_text_file(args.cards, json.dumps(cards, ensure_ascii=False, indent=2) + "\n")
    if args.count == 0:
        return 0
    gen = Generator(args, world)
    gen.prepare_dirs()
    manifest_tmp = None
    if args.manifest:
        os.makedirs(os.path.dirname(os.path.abspath(args.manifest)), exist_ok=True)
        manifest_tmp = args.manifest + ".tmp"
        gen.manifest = open(manifest_tmp, "w", encoding="utf-8", buffering=1 << 20)
        head = {
            "version": 1,
            "seed": str(args.seed),
            "count": args.count,
            "now": iso_utc(gen.now),
            "days": args.days,
            "user": {"email": args.user, "name": args.user_name},
            "dropbox": world.dropbox,
            "other_account": world.other_account.email,
            "coworker_domain": world.user_domain,
            "recipient_limit": RECIPIENT_LIMIT,
            "folders": {"INBOX": "", "Sent": ".Sent", "Projects": ".Projects"},
        }
        text = json.dumps(head, ensure_ascii=False, indent=1)
        gen.manifest.write(text[:-2] + ',\n "messages": [')
    written = gen.run()
    if gen.manifest is not None:
        counts = {
            "files": written,
            "INBOX": gen.counts.get("INBOX", 0),
            "Sent": gen.counts.get("Sent", 0),
            "Projects": gen.counts.get("Projects", 0),
            "sync_expected": gen.synced,
            "sync_expected_unique_message_ids": len(gen.synced_ids),
            "not_synced": gen.unsynced,
            "kinds": dict(sorted(gen.kind_counts.items())),
        }
        gen.manifest.write(
            '\n ],\n "counts": %s\n}\n' % json.dumps(counts, ensure_ascii=False, sort_keys=False)
        )
        gen.manifest.close()
        os.replace(manifest_tmp, args.manifest)
    if not args.quiet:
        print(
            "mailgen: %d files (INBOX %d, Sent %d, Projects %d) in %s in %.2f s"
            % (
                written,
                gen.counts.get("INBOX", 0),
                gen.counts.get("Sent", 0),
                gen.counts.get("Projects", 0),
                args.maildir,
                time.monotonic() - t0,
            ),
            file=sys.stderr,
        )
    return 0


def write_text_file(path, text):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


if __name__ == "__main__":
    sys.exit(main())
