#!/usr/bin/env bash
# Installs what Strata needs to build, test and benchmark, idempotently: the Debian -dev packages of the C
# libraries it links, and the Python engines the tests compare against. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Java runs Spark, which checks the DDL `strata ddl` prints for it.
apt_packages=(libzstd-dev libsnappy-dev zlib1g-dev liblz4-dev libbrotli-dev libcurl4-openssl-dev libreadline-dev openjdk-17-jre-headless)
missing=()
for package in "${apt_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "setup: installing ${missing[*]}" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# pip checks pinned requirements without downloading anything when they are already met.
if ! python3 scripts/check_requirements.py scripts/requirements.txt 2>/dev/null; then
    echo "setup: installing Python oracles" >&2
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -r scripts/requirements.txt
fi
