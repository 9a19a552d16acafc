#!/usr/bin/env bash
# Wrap an .app in a compressed, read-only disk image with an Applications shortcut beside it, so
# installing is a drag and drop.
#
#   packaging/macos/make_dmg.sh dist/Kanpe.app dist/Kanpe-0.1.0-macos-arm64.dmg "Kanpe 0.1.0"
set -euo pipefail
APP=${1:?usage: make_dmg.sh APP DMG [VOLUME_NAME]}
DMG=${2:?usage: make_dmg.sh APP DMG [VOLUME_NAME]}
VOLUME=${3:-Kanpe}
STAGING=$(mktemp -d)
trap 'rm -rf "$STAGING"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"
rm -f "$DMG"
hdiutil create -volname "$VOLUME" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG" >/dev/null
hdiutil verify "$DMG" >/dev/null
echo "made $DMG"
