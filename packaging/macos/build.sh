#!/usr/bin/env bash
# macOS: build dist/Kanpe.app, self-test it, sign it (when the signing secrets are set), wrap it
# in dist/Kanpe-<version>-macos-<arch>.dmg, notarize and staple the .dmg (when the notary secrets
# are set), then self-test the app again from the mounted .dmg, as a user would get it.
#
#   PYTHON=python3 packaging/macos/build.sh
#
# Runs on a Mac (the release workflow's macos-14 runner): it needs hdiutil and codesign.
# Needs PyInstaller (pip install -e '.[packaging]').
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-python3}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
APP=dist/Kanpe.app
DMG="dist/Kanpe-$VERSION-macos-$ARCH.dmg"

echo "== PyInstaller: kanpe $VERSION"
rm -rf build/pyinstaller dist/kanpe "$APP" "$DMG"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/kanpe.spec

echo "== self-test of $APP"
"$APP/Contents/MacOS/kanpe" --self-test

echo "== codesign"
bash packaging/macos/sign_app.sh "$APP"

echo "== $DMG"
bash packaging/macos/make_dmg.sh "$APP" "$DMG" "Kanpe $VERSION"

echo "== notarize"
bash packaging/macos/notarize.sh "$DMG"

echo "== self-test from the mounted disk image"
MOUNT=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
trap 'hdiutil detach "$MOUNT" -quiet || true' EXIT
"$MOUNT/Kanpe.app/Contents/MacOS/kanpe" --self-test
echo "made $DMG ($(du -m "$DMG" | cut -f1) MB; the app is $(du -sm "$APP" | cut -f1) MB on disk)"
