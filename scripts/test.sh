#!/usr/bin/env bash
# Command (2) of the README: installs what is missing, builds, runs the whole test suite.
# The tests start their own Dovecot, Postfix and gnome-keyring and stop them at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build=${THREADLINE_BUILD_DIR:-build}

# The protocol parsers get a short libFuzzer run first (clang, ASan + UBSan); only the two
# harnesses and the modules they cover are built in that configuration.
fuzz_status=0
if [ "${THREADLINE_SKIP_FUZZ:-0}" != 1 ]; then
    fuzz=$build-fuzz
    cmake -S . -B "$fuzz" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_COMPILER=clang++-14 -DTHREADLINE_FUZZ=ON -DTHREADLINE_SANITIZE=ON
    cmake --build "$fuzz" --target fuzz_imap_response fuzz_mime_message
    ctest --test-dir "$fuzz" -L fuzz --output-on-failure || fuzz_status=$?
fi

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build"
test_status=0
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" --timeout 600 || test_status=$?
if [ "$fuzz_status" -ne 0 ]; then
    echo "The fuzzing run above failed (see $fuzz/tests/fuzz for the crashing input)." >&2
    exit "$fuzz_status"
fi
exit "$test_status"
