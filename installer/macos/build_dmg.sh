#!/usr/bin/env bash
# Package "Enclave Scribe.app" (made by installer/enclave.spec on macOS) as a
# drag-to-Applications DMG, signing and notarising when an identity is given.
#
# Usage: installer/macos/build_dmg.sh          (after PyInstaller on macOS)
# Environment:
#   BUILD_DIR            default build (the .app is in $BUILD_DIR/dist)
#   VARIANT              metal or cpu, names the artefact (default metal)
#   PYTHON               default .venv/bin/python
#   CODESIGN_IDENTITY    "Developer ID Application: …"; unset = unsigned build
#   NOTARY_PROFILE       a `xcrun notarytool store-credentials` profile; unset = not notarised
set -euo pipefail
cd "$(dirname "$0")/../.."

BUILD_DIR=${BUILD_DIR:-build}
VARIANT=${VARIANT:-metal}
PYTHON=${PYTHON:-.venv/bin/python}
APP="$BUILD_DIR/dist/Enclave Scribe.app"
OUT="$BUILD_DIR/packages"
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
DMG="$OUT/EnclaveScribe-$VERSION-macos-$(uname -m)-$VARIANT.dmg"
ENTITLEMENTS=installer/macos/entitlements.plist

sign_app() {
    if [ -z "${CODESIGN_IDENTITY:-}" ]; then
        echo "build_dmg: CODESIGN_IDENTITY not set, the app stays unsigned (ad-hoc)"
        codesign --force --deep --sign - "$APP"
        return
    fi
    # Hardened runtime is required for notarisation; llama.cpp's and Qt's
    # libraries are signed one by one (deep signing is not enough for them).
    find "$APP/Contents" -type f \( -name '*.dylib' -o -name '*.so' \) -print0 |
        xargs -0 codesign --force --timestamp --options runtime --sign "$CODESIGN_IDENTITY"
    codesign --force --timestamp --options runtime --entitlements "$ENTITLEMENTS" \
        --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --strict --verbose=2 "$APP"
}

make_dmg() {
    local stage="$BUILD_DIR/dmg"
    rm -rf "$stage" "$DMG"
    mkdir -p "$stage" "$OUT"
    cp -R "$APP" "$stage/"
    ln -s /Applications "$stage/Applications"
    hdiutil create -volname "Enclave Scribe" -srcfolder "$stage" -fs HFS+ -format UDZO -ov "$DMG"
    if [ -n "${CODESIGN_IDENTITY:-}" ]; then
        codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    fi
}

notarise() {
    if [ -z "${CODESIGN_IDENTITY:-}" ] || [ -z "${NOTARY_PROFILE:-}" ]; then
        echo "build_dmg: NOTARY_PROFILE or CODESIGN_IDENTITY not set, skipping notarisation"
        return
    fi
    xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
    xcrun stapler staple "$DMG"
}

main() {
    [ -d "$APP" ] || { echo "build_dmg: no app bundle at $APP" >&2; exit 1; }
    sign_app
    make_dmg
    notarise
    echo "dmg:     $(du -h "$DMG" | cut -f1)  $DMG"
}

main "$@"
