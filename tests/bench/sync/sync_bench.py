#!/usr/bin/python3
"""Times Threadline's initial sync and no-change resync against mbsync and the wire's ceiling.

In one run, on one mailbox of a private mail stack (tests/support/mailstack.py):
  * `threadline sync --once` from an empty profile, then a no-change resync;
  * mbsync (isync 1.4.4) with `FSync no`, then with its default (fsync per message), each from
    an empty Maildir, then a no-change resync of each;
  * a minimal raw fetch, `UID FETCH 1:* BODY.PEEK[]` of INBOX and Sent over TLS (the wire's
    ceiling), and a minimal no-change check (login + SELECT (CONDSTORE) of both folders).
Warms Dovecot's index first (a flags-only fetch). Prints medians of --runs runs and the ratios.
Not a test: it never fails on the figures. Standard library only; run as root (the stack is).

  tests/bench/sync/sync_bench.py --threadline BUILD/threadline [--count 10000] [--runs 5]
"""

import argparse
import imaplib
import json
import os
import re
import resource
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
MAILSTACK = os.path.join(SOURCE, "tests", "support", "mailstack.py")
MAILGEN = os.path.join(SOURCE, "tests", "support", "mailgen.py")
PYTHON = "/usr/bin/python3"
PASSWORD = "bench-password"


def log(*args):
    print(*args, file=sys.stderr, flush=True)


def run(cmd, env=None, stdin=None, check=True, quiet=True):
    result = subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def machine_busy():
    """Core-seconds every CPU of the machine spent not idle so far (/proc/stat)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


# Core-seconds of the last timed() run: the process's own (user + system), the system part
# of it, and the whole machine's (the process, Dovecot, the kernel's writeback), for the CPU
# table. A filesystem that creates files slowly shows as system time: for 10,000 messages
# mbsync spent 2.5-6.7 s of it on a /tmp whose inode allocator crawled, against 0.58 s of CPU
# in all on a fresh directory.
last_cpu = {}


def timed(cmd, env=None):
    # Every contender starts with no dirty pages of the one before still being written back
    # (on a small VM that writeback otherwise lands on whoever runs next).
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy = machine_busy()
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    last_cpu["own"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    last_cpu["system"] = after.ru_stime - before.ru_stime
    last_cpu["machine"] = machine_busy() - busy
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({result.returncode}):\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return elapsed, result.stdout


def read_env(stack_dir):
    values = {}
    with open(os.path.join(stack_dir, "stack.env")) as f:
        for line in f:
            if "=" in line:
                key, value = line.rstrip("\n").split("=", 1)
                values[key] = value
    return values


def tls_context(ca_file):
    return ssl.create_default_context(cafile=ca_file)


def imap_connect(env):
    return imaplib.IMAP4_SSL(env["HOST"], int(env["IMAPS_PORT"]), ssl_context=tls_context(env["CA_FILE"]))


def warm(env, user):
    # Dovecot builds its index and cache on the first scan: do that before timing anything.
    imap = imap_connect(env)
    imap.login(user, PASSWORD)
    for folder in ("INBOX", "Sent"):
        imap.select(folder, readonly=True)
        imap.uid("FETCH", "1:*", "(FLAGS)")
        imap.uid("FETCH", "1:*", "(ENVELOPE BODYSTRUCTURE RFC822.SIZE)")
    imap.logout()


class RawClient:
    """A minimal IMAP client over TLS that counts bytes and waits for tagged answers."""

    def __init__(self, env):
        raw = socket.create_connection((env["HOST"], int(env["IMAPS_PORT"])))
        raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = tls_context(env["CA_FILE"]).wrap_socket(raw, server_hostname=env["HOST"])
        self.buffer = bytearray()
        self.received = 0
        self.tag = 0
        self.read_until(b"\r\n")

    def read_until(self, marker):
        # The buffer starts at a line boundary, so "\r\nTAG " also matches "TAG " at its start.
        line_start = marker.startswith(b"\r\n")
        scanned = 0
        while True:
            if line_start and self.buffer.startswith(marker[2:]):
                del self.buffer[: len(marker) - 2]
                return
            index = self.buffer.find(marker, max(0, scanned - len(marker)))
            if index >= 0:
                del self.buffer[: index + len(marker)]
                return
            scanned = len(self.buffer)
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise SystemExit("raw client: connection closed")
            self.received += len(chunk)
            self.buffer += chunk
            # Literals are counted, not parsed (this is the ceiling): keep only a tail.
            if len(self.buffer) > (1 << 21):
                del self.buffer[: len(self.buffer) - 4096]
                scanned = len(self.buffer)

    def command(self, text):
        self.tag += 1
        tag = b"zq%dx" % self.tag  # unlikely at the start of a line of mail
        self.sock.sendall(tag + b" " + text + b"\r\n")
        self.read_until(b"\r\n" + tag + b" ")
        self.read_until(b"\r\n")

    def close(self):
        self.command(b"LOGOUT")
        self.sock.close()


def raw_fetch(env, user):
    os.sync()
    start = time.perf_counter()
    client = RawClient(env)
    client.command(b'LOGIN "%s" "%s"' % (user.encode(), PASSWORD.encode()))
    for folder in (b"INBOX", b"Sent"):
        client.command(b"EXAMINE " + folder)
        client.command(b"UID FETCH 1:* BODY.PEEK[]")
    client.close()
    return time.perf_counter() - start, client.received


def raw_check(env, user):
    start = time.perf_counter()
    client = RawClient(env)
    client.command(b'LOGIN "%s" "%s"' % (user.encode(), PASSWORD.encode()))
    for folder in (b"INBOX", b"Sent"):
        client.command(b"EXAMINE " + folder + b" (CONDSTORE)")
    client.close()
    return time.perf_counter() - start


def mbsync_config(path, env, user, maildir, fsync):
    with open(path, "w") as f:
        f.write(f"""{'FSync no' if not fsync else '# FSync: the default (yes)'}

