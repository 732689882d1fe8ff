#!/usr/bin/python3
"""Unit tests of tests/support/mailgen.py (no mail stack needed).

Run one test:  python3 test_mailgen.py MailgenTest.test_determinism
Run all:       python3 test_mailgen.py
MAILGEN may point at the generator; by default it is found relative to this file.
"""

import email.header
import email.utils
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest
from email import policy
from email.parser import BytesParser

HERE = os.path.dirname(os.path.abspath(__file__))
MAILGEN = os.environ.get("MAILGEN", os.path.join(HERE, "..", "..", "support", "mailgen.py"))
COUNT = 400  # the default size of the demo and most tests
FOLDERS = {"INBOX": "", "Sent": ".Sent", "Projects": ".Projects"}

# Every kind the default mix must contain at least once (issue 2 and the sync tests of issue 4).
REQUIRED_KINDS = [
    "rfc2047_filename",
    "text_plain",
    "text_html",
    "multipart_alternative",
    "multipart_related",
    "attachments",
    "html_remote_image",
    "html_script",
    "html_tracking_pixel",
    "rfc2231_continuation",
    "rfc2231_latin1",
    "reply",
    "thread_root",
    "refs_only",
    "irt_only",
    "broken_refs",
    "irt_comment",
    "orphan_reply",
    "reply_before_parent",
    "self_cc",
    "over_100_recipients",
    "exactly_100_recipients",
    "bcc",
    "bounce",
    "dsn_full_message",
    "dsn_headers_only",
    "dropbox",
    "malformed_missing_date",
    "malformed_garbage_header",
    "malformed_unterminated_multipart",
    "projects",
    "coworker_thread",
    "coworker_customer_thread",
    "iso_2022_jp",
    "utf8_headers",
    "charset_iso-8859-1",
    "charset_windows-1252",
    "charset_iso-8859-15",
    "cte_base64",
    "cte_quoted_printable",
    "newsletter",
    "organisation_sender",
]
REQUIRED_CHARSETS = ["utf-8", "iso-8859-1", "windows-1252", "iso-8859-15", "iso-2022-jp"]


def generate(outdir, seed="1", count=COUNT, extra=()):
    cmd = [
        sys.executable,
        MAILGEN,
        "--seed",
        str(seed),
        "--count",
        str(count),
        "--user",
        "sam@example.test",
        "--user-name",
        "Sam Seller",
        "--maildir",
        os.path.join(outdir, "Maildir"),
        "--cards",
        os.path.join(outdir, "cards.json"),
        "--manifest",
        os.path.join(outdir, "manifest.json"),
        "--quiet",
    ] + list(extra)
    subprocess.run(cmd, check=True)
    with open(os.path.join(outdir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    with open(os.path.join(outdir, "cards.json"), encoding="utf-8") as f:
        cards = json.load(f)
    return manifest, cards


def tree(root):
    """{relative path: (bytes, mtime)} of every file under root."""
    out = {}
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, root)] = (f.read(), int(os.stat(path).st_mtime))
    return out


def dovecot_sort_key(name):
    """The order Dovecot gives new Maildir files UIDs in (maildir_filename_sort_cmp)."""
    m = re.match(r"(\d*)\.([^.:]*)", name)
    usecs = re.search(r"M(\d+)", m.group(2))
    base = name.split(":", 1)[0]
    return (int(m.group(1) or 0), int(usecs.group(1)) if usecs else -1, base)


def parse(raw):
    return BytesParser(policy=policy.default).parsebytes(raw)


def decode_param(value):
    if value and value.startswith("=?"):
        return str(email.header.make_header(email.header.decode_header(value)))
    return value


def addresses(msg, field):
    header = msg[field]
    if header is None:
        return []
    return [a.addr_spec for a in header.addresses]


def all_defects(msg):
    out = list(msg.defects)
    for part in msg.walk():
        if part is not msg:
            out.extend(part.defects)
        for _, value in part.items():
            out.extend(getattr(value, "defects", ()))
    return out


class Generated:
    """One generation shared by the tests of a process."""

    _cache = {}

    @classmethod
    def get(cls, seed="1", count=COUNT):
        key = (seed, count)
        if key not in cls._cache:
            tmp = tempfile.TemporaryDirectory(prefix="mailgen-test-")
            manifest, cards = generate(tmp.name, seed, count)
            cls._cache[key] = (tmp, manifest, cards)
        tmp, manifest, cards = cls._cache[key]
        return tmp.name, manifest, cards


