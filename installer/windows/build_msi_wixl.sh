#!/usr/bin/env bash
# Structural check of the MSI on Linux: build installer/windows/enclave.wxs with
# msitools' wixl from the Linux PyInstaller bundle.  The result cannot run on
# Windows (the files are Linux binaries); it proves the WiX source, the file
# harvest, the upgrade code, properties and shortcut are well formed.  The real
# MSI is built by installer/windows/build_msi.ps1 (WiX 3) on a Windows runner.
#
# Usage: installer/windows/build_msi_wixl.sh   (after installer/build_linux.sh)
# Environment: BUILD_DIR (default build), VARIANT (default cpu), PYTHON.
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_DIR=$(realpath -m "${BUILD_DIR:-build}")
VARIANT=${VARIANT:-cpu}
PYTHON=${PYTHON:-.venv/bin/python}
BUNDLE="$BUILD_DIR/dist/enclave-scribe"
STAGE="$BUILD_DIR/msi"
OUT="$BUILD_DIR/packages"
VERSION=$("$PYTHON" installer/windows/msi_version.py pyproject.toml)
MSI="$OUT/EnclaveScribe-$VERSION-x64-$VARIANT-wixl.msi"

[ -d "$BUNDLE" ] || { echo "build_msi_wixl: no bundle at $BUNDLE" >&2; exit 1; }
command -v wixl >/dev/null || { echo "build_msi_wixl: wixl missing (apt-get install wixl)" >&2; exit 1; }
mkdir -p "$STAGE" "$OUT"
"$PYTHON" installer/windows/harvest.py "$BUNDLE" "$STAGE/files.wxs"
"$PYTHON" installer/icons.py "$STAGE/icons" >/dev/null

# wixl looks source files up relative to its working directory only (and
# writes scratch files there), so it runs in the stage folder, where the
# bundle is linked under the name harvest.py used.
ln -sfn "$BUNDLE" "$STAGE/enclave-scribe"
wxs=$PWD/installer/windows/enclave.wxs
(
    cd "$STAGE"
    wixl --arch x64 -D WixlBuild=1 -D Version="$VERSION" -D Variant="$VARIANT" \
        -D ExeName=enclave-scribe.exe -D IconFile=icons/enclave-scribe.ico -D Win64=yes \
        -o "$MSI" "$wxs" files.wxs
)
echo "msi:     $(du -h "$MSI" | cut -f1)  $MSI"
