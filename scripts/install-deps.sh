#!/usr/bin/env bash
# Installs the Debian 12 packages Threadline needs to build, test and run its demo.
# Idempotent and prompt-free: does nothing when everything is already installed.
set -euo pipefail

packages=(
    # build
    cmake ninja-build ccache g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite libsqlite3-dev qtkeychain-qt6-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    # fuzzing (clang's libFuzzer and sanitizer runtimes)
    clang-14 libfuzzer-14-dev libclang-rt-14-dev
    # the private mail stack of the tests and the demo
    dovecot-imapd dovecot-lmtpd postfix openssl python3
    dbus dbus-x11 gnome-keyring libsecret-1-0
    # benchmarks compare against mbsync
    isync
    # the window without a display, and text in it
    xvfb xauth fonts-dejavu-core
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
    sudo=(sudo)
fi
echo "Installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Postfix must not ask how to deliver mail: the tests run their own private instance.
echo "postfix postfix/main_mailer_type select No configuration" | "${sudo[@]}" debconf-set-selections
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
