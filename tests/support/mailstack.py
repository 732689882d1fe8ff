#!/usr/bin/python3
"""Private mail test stack for Threadline's integration tests.

Starts, inside one folder, a private Dovecot 2.3 (IMAP, LMTP, SASL for Postfix), a private
Postfix 3.7 (submission, submissions, a plain injection port, real RFC 3464 bounces) and a
private session D-Bus with gnome-keyring (Secret Service for QtKeychain). Every port is picked
free at start, so several stacks can run side by side. Runs as root (CI has no init).

  mailstack.py start      --dir DIR
  mailstack.py stop       --dir DIR
  mailstack.py adduser    --dir DIR USER@DOMAIN PASSWORD
  mailstack.py maildir    --dir DIR USER@DOMAIN
  mailstack.py fix-perms  --dir DIR USER@DOMAIN
  mailstack.py env        --dir DIR        (eval "$(mailstack.py env --dir DIR)")

Standard library only; meant for Debian's /usr/bin/python3.
"""

import argparse
import base64
import fcntl
import grp
import hashlib
import os
import pwd
import re
import shlex
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time

DOMAIN = "example.test"
HOST = "127.0.0.1"
DEFAULT_USER = "sam@" + DOMAIN
DEFAULT_PASSWORD = "sam-password"
KEYRING_PASSWORD = "threadline-test-keyring"
MAIL_USER = "dovecot"  # Dovecot's internal user owns every Maildir (uid passes first_valid_uid=1)

# Folders inside DIR that this script owns; `start` wipes exactly these, nothing else in DIR.
SUBDIRS = ("pids", "log", "tls", "dovecot", "postfix", "mail", "home", "runtime", "dbus")

READY_TIMEOUT = 60.0
STOP_TIMEOUT = 10.0
CLEAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin"

# Stop order: clients of a service go before the service (Postfix asks Dovecot for SASL).
SERVICES = ("keyring", "dbus", "postfix", "dovecot")


class StackError(Exception):
    """`logs`: the log file(s) whose last lines explain the failure."""

    def __init__(self, message, logs=()):
        super().__init__(message)
        self.logs = [logs] if isinstance(logs, str) else list(logs)


# ---------------------------------------------------------------------------------------------
# Paths


class Layout:
    def __init__(self, root):
        self.root = os.path.abspath(root)
        r = self.root
        self.pids = os.path.join(r, "pids")
        self.log = os.path.join(r, "log")
        self.tls = os.path.join(r, "tls")
        self.dovecot = os.path.join(r, "dovecot")
        self.dovecot_run = os.path.join(r, "dovecot", "run")
        self.dovecot_state = os.path.join(r, "dovecot", "state")
        self.dovecot_conf = os.path.join(r, "dovecot", "dovecot.conf")
        self.users = os.path.join(r, "dovecot", "users")
        self.postfix = os.path.join(r, "postfix")
        # Only root-owned files in the config folder, or `postfix start` warns about the queue.
        self.postfix_conf = os.path.join(r, "postfix", "conf")
        self.postfix_queue = os.path.join(r, "postfix", "queue")
        self.postfix_data = os.path.join(r, "postfix", "data")
        self.mail = os.path.join(r, "mail")
        self.home = os.path.join(r, "home")
        self.runtime = os.path.join(r, "runtime")
        self.dbus = os.path.join(r, "dbus")
        self.dbus_socket = os.path.join(r, "dbus", "bus")
        self.env_file = os.path.join(r, "stack.env")
        self.lock_file = os.path.join(r, ".mailstack.lock")
        self.ca_cert = os.path.join(self.tls, "ca.crt")
        self.ca_key = os.path.join(self.tls, "ca.key")
        self.server_cert = os.path.join(self.tls, "server.crt")
        self.server_key = os.path.join(self.tls, "server.key")
        self.auth_socket = os.path.join(self.dovecot_run, "auth-postfix")

    def log_path(self, name):
        return os.path.join(self.log, name)


