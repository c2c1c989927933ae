#!/usr/bin/env bash
# The demo: builds a small sample lake and shows Strata on it. Arguments: the strata binary, the lake folder.
set -euo pipefail
strata="$1"
lake="$2"
cd "$(dirname "$0")/.."
"$strata" --version
