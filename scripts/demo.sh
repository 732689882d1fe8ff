#!/usr/bin/env bash
# Command (1) of the README: installs what is missing, builds, starts the local demo mail
# stack with a generated sample mailbox, and opens Threadline on a demo profile.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

scripts/install-deps.sh
build=${THREADLINE_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target threadline

demo=${THREADLINE_DEMO_DIR:-$root/$build/demo}
# Dovecot's unprivileged processes must reach the stack folder, so it lives under /tmp.
stack=/tmp/threadline-demo-$(id -u)/mailstack
profile=$demo/profile
python=/usr/bin/python3

"$python" tests/support/mailstack.py start --dir "$stack"
cleanup() { "$python" tests/support/mailstack.py stop --dir "$stack" >/dev/null 2>&1 || true; }
trap cleanup EXIT

# A fresh demo every time: the same seed gives the same mailbox and cards.
user=sam@example.test
maildir=$("$python" tests/support/mailstack.py maildir --dir "$stack" "$user")
rm -rf "$profile"
mkdir -p "$profile"
"$python" tests/support/mailgen.py --seed 7 --count 400 --user "$user" --user-name "Sam Seller" \
    --maildir "$maildir" --cards "$demo/cards.json" --manifest "$demo/manifest.json"
"$python" tests/support/mailstack.py fix-perms --dir "$stack" "$user"
"$build/threadline" import "$demo/cards.json" --profile "$profile"

# The demo's password goes to the stack's own keyring (a private D-Bus session), never to the
# desktop's; the app below uses the same bus.
eval "$("$python" tests/support/mailstack.py env --dir "$stack")"
echo "$DEFAULT_PASSWORD" | "$build/threadline" account add --profile "$profile" \
    --email "$user" --name "Sam Seller" --password-stdin --ca-file "$CA_FILE" \
    --imap-host "$HOST" --imap-port "$IMAPS_PORT" --imap-security tls \
    --smtp-host "$HOST" --smtp-port "$SUBMISSIONS_PORT" --smtp-security tls
"$build/threadline" sync --once --profile "$profile"
cat <<INFO
Demo mail server: IMAP 127.0.0.1:$IMAPS_PORT (TLS), user $user, password sam-password.
Profile: $profile
INFO

gui=("$build/threadline" --profile "$profile")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    echo "No display: running under Xvfb (set THREADLINE_SCREENSHOT=FILE to save a picture)."
    gui=(xvfb-run -a -s "-screen 0 1440x900x24" "${gui[@]}")
fi
if [ -n "${THREADLINE_SCREENSHOT:-}" ]; then
    THREADLINE_SCREENSHOT="$THREADLINE_SCREENSHOT" "${gui[@]}"
else
    "${gui[@]}"
fi
