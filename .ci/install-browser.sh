#!/bin/sh
# Install Debian's chromium for tests/test_html_browser.py when it is missing.
# The browser tests drive it with Playwright's Python package (executable_path=/usr/bin/chromium);
# never `playwright install`: CI reaches package registries only.
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "install-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium present)"
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "install-browser: /usr/bin/chromium is missing and this user cannot install it (not root, no sudo);" >&2
    echo "install-browser: run 'apt-get install -y chromium' as root, or the browser tests will be skipped" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "install-browser: $(/usr/bin/chromium --version)"