class MailgenTest(unittest.TestCase):
    maxDiff = None

    def load(self):
        root, manifest, cards = Generated.get()
        return os.path.join(root, "Maildir"), manifest, cards

    def read(self, maildir, entry):
        with open(os.path.join(maildir, entry["file"]), "rb") as f:
            return f.read()

    def test_determinism(self):
        with tempfile.TemporaryDirectory() as root:
            a, b, c = (os.path.join(root, x) for x in "abc")
            generate(a, seed="7")
            generate(b, seed="7")
            generate(c, seed="8")
            ta, tb, tc = tree(a), tree(b), tree(c)
            self.assertEqual(sorted(ta), sorted(tb))
            for path in ta:
                if path.startswith("Maildir"):
                    self.assertEqual(ta[path], tb[path], path)  # bytes and mtime
                else:
                    self.assertEqual(ta[path][0], tb[path][0], path)
            mail_a = {p: v for p, v in ta.items() if p.startswith("Maildir")}
            mail_c = {p: v for p, v in tc.items() if p.startswith("Maildir")}
            self.assertNotEqual(sorted(mail_a), sorted(mail_c))
            self.assertNotEqual(
                sorted(v[0] for v in mail_a.values()), sorted(v[0] for v in mail_c.values())
            )
            self.assertNotEqual(ta["manifest.json"][0], tc["manifest.json"][0])

    def test_every_file_parses(self):
        maildir, manifest, _ = self.load()
        for e in manifest["messages"]:
            raw = self.read(maildir, e)
            msg = parse(raw)
            defects = all_defects(msg)
            with self.subTest(file=e["file"], kinds=e["kinds"]):
                if e["is_malformed"]:
                    if "malformed_missing_date" in e["kinds"]:
                        self.assertIsNone(msg["Date"])
                    else:
                        self.assertTrue(defects, "a deliberately malformed message parsed cleanly")
                    continue
                if "utf8_headers" in e["kinds"]:
                    defects = [d for d in defects if "Non-ASCII" not in str(d)]
                if "rfc2047_filename" in e["kinds"]:
                    defects = [
                        d
                        for d in defects
                        if "encoded word inside quoted string" not in str(d)
                        and "trailing whitespace after encoded-word" not in str(d)
                    ]
                self.assertEqual(defects, [])
                self.assertEqual(str(msg["Message-ID"]).strip(), "<%s>" % e["message_id"])
                self.assertEqual(str(msg["Subject"]), e["subject"])
                self.assertEqual(addresses(msg, "From"), [e["from"]])
                self.assertEqual(addresses(msg, "To"), e["to"])
                self.assertEqual(addresses(msg, "Cc"), e["cc"])
                self.assertEqual(addresses(msg, "Bcc"), e["bcc"])
                if not e["is_bounce"]:
                    name = msg["From"].addresses[0].display_name
                    if "utf8_headers" in e["kinds"]:  # Python keeps raw UTF-8 as surrogate escapes
                        name = name.encode("utf-8", "surrogateescape").decode("utf-8")
                    self.assertEqual(name, e["from_name"])
                self.assertEqual(
                    email.utils.parsedate_to_datetime(str(msg["Date"])).timestamp(), _iso(e["date"])
                )
                irt = msg["In-Reply-To"]
                if e["in_reply_to"]:
                    self.assertIn("<%s>" % e["in_reply_to"], str(irt))
                elif "orphan_reply" in e["kinds"] or "refs_only" in e["kinds"]:
                    self.assertIsNone(irt)
                refs = re.findall(r"<([^<>\s]+)>", str(msg["References"] or ""))
                self.assertEqual(refs, e["references"])
                names = []
                for part in msg.walk():
                    if part.get_content_disposition() == "attachment" or part.get("Content-ID"):
                        names.append(decode_param(part.get_filename()))
                        payload = part.get_payload(decode=True)
                        self.assertIn(payload[:4], (b"%PDF", b"\x89PNG"))
                    elif part.get_content_maintype() == "text":
                        part.get_content()  # decodes the charset and transfer encoding
                self.assertEqual(names, [a["filename"] for a in e["attachments"]])
                self.assertEqual(
                    e["has_attachments"], any(not a["inline"] for a in e["attachments"])
                )

    def test_counts_match_files(self):
        maildir, manifest, _ = self.load()
        msgs = manifest["messages"]
        counts = manifest["counts"]
        self.assertEqual(len(msgs), COUNT)
        self.assertEqual(counts["files"], COUNT)
        on_disk = {}
        for folder, sub in FOLDERS.items():
            names = []
            for d in ("cur", "new"):
                names += [os.path.join(d, n) for n in os.listdir(os.path.join(maildir, sub, d))]
            self.assertEqual(os.listdir(os.path.join(maildir, sub, "tmp")), [])
            on_disk[folder] = names
            self.assertEqual(len(names), counts[folder], folder)
            self.assertEqual(len([m for m in msgs if m["folder"] == folder]), counts[folder])
            # UIDs: a fresh Dovecot numbers files in file-name order; the manifest says which.
            ordered = sorted(names, key=lambda p: dovecot_sort_key(os.path.basename(p)))
            expected = [
                m["file"]
                for m in sorted((m for m in msgs if m["folder"] == folder), key=lambda m: m["uid"])
            ]
            self.assertEqual([os.path.join(sub, p) if sub else p for p in ordered], expected)
            self.assertEqual(
                sorted(m["uid"] for m in msgs if m["folder"] == folder),
                list(range(1, counts[folder] + 1)),
            )
        self.assertEqual(sum(counts[f] for f in FOLDERS), COUNT)
        self.assertGreaterEqual(counts["Projects"], 3)
        for m in msgs:
            st = os.stat(os.path.join(maildir, m["file"]))
            self.assertEqual(st.st_size, m["size"])
            self.assertEqual(int(st.st_mtime), _iso(m["internaldate"]))
            self.assertIn(",S=%d," % m["size"], m["file"])
        self.assertEqual(counts["sync_expected"], len([m for m in msgs if m["sync_expected"]]))
        self.assertEqual(
            counts["sync_expected_unique_message_ids"],
            len({m["message_id"] for m in msgs if m["sync_expected"]}),
        )
        kinds = {}
        for m in msgs:
            for k in m["kinds"]:
                kinds[k] = kinds.get(k, 0) + 1
        for k in REQUIRED_KINDS:
            self.assertGreaterEqual(kinds.get(k, 0), 1, k)
            self.assertEqual(counts["kinds"][k], kinds[k], k)
        charsets = {c for m in msgs for c in m["charsets"]}
        for c in REQUIRED_CHARSETS:
            self.assertIn(c, charsets)

    def test_encodings_present(self):
        maildir, manifest, _ = self.load()
        words = set()
        ctes = set()
        for e in manifest["messages"]:
            raw = self.read(maildir, e)
            head = raw.split(b"\n\n", 1)[0]
            words.update(
                (cs.lower(), enc.upper())
                for cs, enc in re.findall(rb"=\?([^?]+)\?([QqBb])\?", head)
            )
            ctes.update(
                c.lower() for c in re.findall(rb"(?im)^Content-Transfer-Encoding:\s*(\S+)", raw)
            )
        for cs in (b"utf-8", b"iso-8859-1", b"windows-1252", b"iso-8859-15", b"iso-2022-jp"):
            self.assertTrue({(cs, b"Q"), (cs, b"B")} & words, cs)
        self.assertIn((b"utf-8", b"Q"), words)
        self.assertIn((b"utf-8", b"B"), words)
        for cte in (b"7bit", b"8bit", b"quoted-printable", b"base64"):
            self.assertIn(cte, ctes)

    def test_dates_and_order(self):
        _, manifest, _ = self.load()
        now = _iso(manifest["now"])
        start = now - manifest["days"] * 86400
        for folder in FOLDERS:
            msgs = sorted(
                (m for m in manifest["messages"] if m["folder"] == folder), key=lambda m: m["uid"]
            )
            last = 0
            for m in msgs:
                t = _iso(m["internaldate"])
                self.assertTrue(start <= t <= now + 60, m["file"])
                if "reply_before_parent" not in m["kinds"]:
                    self.assertGreaterEqual(t, last, m["file"])  # older mail first in UID order
                    last = t

    def test_recipient_limit(self):
        maildir, manifest, _ = self.load()
        over = [m for m in manifest["messages"] if m["recipient_count"] > 100]
        self.assertGreaterEqual(len(over), 2)
        self.assertTrue(any(m["folder"] == "Sent" and m["bcc"] for m in over))
        for m in over:
            self.assertFalse(m["sync_expected"])
            msg = parse(self.read(maildir, m))
            n = sum(len(addresses(msg, f)) for f in ("To", "Cc", "Bcc"))
            self.assertEqual(n, m["recipient_count"])
        exact = [m for m in manifest["messages"] if "exactly_100_recipients" in m["kinds"]]
        self.assertTrue(exact)
        for m in exact:
            self.assertEqual(m["recipient_count"], 100)
            self.assertTrue(m["sync_expected"])

    def test_bounces_are_rfc3464(self):
        maildir, manifest, _ = self.load()
        by_id = {}
        for m in manifest["messages"]:
            by_id.setdefault(m["message_id"], []).append(m)
        bounces = [m for m in manifest["messages"] if m["is_bounce"]]
        self.assertGreaterEqual(len(bounces), 2)
        for b in bounces:
            msg = parse(self.read(maildir, b))
            self.assertEqual(msg.get_content_type(), "multipart/report")
            self.assertEqual(msg.get_param("report-type"), "delivery-status")
            parts = msg.get_payload()
            self.assertEqual(parts[0].get_content_type(), "text/plain")
            self.assertEqual(parts[1].get_content_type(), "message/delivery-status")
            per_message, *per_recipient = parts[1].get_payload()
            self.assertTrue(per_message["Reporting-MTA"].startswith("dns;"))
            self.assertTrue(per_recipient)
            for r in per_recipient:
                self.assertEqual(r["Action"], "failed")
                self.assertRegex(r["Status"], r"^5\.\d+\.\d+$")
                self.assertIn(r["Final-Recipient"].split(";", 1)[1].strip(), b["bounce_recipients"])
            self.assertIn(parts[2].get_content_type(), ("message/rfc822", "text/rfc822-headers"))
            if parts[2].get_content_type() == "message/rfc822":
                returned = parts[2].get_payload()[0]
                original = by_id[b["bounce_of"]][0]
                self.assertEqual(
                    returned.as_bytes(policy=policy.SMTP.clone(linesep="\n")).split(b"\n\n")[0],
                    self.read(maildir, original).split(b"\n\n")[0],
                )
            else:
                returned = parse(
                    parts[2].get_payload(decode=True) or parts[2].get_payload().encode()
                )
            self.assertEqual(str(returned["Message-ID"]).strip(), "<%s>" % b["bounce_of"])
            original = by_id[b["bounce_of"]]
            self.assertEqual([o["folder"] for o in original], ["Sent"])
            self.assertLess(_iso(original[0]["internaldate"]), _iso(b["internaldate"]))

    def test_threads(self):
        maildir, manifest, _ = self.load()
        msgs = manifest["messages"]
        by_id = {}
        for m in msgs:
            by_id.setdefault(m["message_id"], []).append(m)
        for m in msgs:
            self.assertIn(m["thread_key"], by_id, m["file"])
            root = by_id[m["thread_key"]][0]
            self.assertEqual(root["thread_key"], root["message_id"])
            if m["in_reply_to"]:
                self.assertIn(m["in_reply_to"], by_id)
                self.assertEqual(by_id[m["in_reply_to"]][0]["thread_key"], m["thread_key"])
            if m["sync_expected"] and m["thread_key"] != m["message_id"]:
                self.assertTrue(
                    root["sync_expected"], "a synced reply's root is not synced: %s" % m["file"]
                )
        rbp = [m for m in msgs if "reply_before_parent" in m["kinds"]]
        self.assertTrue(rbp)
        for m in rbp:
            parent = by_id[m["in_reply_to"]][0]
            self.assertEqual(parent["folder"], m["folder"])
            self.assertLess(m["uid"], parent["uid"])
            self.assertGreater(_iso(m["internaldate"]), _iso(parent["internaldate"]))
        self_cc = [m for m in msgs if "self_cc" in m["kinds"]]
        self.assertTrue(self_cc)
        for mid, copies in by_id.items():  # ids are unique but for the self-cc pair
            self.assertEqual(len(copies), 2 if "self_cc" in copies[0]["kinds"] else 1, mid)
        for m in self_cc:
            self.assertEqual(sorted(x["folder"] for x in by_id[m["message_id"]]), ["INBOX", "Sent"])
        for m in msgs:
            if m["is_dropbox"]:
                msg = parse(self.read(maildir, m))
                self.assertEqual(msg["Delivered-To"], manifest["dropbox"])
                self.assertEqual(msg["X-Original-To"], manifest["dropbox"])
                self.assertEqual(m["from"], manifest["other_account"])
                self.assertEqual(m["folder"], "INBOX")
            if m["folder"] == "Sent":
                self.assertIn(m["from"], (manifest["user"]["email"],))
            if m["folder"] == "Projects":
                self.assertFalse(m["sync_expected"])
        self.assertTrue(any(m["coworker_only"] and m["sync_expected"] for m in msgs))
        orphans = [m for m in msgs if "orphan_reply" in m["kinds"]]
        for m in orphans:
            self.assertEqual(m["thread_key"], m["message_id"])
            self.assertIn(m["subject_root"], by_id)

    def test_cards(self):
        _, manifest, cards = self.load()
        self.assertEqual(set(cards), {"version", "account", "leads", "contacts", "deals"})
        self.assertEqual(cards["version"], 1)
        self.assertEqual(cards["account"], {"email": "sam@example.test", "name": "Sam Seller"})
        lead_keys = {"name", "company", "title", "emails", "phones", "status", "source"}
        contact_keys = {"kind", "name", "organisation", "emails", "phones", "address"}
        deal_keys = {"name", "stage", "value", "currency", "closeDate", "contacts"}
        self.assertTrue(8 <= len(cards["leads"]) <= 14)
        self.assertTrue(12 <= len(cards["contacts"]) <= 20)
        self.assertTrue(6 <= len(cards["deals"]) <= 10)
        all_emails = []
        for lead in cards["leads"]:
            self.assertEqual(set(lead), lead_keys)
            self.assertIn(lead["status"], ("New", "Contacted", "Qualified", "Unqualified"))
            self._strings(lead, ("name", "company", "title", "source"))
            self._email_list(lead["emails"])
            all_emails += lead["emails"]
        contact_emails = set()
        for c in cards["contacts"]:
            self.assertEqual(set(c), contact_keys)
            self.assertIn(c["kind"], ("person", "organisation"))
            self._strings(c, ("name", "organisation", "address"))
            self._email_list(c["emails"])
            all_emails += c["emails"]
            contact_emails.update(c["emails"])
        self.assertTrue(any(c["kind"] == "organisation" for c in cards["contacts"]))
        self.assertTrue(any(len(c["emails"]) == 2 for c in cards["contacts"]))
        self.assertTrue(any(len(c["emails"]) == 2 for c in cards["leads"]))
        self.assertEqual(
            len(all_emails), len(set(e.lower() for e in all_emails)), "an address on two cards"
        )
        for d in cards["deals"]:
            self.assertEqual(set(d), deal_keys)
            self.assertIn(
                d["stage"],
                ("Incoming", "Qualified", "Quote", "Closure", "Won", "Unqualified", "Lost"),
            )
            self.assertIn(d["currency"], ("EUR", "USD", "GBP"))
            self.assertRegex(d["value"], r"^\d+\.\d\d$")
            self.assertRegex(d["closeDate"], r"^\d{4}-\d\d-\d\d$")
            self.assertTrue(d["contacts"])
            for e in d["contacts"]:
                self.assertIn(e, contact_emails)
        for obj in cards["leads"] + cards["contacts"]:
            for p in obj["phones"]:
                self.assertRegex(p, r"^\+[0-9 ]+$")
        # Some mail is untracked (no card), and card addresses do appear in mail.
        card_set = {e.lower() for e in all_emails}
        correspondents = {
            m["from"].lower()
            for m in manifest["messages"]
            if m["folder"] == "INBOX" and not m["is_bounce"]
        }
        correspondents -= {manifest["user"]["email"], manifest["other_account"]}
        correspondents = {
            c for c in correspondents if not c.endswith("@" + manifest["coworker_domain"])
        }
        self.assertTrue(correspondents - card_set, "no untracked correspondent")
        self.assertTrue(correspondents & card_set, "no mail from a card")
        for m in manifest["messages"]:
            expected = {a.lower() for a in [m["from"]] + m["to"] + m["cc"] + m["bcc"]} & card_set
            self.assertEqual(set(m["card_emails"]), expected, m["file"])

    def test_small_and_cards_only(self):
        with tempfile.TemporaryDirectory() as d:
            manifest, _ = generate(d, seed="x", count=60)
            self.assertEqual(manifest["counts"]["files"], 60)
            self.assertEqual(len(manifest["messages"]), 60)
            for k in REQUIRED_KINDS:  # every special case fits in 60 files
                self.assertIn(k, manifest["counts"]["kinds"])
            out = os.path.join(d, "only.json")
            subprocess.run(
                [sys.executable, MAILGEN, "--count", "0", "--cards", out, "--quiet"], check=True
            )
            with open(out, encoding="utf-8") as f:
                self.assertEqual(json.load(f)["version"], 1)

    def _strings(self, obj, keys):
        for k in keys:
            self.assertIsInstance(obj[k], str, k)

    def _email_list(self, emails):
        self.assertIsInstance(emails, list)
        self.assertTrue(emails)
        for e in emails:
            self.assertRegex(e, r"^[^@\s]+@[^@\s]+\.test$")


def _iso(text):
    from datetime import datetime

    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp())


if __name__ == "__main__":
    unittest.main()
