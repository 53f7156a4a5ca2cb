#!/usr/bin/env bash
# The system (Debian) parts b2bkg needs, installed with apt-get when they are missing.
#
#   tools/system-deps.sh run     what `make run` needs: Java (HermiT, in the build) and npm
#   tools/system-deps.sh test    what `make test` needs: the above, plus Debian's chromium and
#                                chromium-driver (browser tests), a CJK font (fonts-wqy-zenhei,
#                                so the Chinese in screenshots renders) and virtuoso-opensource
#                                (the remote-store tests start their own Virtuoso on 127.0.0.1),
#                                javac and libowlapi-java (the OWL API's OWL 2 DL profile checker)
#   tools/system-deps.sh check   print what `test` would install, install nothing (exit 1 if any)
#
# Nothing missing: does nothing, needs no root. Something missing and not root: stops, printing
# the one command to run. Virtuoso's own system service is kept from starting and left disabled:
# nothing of it listens on any address; the tests start their own on loopback with free ports.
set -euo pipefail

mode="${1:-test}"
case "$mode" in run|test|check) ;; *) echo "usage: $0 {run|test|check}" >&2; exit 2 ;; esac

missing=()
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/bin/$1" ]; }

has java || missing+=(default-jre-headless)
has npm || missing+=(npm)
if [ "$mode" != run ]; then
    has chromium || missing+=(chromium)
    has chromedriver || missing+=(chromium-driver)
    fonts="$(fc-list 2>/dev/null || true)"
    grep -qi 'wqy\|noto.*cjk' <<<"$fonts" || missing+=(fonts-wqy-zenhei)
    has virtuoso-t || [ -x /usr/lib/virtuoso-opensource-7/bin/virtuoso-t ] || missing+=(virtuoso-opensource)
    has javac || missing+=(default-jdk-headless)
    [ -e /usr/share/java/owlapi-distribution.jar ] || missing+=(libowlapi-java)
fi

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
if [ "$mode" = check ]; then
    echo "missing system packages: ${missing[*]}"
    exit 1
fi
if [ "$(id -u)" != 0 ]; then
    echo "b2bkg needs these Debian packages: ${missing[*]}" >&2
    echo "run, as root:  sudo $0 $mode" >&2
    exit 1
fi

echo "installing: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# keep packages' services (virtuoso-opensource-7) from starting during the install
policy=/usr/sbin/policy-rc.d
own_policy=0
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1
fi
trap '[ "$own_policy" = 1 ] && rm -f "$policy"' EXIT
apt-get update -q
apt-get install -y -q "${missing[@]}"
if [[ " ${missing[*]} " == *" virtuoso-opensource "* ]]; then
    # the package's system service is not used and must not listen beyond loopback
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl disable --now virtuoso-opensource-7 >/dev/null 2>&1 || true
    else
        service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
        update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true
    fi
fi
