#!/bin/bash
# New mail to its card while the sync idles: starts a private mail stack, runs
# BUILD/tests/bench/bench_idle_latency, stops the stack. Prints the figures; never fails on them.
#   tests/bench/sync/idle_latency.sh BUILD [rounds]
set -eu
build=$(realpath "${1:?usage: idle_latency.sh BUILD [rounds]}")
source=$(realpath "$(dirname "$0")/../../..")
stack=$(mktemp -d /tmp/threadline-idle-bench-XXXXXX)
chmod 0755 "$stack" # Dovecot's unprivileged processes must reach it
trap '/usr/bin/python3 "$source/tests/support/mailstack.py" stop --dir "$stack/stack" </dev/null >/dev/null 2>&1 || true; rm -rf "$stack"' EXIT
/usr/bin/python3 "$source/tests/support/mailstack.py" start --dir "$stack/stack" </dev/null >/dev/null
ROUNDS=${2:-20} THREADLINE_MAILSTACK_DIR="$stack/stack" THREADLINE_SOURCE_DIR="$source" \
    QT_QPA_PLATFORM=offscreen "$build/tests/bench/bench_idle_latency" -silent
