#!/usr/bin/env bash
# Sign the .dmg, send it to Apple's notary service, wait for the verdict and staple the ticket,
# when the secrets are set; otherwise say so (Gatekeeper then asks users to right-click > Open).
#
#   MACOS_SIGN_IDENTITY   the Developer ID Application identity that signed the app
#   APPLE_ID              the Apple ID of a member of the team
#   APPLE_TEAM_ID         the ten-character team id
#   APPLE_APP_PASSWORD    an app-specific password for that Apple ID
#
#   packaging/macos/notarize.sh dist/Kanpe-0.1.0-macos-arm64.dmg
set -euo pipefail
DMG=${1:?usage: notarize.sh PATH/TO/Kanpe.dmg}

if [[ -z "${MACOS_SIGN_IDENTITY:-}" || -z "${MACOS_CERTIFICATE:-}" ]]; then
    echo "skipping notarization: MACOS_CERTIFICATE / MACOS_SIGN_IDENTITY not set, the app is unsigned"
    exit 0
fi
for name in APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD; do
    if [[ -z "${!name:-}" ]]; then
        echo "skipping notarization: $name not set; $DMG is signed but not notarized"
        exit 0
    fi
done
codesign --force --timestamp --sign "$MACOS_SIGN_IDENTITY" "$DMG"
xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait --timeout 30m
xcrun stapler staple "$DMG"
xcrun stapler validate "$DMG"
echo "notarized and stapled $DMG"
