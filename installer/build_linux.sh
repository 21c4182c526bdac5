#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller, then package it as a .deb
# (installs to /opt/enclave-scribe, launchers in /usr/bin, a .desktop entry
# and an icon) and as a tarball.  Prints the size of each artefact.
#
# Usage: installer/build_linux.sh
# Environment:
#   BUILD_DIR     where everything goes (default: build)
#   VARIANT       llama.cpp backend of this build: cpu, cuda or vulkan (default: cpu);
#                 it only names the artefacts, the backend is whatever llama-cpp-python
#                 in the environment was compiled with
#   PYTHON        interpreter with the project installed (default: .venv/bin/python)
#   SKIP_BUNDLE=1 reuse an existing $BUILD_DIR/dist/enclave-scribe
#   DEB_COMPRESSION  dpkg-deb compressor (default xz; tests use gzip for speed)
set -euo pipefail
cd "$(dirname "$0")/.."

BUILD_DIR=${BUILD_DIR:-build}
VARIANT=${VARIANT:-cpu}
PYTHON=${PYTHON:-.venv/bin/python}
PACKAGE=enclave-scribe
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)
BUNDLE="$BUILD_DIR/dist/$PACKAGE"
OUT="$BUILD_DIR/packages"
BASENAME="${PACKAGE}_${VERSION}_${ARCH}_${VARIANT}"

build_bundle() {
    "$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
        --distpath "$BUILD_DIR/dist" --workpath "$BUILD_DIR/pyinstaller" installer/enclave.spec
}

write_control() {
    local root=$1 installed_kib
    installed_kib=$(du -sk "$root" | cut -f1)
    mkdir -p "$root/DEBIAN"
    cat >"$root/DEBIAN/control" <<EOF
Package: $PACKAGE
Version: $VERSION
Architecture: $ARCH
Maintainer: Enclave Scribe maintainers <it-support@localhost>
Installed-Size: $installed_kib
Depends: libc6 (>= 2.31), libgl1, libegl1, libxkbcommon0, libfontconfig1, libdbus-1-3
Recommends: libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-image0, libxcb-render-util0, libxcb-xkb1
Section: science
Priority: optional
Homepage: https://example.invalid/enclave-scribe
Description: Offline clinical writing assistant (llama.cpp backend: $VARIANT)
 Drafts clinical documents from session notes with gpt-oss-20b running
 inside the app.  Notes are kept in an encrypted store; the app makes no
 network connections.  The model file is not included: see
 /usr/share/doc/$PACKAGE/deployment.md.
EOF
}

write_launchers() {
    local bin=$1
    mkdir -p "$bin"
    printf '#!/bin/sh\nexec /opt/%s/%s "$@"\n' "$PACKAGE" "$PACKAGE" >"$bin/$PACKAGE"
    printf '#!/bin/sh\nexec /opt/%s/%s cli "$@"\n' "$PACKAGE" "$PACKAGE" >"$bin/enclave"
    chmod 0755 "$bin/$PACKAGE" "$bin/enclave"
}

build_deb() {
    local root="$BUILD_DIR/deb/$BASENAME"
    rm -rf "$root"
    mkdir -p "$root/opt" "$root/usr/share/applications" "$root/usr/share/icons/hicolor/256x256/apps" \
        "$root/usr/share/doc/$PACKAGE"
    cp -a "$BUNDLE" "$root/opt/$PACKAGE"
    write_launchers "$root/usr/bin"
    install -m 0644 installer/linux/$PACKAGE.desktop "$root/usr/share/applications/$PACKAGE.desktop"
    install -m 0644 "$BUNDLE/_internal/icons/$PACKAGE.png" "$root/usr/share/icons/hicolor/256x256/apps/$PACKAGE.png"
    install -m 0644 LICENSE "$root/usr/share/doc/$PACKAGE/copyright"
    install -m 0644 docs/deployment.md "$root/usr/share/doc/$PACKAGE/deployment.md"
    write_control "$root"
    dpkg-deb --root-owner-group "-Z${DEB_COMPRESSION:-xz}" --build "$root" "$OUT/$BASENAME.deb" >/dev/null
}

build_tarball() {
    tar -C "$BUILD_DIR/dist" -czf "$OUT/$BASENAME.tar.gz" "$PACKAGE"
}

report_sizes() {
    echo "bundle:  $(du -sh "$BUNDLE" | cut -f1)  $BUNDLE"
    for artefact in "$OUT/$BASENAME.deb" "$OUT/$BASENAME.tar.gz"; do
        echo "package: $(du -h "$artefact" | cut -f1)  $artefact"
    done
}

main() {
    if [ "${SKIP_BUNDLE:-0}" != 1 ]; then
        build_bundle
    fi
    [ -x "$BUNDLE/$PACKAGE" ] || { echo "build_linux: no bundle at $BUNDLE" >&2; exit 1; }
    mkdir -p "$OUT"
    build_deb
    build_tarball
    report_sizes
}

main "$@"
