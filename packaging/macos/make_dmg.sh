#!/usr/bin/env bash
# Wrap an .app in a compressed, read-only disk image with an Applications shortcut beside it, so
# installing is a drag and drop.
#
#   packaging/macos/make_dmg.sh dist/Kanpe.app dist/Kanpe-0.1.0-macos-arm64.dmg "Kanpe 0.1.0"
set -euo pipefail
APP=${1:?usage: make_dmg.sh APP DMG [VOLUME_NAME]}
DMG=${2:?usage: make_dmg.sh APP DMG [VOLUME_NAME]}
VOLUME=${3:-Kanpe}
TRIES=${HDIUTIL_TRIES:-5}
STAGING=$(mktemp -d)
LOG=$(mktemp)
trap 'rm -rf "$STAGING" "$LOG"' EXIT
cp -R "$APP" "$STAGING/"
ln -s /Applications "$STAGING/Applications"

# hdiutil create fails now and then with "Resource busy" (hdiutil: create failed - Resource
# busy) while Spotlight or XProtect still holds the freshly written staging folder or a previous
# image: that one error is retried after a pause; any other fails at once.
for try in $(seq 1 "$TRIES"); do
    rm -f "$DMG"
    if hdiutil create -volname "$VOLUME" -srcfolder "$STAGING" -fs HFS+ -format UDZO -ov "$DMG" \
        >"$LOG" 2>&1; then
        break
    fi
    cat "$LOG" >&2
    if ! grep -q "Resource busy" "$LOG" || [[ "$try" == "$TRIES" ]]; then
        echo "make_dmg.sh: hdiutil create failed (try $try of $TRIES)" >&2
        exit 1
    fi
    echo "hdiutil: Resource busy (try $try of $TRIES), trying again"
    sleep $((try * ${HDIUTIL_DELAY:-5}))
done
hdiutil verify "$DMG" >/dev/null
echo "made $DMG"
