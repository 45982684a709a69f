#!/bin/sh
# Install Debian's chromium for tests/test_html_browser.py when it is missing.
# The browser test drives it with Playwright's Python package (executable_path=/usr/bin/chromium);
# never `playwright install`: CI reaches package registries only.
set -eu
if [ -x /usr/bin/chromium ]; then
    echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo present)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