IMAPAccount bench
# The certificate names localhost (isync 1.4.4 does not match IP addresses).
Host localhost
Port {env['IMAPS_PORT']}
User {user}
Pass {PASSWORD}
SSLType IMAPS
CertificateFile {env['CA_FILE']}

IMAPStore bench-remote
Account bench

MaildirStore bench-local
Path {maildir}/
Inbox {maildir}/INBOX
SubFolders Verbatim

Channel bench
Far :bench-remote:
Near :bench-local:
Patterns INBOX Sent
Create Near
Sync Pull
Expunge None
SyncState *
""")


def median(values):
    return statistics.median(values) if values else float("nan")


def fmt(seconds):
    return f"{seconds * 1000:9.1f} ms" if seconds < 1 else f"{seconds:9.3f} s "


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--threadline", required=True, help="the threadline binary")
    ap.add_argument("--count", type=int, default=10000, help="messages to generate (default 10000)")
    ap.add_argument("--runs", type=int, default=5, help="runs per measurement (default 5)")
    ap.add_argument("--fsync-runs", type=int, default=3, help="runs of mbsync's default (slow)")
    ap.add_argument("--work", help="folder for the stack and profiles (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="leave the stack running and the files")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()

    work = args.work or tempfile.mkdtemp(prefix="threadline-bench-")
    os.makedirs(work, exist_ok=True)
    # mkdtemp makes the folder 0700; Dovecot's unprivileged processes must reach the stack in it.
    os.chmod(work, 0o755)
    stack_dir = os.path.join(work, "stack")
    log(f"bench: work folder {work}")
    run([PYTHON, MAILSTACK, "start", "--dir", stack_dir], stdin="")
    try:
        env = read_env(stack_dir)
        proc_env = dict(os.environ)
        for key in ("DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "HOME"):
            proc_env[key] = env[key]
        proc_env.pop("DISPLAY", None)
        proc_env["QT_QPA_PLATFORM"] = "offscreen"

        user = run([PYTHON, MAILSTACK, "adduser", "--dir", stack_dir,
                    f"bench-{os.getpid()}@{env['DOMAIN']}", PASSWORD]).stdout.strip()
        maildir = run([PYTHON, MAILSTACK, "maildir", "--dir", stack_dir, user]).stdout.strip()
        log(f"bench: generating {args.count} messages for {user}")
        started = time.perf_counter()
        run([PYTHON, MAILGEN, "--seed", "bench", "--count", str(args.count), "--user", user,
             "--maildir", maildir, "--quiet"])
        run([PYTHON, MAILSTACK, "fix-perms", "--dir", stack_dir, user])
        log(f"bench: generated in {time.perf_counter() - started:.1f} s; warming Dovecot's index")
        warm(env, user)

        # The account, checked and stored once (password in the stack's keychain).
        template = os.path.join(work, "profile-template")
        shutil.rmtree(template, ignore_errors=True)
        run([args.threadline, "account", "add", "--profile", template, "--email", user,
             "--imap-host", env["HOST"], "--imap-port", env["IMAPS_PORT"], "--imap-security", "tls",
             "--smtp-host", env["HOST"], "--smtp-port", env["SUBMISSIONS_PORT"],
             "--smtp-security", "tls", "--ca-file", env["CA_FILE"], "--password-stdin"],
            env=proc_env, stdin=PASSWORD + "\n")

        results = {"count": args.count, "runs": args.runs}
        figures = {}

        samples = {}
        # Removed only after the last run: ext4 skips recently deleted inodes when it creates
        # files (recently_deleted() in its inode allocator), so deleting one run's 10,000
        # files makes the next run's file creation crawl — mbsync's above all.
        leftovers = []

        def add(name, value):
            samples.setdefault(name, []).append(value)

        cpu = {}

        def add_cpu(name):
            for kind, value in last_cpu.items():
                cpu.setdefault(name, {}).setdefault(kind, []).append(value)

        def threadline_run(i):
            profile = os.path.join(work, f"profile-{i}")
            shutil.rmtree(profile, ignore_errors=True)
            shutil.copytree(template, profile)
            elapsed, out = timed([args.threadline, "sync", "--once", "--profile", profile], env=proc_env)
            add("threadline initial", elapsed)
            add_cpu("threadline initial")
            results["threadline_summary"] = out.strip().splitlines()[-1]
            match = re.search(r"signing in ([0-9.]+) s, syncing ([0-9.]+) s", out)
            if match:
                add("threadline initial (sync part)", float(match.group(2)))
            elapsed, out = timed([args.threadline, "sync", "--once", "--profile", profile], env=proc_env)
            add("threadline no-change resync", elapsed)
            match = re.search(r"signing in ([0-9.]+) s, syncing ([0-9.]+) s", out)
            if match:
                add("threadline no-change resync (sync part)", float(match.group(2)))
            if i == 0:
                results["threadline_db_bytes"] = os.path.getsize(os.path.join(profile, "threadline.sqlite"))
            leftovers.append(profile)

        def mbsync_run(fsync, i):
            label = "mbsync FSync yes (default)" if fsync else "mbsync FSync no"
            local = os.path.join(work, f"mbsync-{'fsync' if fsync else 'nofsync'}-{i}")
            shutil.rmtree(local, ignore_errors=True)
            os.makedirs(local)
            conf = os.path.join(work, f"mbsyncrc-{'fsync' if fsync else 'nofsync'}")
            mbsync_config(conf, env, user, local, fsync)
            elapsed, _ = timed(["mbsync", "-q", "-c", conf, "bench"])
            add(f"{label} initial", elapsed)
            add_cpu(f"{label} initial")
            # isync 1.4.4 waits a second when run again within a second of writing its
            # Maildir (TESTING.md): let that second pass before the resync.
            time.sleep(1.2)
            elapsed, _ = timed(["mbsync", "-q", "-c", conf, "bench"])
            add(f"{label} no-change resync", elapsed)
            leftovers.append(local)

        def raw_run():
            elapsed, received = raw_fetch(env, user)
            add("raw UID FETCH 1:* BODY.PEEK[] (wire ceiling)", elapsed)
            add("raw login + SELECT (CONDSTORE) x2 (no-change floor)", raw_check(env, user))
            results["raw_bytes"] = received

        # Interleaved run by run, so drift on a noisy machine touches every contender alike.
        for i in range(args.runs):
            log(f"bench: run {i + 1} of {args.runs}")
            raw_run()
            threadline_run(i)
            mbsync_run(False, i)
            if i < args.fsync_runs:
                mbsync_run(True, i)
        order = ["raw UID FETCH 1:* BODY.PEEK[] (wire ceiling)",
                 "raw login + SELECT (CONDSTORE) x2 (no-change floor)",
                 "threadline initial", "threadline initial (sync part)",
                 "threadline no-change resync", "threadline no-change resync (sync part)",
                 "mbsync FSync no initial", "mbsync FSync no no-change resync",
                 "mbsync FSync yes (default) initial", "mbsync FSync yes (default) no-change resync"]
        for name in order:
            figures[name] = median(samples.get(name, []))
        results["samples"] = samples
        for path in leftovers:
            shutil.rmtree(path, ignore_errors=True)

        results["figures"] = figures
        print(f"\nSync benchmark: {args.count} messages ({results['raw_bytes'] / 1e6:.1f} MB on the wire "
              f"for whole bodies), medians of {args.runs} runs ({args.fsync_runs} for mbsync's default)")
        print(f"  {results['threadline_summary']}")
        print(f"  {'':55s} {'median':>12s}   (min – max)")
        for name, value in figures.items():
            values = samples.get(name, [])
            spread = f"({fmt(min(values)).strip()} – {fmt(max(values)).strip()})" if values else ""
            print(f"  {name:55s} {fmt(value)}   {spread}")
        print("\nCPU of the initial syncs, medians in core-seconds (the machine has "
              f"{os.cpu_count()} cores; 'whole machine' adds Dovecot and the kernel's writeback):")
        print(f"  {'':55s} {'own':>10s} {'of it system':>13s} {'whole machine':>14s}")
        for name, kinds in cpu.items():
            print(f"  {name:55s} {median(kinds['own']):9.2f}s {median(kinds['system']):12.2f}s "
                  f"{median(kinds['machine']):13.2f}s")
        results["cpu"] = cpu
        t = figures["threadline initial"]
        print("\nRatios (lower is better for threadline):")
        for other in ("mbsync FSync no initial", "mbsync FSync yes (default) initial",
                      "raw UID FETCH 1:* BODY.PEEK[] (wire ceiling)"):
            print(f"  threadline initial / {other:45s} {t / figures[other]:6.2f}")
        r = figures["threadline no-change resync"]
        for other in ("mbsync FSync no no-change resync", "mbsync FSync yes (default) no-change resync",
                      "raw login + SELECT (CONDSTORE) x2 (no-change floor)"):
            print(f"  threadline resync / {other:46s} {r / figures[other]:6.2f}")
        print(f"\n  threadline database: {results['threadline_db_bytes'] / 1e6:.1f} MB")
        print("  Durability: threadline commits batches of 500 in SQLite WAL with synchronous=NORMAL "
              "(no fsync per commit), comparable to mbsync FSync no.")
        if args.json:
            with open(args.json, "w") as f:
                json.dump(results, f, indent=2)
    finally:
        if not args.keep:
            run([PYTHON, MAILSTACK, "stop", "--dir", stack_dir], stdin="", check=False)
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
