#!/usr/bin/env bash
# Make the project runnable on a fresh machine: apt packages (when root and
# missing), a virtual environment in .venv and the project installed into it.
# Re-running is cheap: the install is skipped while pyproject.toml is unchanged.
# Usage: scripts/bootstrap.sh [apt-package ...]
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
    local missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "bootstrap: please install: ${missing[*]}" >&2
        return 0
    fi
    echo "bootstrap: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if command -v dpkg-query >/dev/null && [ $# -gt 0 ]; then
    apt_install "$@"
fi

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
stamp=.venv/.enclave-installed
want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
    .venv/bin/python -m pip install -q --upgrade pip
    # llama-cpp-python builds from source (about 7-10 minutes on 2 cores the
    # first time; pip caches the wheel).  Portable CPU build unless overridden.
    CMAKE_ARGS="${CMAKE_ARGS:--DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DGGML_NATIVE=OFF}" \
        .venv/bin/python -m pip install -q -e ".[dev]"
    echo "$want" > "$stamp"
fi