def lock(layout):
    """Serialises start/stop on one DIR; the lock goes away with the process."""
    os.makedirs(layout.root, exist_ok=True)
    fd = os.open(layout.lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


# ---------------------------------------------------------------------------------------------
# Process bookkeeping: a pid file holds "PID STARTTIME" so a recycled pid is never signalled.


def proc_start_time(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            data = f.read()
    except OSError:
        return None
    # The command name may contain spaces and parentheses: split after the last ')'.
    fields = data[data.rfind(")") + 2:].split()
    return fields[19]  # field 22 of proc(5), counted from field 3


def proc_state(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("State:"):
                    return line.split()[1]
    except OSError:
        return None
    return None


def is_alive(pid, start_time):
    """A zombie counts as gone: nothing reaps orphans here (PID 1 is no init)."""
    state = proc_state(pid)
    if state is None or state == "Z":
        return False
    return start_time is None or proc_start_time(pid) == start_time


def record_pid(layout, name, pid):
    start = proc_start_time(pid)
    if start is None:
        raise StackError(f"{name} (pid {pid}) exited right after start", layout.log_path(f"{name}.log"))
    path = os.path.join(layout.pids, f"{name}.pid")
    with open(path + ".tmp", "w") as f:
        f.write(f"{pid} {start}\n")
    os.replace(path + ".tmp", path)


def recorded_pids(layout):
    result = []
    for name in SERVICES:
        path = os.path.join(layout.pids, f"{name}.pid")
        try:
            with open(path) as f:
                pid, start = f.read().split()
            result.append((name, int(pid), start, path))
        except (OSError, ValueError):
            continue
    return result


def children_map():
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                data = f.read()
        except OSError:
            continue
        ppid = int(data[data.rfind(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    return children


def descendants(pids):
    """Processes the recorded daemons forked themselves (Dovecot's and Postfix's workers)."""
    tree = children_map()
    found, todo = [], list(pids)
    while todo:
        for child in tree.get(todo.pop(), []):
            start = proc_start_time(child)
            if start is not None:
                found.append((child, start))
                todo.append(child)
    return found


def stop_stack(layout, quiet=False):
    entries = recorded_pids(layout)
    live = [(n, p, s) for n, p, s, _ in entries if is_alive(p, s)]
    # Snapshot the workers first: once a master is gone they are reparented and untraceable.
    workers = descendants([p for _, p, _ in live])
    for name, pid, _ in live:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    waited = [(p, s) for _, p, s in live] + workers
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and any(is_alive(p, s) for p, s in waited):
        time.sleep(0.05)
    killed = []
    for pid, start in waited:
        if is_alive(pid, start):
            try:
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_TIMEOUT
    while time.monotonic() < deadline and any(is_alive(p, s) for p, s in waited):
        time.sleep(0.05)
    for _, _, _, path in entries:
        remove_file(path)
    # A stale master.pid naming a zombie would make the next Dovecot refuse to start.
    remove_file(os.path.join(layout.dovecot_run, "master.pid"))
    remove_file(layout.env_file)
    if not quiet:
        if live:
            names = ", ".join(f"{n} ({p})" for n, p, _ in live)
            print(f"mailstack: stopped {names}" + (f"; SIGKILLed {killed}" if killed else ""))
        else:
            print("mailstack: nothing running in " + layout.root)


def remove_file(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


# ---------------------------------------------------------------------------------------------
# Small helpers


def free_ports(count):
    """Binds port 0 `count` times at once (so the kernel hands out distinct ports), then closes."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((HOST, 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def run(cmd, log, env=None, stdin_data=None):
    with open(log, "ab") as out:
        out.write(("$ " + " ".join(shlex.quote(c) for c in cmd) + "\n").encode())
        out.flush()
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL if stdin_data is None else None,
                              input=stdin_data, stdout=out, stderr=out, env=env, close_fds=True)
    if proc.returncode != 0:
        raise StackError(f"`{' '.join(cmd)}` exited with {proc.returncode}", log)


def spawn(cmd, log, env, stdin_data=None):
    """A daemon in its own session with stdio on a log file: it must not hold ctest's pipes."""
    out = open(log, "ab")
    try:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin_data is not None else subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT, env=env, close_fds=True,
                                start_new_session=True)
    finally:
        out.close()
    if stdin_data is not None:
        proc.stdin.write(stdin_data)
        proc.stdin.close()
    return proc


def write_file(path, text, mode=0o644):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.chmod(path + ".tmp", mode)
    os.replace(path + ".tmp", path)


def wait_for(what, check, log, proc=None, timeout=READY_TIMEOUT):
    """Polls `check` until it returns true; fails early if the daemon process died."""
    deadline = time.monotonic() + timeout
    delay = 0.01
    last_error = None
    while True:
        try:
            if check():
                return
        except (OSError, ssl.SSLError, subprocess.SubprocessError) as e:
            last_error = e
        if proc is not None and proc.poll() is not None:
            raise StackError(f"{what}: the daemon exited with status {proc.returncode}", log)
        if time.monotonic() > deadline:
            detail = f" (last error: {last_error})" if last_error else ""
            raise StackError(f"{what}: not ready after {timeout:.0f} s{detail}", log)
        time.sleep(delay)  # a poll interval, not a guess at how long start-up takes
        delay = min(delay * 2, 0.2)


def greeting(port, prefix, tls_context=None):
    """Connects (optionally with implicit TLS) and checks the server's first line."""
    with socket.create_connection((HOST, port), timeout=5) as raw:
        sock = tls_context.wrap_socket(raw, server_hostname="localhost") if tls_context else raw
        try:
            data = b""
            while not data.endswith(b"\n"):
                chunk = sock.recv(512)
                if not chunk:
                    return False
                data += chunk
            return data.startswith(prefix)
        finally:
            if sock is not raw:
                sock.close()


def tail(path, lines=30):
    try:
        with open(path, "rb") as f:
            data = f.read()[-16384:].decode(errors="replace")
    except OSError:
        return ""
    return "\n".join(data.splitlines()[-lines:])


# ---------------------------------------------------------------------------------------------
# Users and Maildirs


def normalise_user(address):
    address = address.strip().lower()
    if "@" not in address:
        address += "@" + DOMAIN
    local, _, domain = address.partition("@")
    if domain != DOMAIN:
        raise StackError(f"only users in {DOMAIN} can be added (got {address})")
    # '+' is the recipient delimiter (BCC dropbox addresses), so it never starts a user name.
    if not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", local):
        raise StackError(f"user name {local!r} must match [a-z0-9][a-z0-9._-]*")
    return local, domain


def user_home(layout, local, domain):
    return os.path.join(layout.mail, domain, local)


def mail_ids():
    pw = pwd.getpwnam(MAIL_USER)
    return pw.pw_uid, pw.pw_gid


def chown_tree(path, uid, gid):
    os.chown(path, uid, gid)
    for top, dirs, files in os.walk(path):
        for name in dirs + files:
            os.lchown(os.path.join(top, name), uid, gid)


def make_maildir(path, uid, gid, folder=False):
    for sub in ("", "cur", "new", "tmp"):
        os.makedirs(os.path.join(path, sub), mode=0o700, exist_ok=True)
        os.chown(os.path.join(path, sub), uid, gid)
    if folder:
        # Maildir++: marks a subfolder (.Sent, .Sub.Folder) as a mail folder.
        marker = os.path.join(path, "maildirfolder")
        open(marker, "a").close()
        os.chown(marker, uid, gid)


def add_user(layout, address, password):
    local, domain = normalise_user(address)
    if any(c in password for c in "\n\r\0"):
        raise StackError("the password must not contain line breaks or NUL")
    uid, gid = mail_ids()
    # One passwd-file per user: Dovecot stats a passwd-file at most once per second, so a single
    # shared file can hide a user added in the same second as another login; a new file cannot.
    # {PLAIN.b64} lets the password hold any character, ':' included.
    encoded = base64.b64encode(password.encode()).decode()
    entry = f"{local}@{domain}:{{PLAIN.b64}}{encoded}::::::\n"
    path = os.path.join(layout.users, f"{local}@{domain}")
    write_file(path, entry, 0o640)
    os.chown(path, 0, grp.getgrnam("dovecot").gr_gid)
    home = user_home(layout, local, domain)
    os.makedirs(os.path.dirname(home), exist_ok=True)
    os.chown(os.path.dirname(home), uid, gid)
    os.makedirs(home, mode=0o700, exist_ok=True)
    os.chown(home, uid, gid)
    maildir = os.path.join(home, "Maildir")
    make_maildir(maildir, uid, gid)
    make_maildir(os.path.join(maildir, ".Sent"), uid, gid, folder=True)
    return f"{local}@{domain}"


# ---------------------------------------------------------------------------------------------
# Configuration files


def make_certificates(layout):
    log = layout.log_path("openssl.log")
    t = layout.tls
    ext = os.path.join(t, "server.ext")
    write_file(ext, "basicConstraints = critical, CA:FALSE\n"
                    "keyUsage = critical, digitalSignature, keyEncipherment\n"
                    "extendedKeyUsage = serverAuth\n"
                    "subjectAltName = DNS:localhost, IP:127.0.0.1\n"
                    "subjectKeyIdentifier = hash\n"
                    "authorityKeyIdentifier = keyid\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run(["openssl", "req", "-x509", *ec, "-keyout", layout.ca_key, "-out", layout.ca_cert, "-days", "30",
         "-subj", "/O=Threadline tests/CN=Threadline Test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"], log)
    csr = os.path.join(t, "server.csr")
    run(["openssl", "req", "-new", *ec, "-keyout", layout.server_key, "-out", csr,
         "-subj", "/O=Threadline tests/CN=localhost"], log)
    run(["openssl", "x509", "-req", "-in", csr, "-CA", layout.ca_cert, "-CAkey", layout.ca_key,
         "-CAcreateserial", "-out", layout.server_cert, "-days", "30", "-extfile", ext], log)
    for key in (layout.ca_key, layout.server_key):
        os.chmod(key, 0o600)
    os.chmod(layout.ca_cert, 0o644)
    os.chmod(layout.server_cert, 0o644)


def dovecot_conf(layout, ports):
    instance = "threadline-" + hashlib.sha1(layout.root.encode()).hexdigest()[:10]
    users = os.path.join(layout.users, "%Lu")
    home = os.path.join(layout.mail, "%Ld", "%Ln")
    return f"""# Generated by mailstack.py: a private Dovecot for tests. Do not edit.
instance_name = {instance}
base_dir = {layout.dovecot_run}
state_dir = {layout.dovecot_state}
log_path = {layout.log_path("dovecot.log")}
info_log_path = {layout.log_path("dovecot.log")}
protocols = imap lmtp
listen = {HOST}
hostname = localhost
postmaster_address = postmaster@{DOMAIN}

# Login processes refuse to run as root.
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1

ssl = required
ssl_cert = <{layout.server_cert}
ssl_key = <{layout.server_key}
ssl_min_protocol = TLSv1.2

disable_plaintext_auth = yes
auth_mechanisms = plain login
auth_username_format = %Lu
auth_verbose = yes
# Tests log in with wrong passwords on purpose: no delay after a failure.
auth_failure_delay = 0

passdb {{
  driver = passwd-file
  args = {users}
}}
userdb {{
  driver = passwd-file
  args = {users}
  default_fields = uid={MAIL_USER} gid={MAIL_USER} home={home}
}}

mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
}}

service imap-login {{
  inet_listener imap {{
    address = {HOST}
    port = {ports["IMAP_STARTTLS_PORT"]}
  }}
  inet_listener imaps {{
    address = {HOST}
    port = {ports["IMAPS_PORT"]}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = {HOST}
    port = {ports["LMTP_PORT"]}
  }}
}}
service auth {{
  unix_listener auth-postfix {{
    mode = 0660
    user = postfix
    group = postfix
  }}
}}
# After a failed login anvil would slow every later login from 127.0.0.1.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
protocol lmtp {{
  mail_plugins =
}}
"""


def postfix_main_cf(layout, ports):
    log = layout.log_path("postfix.log")
    return f"""# Generated by mailstack.py: a private Postfix for tests. Do not edit.
compatibility_level = 3.6
queue_directory = {layout.postfix_queue}
data_directory = {layout.postfix_data}
mail_owner = postfix
setgid_group = postdrop
syslog_name = postfix-threadline
maillog_file = {log}
maillog_file_prefixes = /var, /dev/stdout, {layout.log}

myhostname = mail.{DOMAIN}
mydomain = {DOMAIN}
myorigin = $myhostname
mydestination =
inet_interfaces = {HOST}
inet_protocols = ipv4
mynetworks = 127.0.0.0/8
smtpd_banner = $myhostname ESMTP Threadline test stack
biff = no
append_dot_mydomain = no
recipient_delimiter = +
alias_maps =
alias_database =
local_recipient_maps =
message_size_limit = 52428800

# {DOMAIN} goes to Dovecot over LMTP. No recipient map: Dovecot's LMTP rejects unknown users
# (550 5.1.1) and the bounce daemon sends a real RFC 3464 report back to the sender.
virtual_mailbox_domains = {DOMAIN}
virtual_mailbox_maps =
virtual_transport = lmtp:inet:{HOST}:{ports["LMTP_PORT"]}
# Nothing ever leaves this machine.
local_transport = error:5.1.1 local delivery is disabled in the test stack
default_transport = error:5.7.1 the test stack delivers only to {DOMAIN}
relay_transport = error:5.7.1 the test stack delivers only to {DOMAIN}

# Retry soon after a temporary failure: tests wait for delivery.
queue_run_delay = 2s
minimal_backoff_time = 2s
maximal_backoff_time = 10s
delay_warning_time = 0h

smtpd_tls_cert_file = {layout.server_cert}
smtpd_tls_key_file = {layout.server_key}
smtpd_tls_security_level = may
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtp_tls_security_level = none
lmtp_tls_security_level = none

smtpd_sasl_type = dovecot
smtpd_sasl_path = {layout.auth_socket}
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination
"""


def postfix_master_cf(ports):
    submission_opts = """  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
  -o smtpd_client_restrictions=permit_sasl_authenticated,reject
  -o smtpd_relay_restrictions=permit_sasl_authenticated,reject
"""
    return f"""# Generated by mailstack.py. Nothing is chrooted (the stock file chroots).
# Plain SMTP without AUTH, for tests that inject inbound mail.
{HOST}:{ports["SMTP_INJECT_PORT"]} inet n - n - - smtpd
  -o syslog_name=postfix-threadline/inject
  -o smtpd_tls_security_level=none
# Submission with STARTTLS (RFC 6409); TLS before anything else, AUTH only over TLS.
{HOST}:{ports["SUBMISSION_STARTTLS_PORT"]} inet n - n - - smtpd
  -o syslog_name=postfix-threadline/submission
  -o smtpd_tls_security_level=encrypt
{submission_opts}# Submission over implicit TLS (RFC 8314).
{HOST}:{ports["SUBMISSIONS_PORT"]} inet n - n - - smtpd
  -o syslog_name=postfix-threadline/submissions
  -o smtpd_tls_wrappermode=yes
{submission_opts}pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
proxywrite unix -       -       n       -       1       proxymap
smtp      unix  -       -       n       -       -       smtp
relay     unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def dbus_conf(layout):
    return f"""<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<!-- Generated by mailstack.py: a private session bus without service activation, so nothing
     starts on this bus that the script does not start (and record) itself. -->
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:path={layout.dbus_socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


# ---------------------------------------------------------------------------------------------
# start


def prepare_dirs(layout):
    for sub in SUBDIRS:
        shutil.rmtree(os.path.join(layout.root, sub), ignore_errors=True)
    # Dovecot's and Postfix's unprivileged processes must reach sockets and mail under DIR.
    os.chmod(layout.root, 0o755)
    path = os.path.dirname(layout.root)
    while path != "/":
        if os.stat(path).st_mode & 0o001 == 0:
            raise StackError(f"{path} is not searchable by other users; Dovecot (uid {MAIL_USER}) "
                             "could not reach the stack folder: use another --dir or chmod o+x")
        path = os.path.dirname(path)
    if len(layout.dovecot_run) > 70 or len(layout.dbus_socket) > 100:
        raise StackError(f"--dir {layout.root} is too long for UNIX socket paths (108 bytes)")
    uid, gid = mail_ids()
    for d in (layout.pids, layout.log, layout.tls, layout.dovecot, layout.dovecot_state, layout.postfix,
              layout.postfix_conf, layout.postfix_queue, layout.home, layout.dbus):
        os.makedirs(d, mode=0o755, exist_ok=True)
    os.makedirs(layout.runtime, mode=0o700, exist_ok=True)
    os.chmod(layout.runtime, 0o700)
    os.makedirs(layout.users, mode=0o750, exist_ok=True)
    os.chown(layout.users, 0, grp.getgrnam("dovecot").gr_gid)
    os.makedirs(os.path.join(layout.mail, DOMAIN), mode=0o755, exist_ok=True)
    os.chown(layout.mail, uid, gid)
    os.chown(os.path.join(layout.mail, DOMAIN), uid, gid)


def start_dovecot(layout, ports):
    write_file(layout.dovecot_conf, dovecot_conf(layout, ports))
    log = layout.log_path("dovecot-stdio.log")
    env = {"PATH": CLEAN_PATH, "LANG": "C.UTF-8"}
    proc = spawn(["dovecot", "-F", "-c", layout.dovecot_conf], log, env)
    record_pid(layout, "dovecot", proc.pid)
    ctx = client_tls(layout)
    dlog = [layout.log_path("dovecot.log"), log]
    wait_for("Dovecot IMAPS", lambda: greeting(ports["IMAPS_PORT"], b"* OK", ctx), dlog, proc)
    wait_for("Dovecot IMAP", lambda: greeting(ports["IMAP_STARTTLS_PORT"], b"* OK"), dlog, proc)
    wait_for("Dovecot LMTP", lambda: greeting(ports["LMTP_PORT"], b"220"), dlog, proc)
    wait_for("Dovecot auth socket", lambda: os.path.exists(layout.auth_socket), dlog, proc)
    return proc


def make_postfix_queue(layout):
    """Lays out a fresh queue as post-install would (owners and modes from postfix-files), and
    marks it `quick-start` so `postfix start` skips its ~2 s of shell integrity checks."""
    postfix = pwd.getpwnam("postfix").pw_uid
    postdrop = grp.getgrnam("postdrop").gr_gid
    os.chmod(layout.postfix_queue, 0o755)
    for name in ("active", "bounce", "corrupt", "defer", "deferred", "flush", "hold", "incoming",
                 "private", "saved", "trace"):
        make_dir(os.path.join(layout.postfix_queue, name), postfix, 0, 0o700)
    make_dir(os.path.join(layout.postfix_queue, "maildrop"), postfix, postdrop, 0o730)
    make_dir(os.path.join(layout.postfix_queue, "public"), postfix, postdrop, 0o710)
    make_dir(os.path.join(layout.postfix_queue, "pid"), 0, 0, 0o755)
    make_dir(layout.postfix_data, postfix, 0, 0o700)


def make_dir(path, uid, gid, mode):
    os.makedirs(path, exist_ok=True)
    os.chown(path, uid, gid)
    os.chmod(path, mode)


def start_postfix(layout, ports):
    past = time.time() - 60
    for name, text in (("main.cf", postfix_main_cf(layout, ports)), ("master.cf", postfix_master_cf(ports))):
        path = os.path.join(layout.postfix_conf, name)
        write_file(path, text)
        # Postfix rereads a file whose mtime is this very second until it is older (up to ~2 s).
        os.utime(path, (past, past))
    make_postfix_queue(layout)
    log = layout.log_path("postfix-stdio.log")
    env = {"PATH": CLEAN_PATH, "LANG": "C.UTF-8"}
    # What `postfix start` does after its checks, without its wait for the logging service that is
    # not up yet (~2 s): `master -w` returns once the master daemon is initialised.
    daemon_dir = subprocess.run(["postconf", "-d", "-h", "daemon_directory"], capture_output=True, text=True,
                                stdin=subprocess.DEVNULL, env=env).stdout.strip() or "/usr/lib/postfix/sbin"
    try:
        run([os.path.join(daemon_dir, "master"), "-c", layout.postfix_conf, "-w"], log, env)
    except StackError as e:
        # The master dies before its logging service runs: let postconf say what it disliked.
        with open(log, "ab") as out:
            for args in (["-n"], ["-M"]):
                subprocess.run(["postconf", "-c", layout.postfix_conf, *args], stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=out, env=env)
        raise StackError(str(e), [layout.log_path("postfix.log"), log])
    with open(os.path.join(layout.postfix_queue, "pid", "master.pid")) as f:
        pid = int(f.read().split()[0])
    record_pid(layout, "postfix", pid)
    ctx = client_tls(layout)
    plog = [layout.log_path("postfix.log"), log]
    wait_for("Postfix inject port", lambda: greeting(ports["SMTP_INJECT_PORT"], b"220"), plog)
    wait_for("Postfix submission", lambda: greeting(ports["SUBMISSION_STARTTLS_PORT"], b"220"), plog)
    wait_for("Postfix submissions", lambda: greeting(ports["SUBMISSIONS_PORT"], b"220", ctx), plog)


def session_env(layout):
    env = {"PATH": CLEAN_PATH, "LANG": "C.UTF-8", "HOME": layout.home, "XDG_RUNTIME_DIR": layout.runtime,
           "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + layout.dbus_socket}
    return env


def bus_has_owner(env, name):
    out = subprocess.run(["dbus-send", "--session", "--dest=org.freedesktop.DBus", "--print-reply",
                          "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:" + name],
                         stdin=subprocess.DEVNULL, capture_output=True, env=env, timeout=10)
    return out.returncode == 0 and b"boolean true" in out.stdout


def start_session_bus(layout):
    conf = os.path.join(layout.dbus, "session.conf")
    write_file(conf, dbus_conf(layout))
    env = session_env(layout)
    log = layout.log_path("dbus.log")
    proc = spawn(["dbus-daemon", "--config-file=" + conf, "--nofork", "--nopidfile"], log, env)
    record_pid(layout, "dbus", proc.pid)
    wait_for("session D-Bus", lambda: bus_has_owner(env, "org.freedesktop.DBus"), log, proc)

    klog = layout.log_path("keyring.log")
    # --unlock reads the login keyring's password from stdin (and creates that keyring).
    keyring = spawn(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"], klog, env,
                    stdin_data=KEYRING_PASSWORD.encode())
    record_pid(layout, "keyring", keyring.pid)
    wait_for("gnome-keyring Secret Service", lambda: bus_has_owner(env, "org.freedesktop.secrets"), klog, keyring)


def client_tls(layout):
    ctx = ssl.create_default_context(cafile=layout.ca_cert)
    return ctx


def write_env(layout, ports):
    values = {
        "DOMAIN": DOMAIN,
        "HOST": HOST,
        **{k: str(v) for k, v in ports.items()},
        "CA_FILE": layout.ca_cert,
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=" + layout.dbus_socket,
        "XDG_RUNTIME_DIR": layout.runtime,
        "HOME": layout.home,
        "LOG_DIR": layout.log,
        "MAIL_ROOT": layout.mail,
        "DEFAULT_USER": DEFAULT_USER,
        "DEFAULT_PASSWORD": DEFAULT_PASSWORD,
        "IMAP_SEPARATOR": "/",
        "SENT_MAILBOX": "Sent",
        "DOVECOT_CONFIG": layout.dovecot_conf,
        "POSTFIX_CONFIG_DIR": layout.postfix_conf,
        "STACK_DIR": layout.root,
    }
    text = "".join(f"{k}={v}\n" for k, v in values.items())
    # Written last and atomically: its presence means the whole stack answered.
    write_file(layout.env_file, text)
    return values


def cmd_start(layout):
    started = time.monotonic()
    fd = lock(layout)
    try:
        if recorded_pids(layout):
            stop_stack(layout, quiet=True)
        remove_file(layout.env_file)
        prepare_dirs(layout)
        names = ["IMAPS_PORT", "IMAP_STARTTLS_PORT", "LMTP_PORT", "SUBMISSION_STARTTLS_PORT",
                 "SUBMISSIONS_PORT", "SMTP_INJECT_PORT"]
        ports = dict(zip(names, free_ports(len(names))))
        try:
            make_certificates(layout)
            start_dovecot(layout, ports)
            start_postfix(layout, ports)
            start_session_bus(layout)
            add_user(layout, DEFAULT_USER, DEFAULT_PASSWORD)
            write_env(layout, ports)
        except BaseException:
            stop_stack(layout, quiet=True)
            raise
    finally:
        os.close(fd)
    print(f"mailstack: started in {time.monotonic() - started:.1f} s in {layout.root} "
          f"(IMAPS {ports['IMAPS_PORT']}, submissions {ports['SUBMISSIONS_PORT']}, logs {layout.log})")


# ---------------------------------------------------------------------------------------------
# Command line


def read_env(layout):
    try:
        with open(layout.env_file) as f:
            return dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
    except FileNotFoundError:
        raise StackError(f"no stack is running in {layout.root} (no stack.env): run `mailstack.py start`")


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("start", "stop", "env"):
        sub.add_parser(name).add_argument("--dir", required=True)
    p = sub.add_parser("adduser")
    p.add_argument("--dir", required=True)
    p.add_argument("user")
    p.add_argument("password")
    for name in ("maildir", "fix-perms"):
        p = sub.add_parser(name)
        p.add_argument("--dir", required=True)
        p.add_argument("user")
    args = parser.parse_args(argv)
    layout = Layout(args.dir)

    try:
        if os.geteuid() != 0 and args.command in ("start", "stop", "adduser", "fix-perms"):
            raise StackError("must run as root (it starts Dovecot and Postfix and chowns Maildirs)")
        if args.command == "start":
            cmd_start(layout)
        elif args.command == "stop":
            fd = lock(layout)
            try:
                stop_stack(layout)
            finally:
                os.close(fd)
        elif args.command == "adduser":
            read_env(layout)
            print(add_user(layout, args.user, args.password))
        elif args.command == "maildir":
            local, domain = normalise_user(args.user)
            print(os.path.join(user_home(layout, local, domain), "Maildir"))
        elif args.command == "fix-perms":
            local, domain = normalise_user(args.user)
            home = user_home(layout, local, domain)
            if not os.path.isdir(home):
                raise StackError(f"no mail folder for {local}@{domain} at {home}: run adduser first")
            uid, gid = mail_ids()
            chown_tree(home, uid, gid)
        elif args.command == "env":
            for key, value in read_env(layout).items():
                print(f"export {key}={shlex.quote(value)}")
    except StackError as e:
        print(f"mailstack: {args.command} failed: {e}", file=sys.stderr)
        if args.command == "start" or e.logs:
            print(f"mailstack: logs are in {layout.log}", file=sys.stderr)
        for log in e.logs:
            text = tail(log)
            if text.strip():
                print(f"--- last lines of {log} ---", file=sys.stderr)
                print(text, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
