#!/usr/bin/env bash
# Command (2) of the README: installs what is missing, builds, runs the whole test suite.
# The tests start their own Dovecot, Postfix and gnome-keyring and stop them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build=${THREADLINE_BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build"
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600
