#!/usr/bin/env bash
# macOS: build dist/Kanpe.app, self-test it (offscreen, then on cocoa: real windows), sign it,
# notarize and staple it (when the secrets are set), wrap it in
# dist/Kanpe-<version>-macos-<arch>.dmg, sign, notarize and staple the .dmg, then self-test the app
# again from the mounted .dmg, as a user would get it.
#
#   PYTHON=python3 packaging/macos/build.sh
#
# Runs on a Mac (the release workflow's macos-15 runner): it needs hdiutil and codesign.
# Needs PyInstaller (pip install -e '.[packaging]').
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
APP=dist/Kanpe.app
DMG="dist/Kanpe-$VERSION-macos-$ARCH.dmg"
MIN_MACOS=14.0  # LSMinimumSystemVersion in packaging/kanpe.spec
MOUNT=""
# shellcheck source=packaging/macos/keychain.sh
source packaging/macos/keychain.sh
cleanup() {
    if [[ -n "$MOUNT" ]]; then hdiutil detach "$MOUNT" -quiet || true; fi
    keychain_close
}
trap cleanup EXIT

echo "== PyInstaller: kanpe $VERSION"
rm -rf build/pyinstaller dist/kanpe "$APP" "$DMG"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/kanpe.spec

echo "== every binary runs on macOS $MIN_MACOS (the build host is newer: it must not raise the floor)"
plist_floor=$(plutil -extract LSMinimumSystemVersion raw -o - "$APP/Contents/Info.plist")
if [[ "$plist_floor" != "$MIN_MACOS" ]]; then
    echo "Info.plist says LSMinimumSystemVersion $plist_floor, not $MIN_MACOS" >&2
    exit 1
fi
too_new=0
while IFS= read -r -d '' file; do
    file -b "$file" | grep -q 'Mach-O' || continue
    # LC_BUILD_VERSION's "minos 14.0", or the older LC_VERSION_MIN_MACOSX's "version 10.13".
    floor=$(otool -l "$file" | awk '/LC_BUILD_VERSION|LC_VERSION_MIN_MACOSX/ {cmd=1}
        cmd && ($1 == "minos" || $1 == "version") {print $2; exit}')
    if [[ -n "$floor" && "$(printf '%s\n%s\n' "$floor" "$MIN_MACOS" | sort -V | tail -1)" != "$MIN_MACOS" ]]; then
        echo "needs macOS $floor: ${file#"$APP"/}" >&2
        too_new=1
    fi
done < <(find "$APP/Contents" -type f -print0)
if [[ "$too_new" == 1 ]]; then
    echo "some binaries need a newer macOS than $MIN_MACOS (pin older wheels or raise the floor)" >&2
    exit 1
fi

echo "== self-test of $APP (offscreen)"
"$APP/Contents/MacOS/kanpe" --self-test
echo "== self-test of $APP on cocoa (real windows, the system's fonts)"
QT_QPA_PLATFORM=cocoa "$APP/Contents/MacOS/kanpe" --self-test

if [[ -n "${MACOS_CERTIFICATE:-}" && -n "${MACOS_CERTIFICATE_PASSWORD:-}" ]]; then
    echo "== signing keychain (kept until the .dmg is signed too)"
    keychain_open
fi

echo "== codesign"
bash packaging/macos/sign_app.sh "$APP"

echo "== notarize the app (its own ticket: it passes Gatekeeper offline once copied out)"
bash packaging/macos/notarize.sh "$APP"

echo "== $DMG"
bash packaging/macos/make_dmg.sh "$APP" "$DMG" "Kanpe $VERSION"

echo "== notarize the .dmg"
bash packaging/macos/notarize.sh "$DMG"

echo "== self-test from the mounted disk image"
MOUNT=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
"$MOUNT/Kanpe.app/Contents/MacOS/kanpe" --self-test
echo "made $DMG ($(du -m "$DMG" | cut -f1) MB; the app is $(du -sm "$APP" | cut -f1) MB on disk)"
