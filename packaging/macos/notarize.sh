#!/usr/bin/env bash
# Notarize Kanpe.app or its .dmg with Apple's notary service and staple the ticket to it, when the
# secrets are set; otherwise say so (Gatekeeper then asks users to right-click > Open).
#
#   MACOS_SIGN_IDENTITY   the Developer ID Application identity that signed the app
#   APPLE_ID              the Apple ID of a member of the team
#   APPLE_TEAM_ID         the ten-character team id
#   APPLE_APP_PASSWORD    an app-specific password for that Apple ID
#   KANPE_KEYCHAIN        the keychain holding the identity (build.sh opens one: keychain.sh)
#
#   packaging/macos/notarize.sh dist/Kanpe.app     # zipped for the upload; the ticket is
#                                                  # stapled to the .app itself
#   packaging/macos/notarize.sh dist/Kanpe-0.1.0-macos-arm64.dmg   # signed, then notarized
#
# Both are notarized (build.sh): the .app's own ticket lets it pass Gatekeeper offline once it
# has been copied out of the .dmg (a venue with no network), the .dmg's the download itself.
set -euo pipefail
TARGET=${1:?usage: notarize.sh PATH/TO/Kanpe.app|PATH/TO/Kanpe.dmg}
STAPLE_TRIES=${STAPLE_TRIES:-6}

if [[ -z "${MACOS_SIGN_IDENTITY:-}" || -z "${MACOS_CERTIFICATE:-}" ]]; then
    echo "skipping notarization: MACOS_CERTIFICATE / MACOS_SIGN_IDENTITY not set, the app is unsigned"
    exit 0
fi
for name in APPLE_ID APPLE_TEAM_ID APPLE_APP_PASSWORD; do
    if [[ -z "${!name:-}" ]]; then
        echo "skipping notarization: $name not set; $TARGET is signed but not notarized"
        exit 0
    fi
done
credentials=(--apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" --password "$APPLE_APP_PASSWORD")
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

case "$TARGET" in
    *.app)
        upload="$WORK/$(basename "$TARGET" .app).zip"
        ditto -c -k --sequesterRsrc --keepParent "$TARGET" "$upload"
        ;;
    *.dmg)
        keychain=()  # expanded as ${keychain[@]+...}: macOS bash 3.2 calls an empty array unbound
        if [[ -n "${KANPE_KEYCHAIN:-}" ]]; then keychain=(--keychain "$KANPE_KEYCHAIN"); fi
        codesign --force --timestamp ${keychain[@]+"${keychain[@]}"} --sign "$MACOS_SIGN_IDENTITY" "$TARGET"
        upload=$TARGET
        ;;
    *)
        echo "notarize.sh: $TARGET is neither an .app nor a .dmg" >&2
        exit 2
        ;;
esac

# `submit --wait` exits 0 whatever the verdict, so the verdict is read from its JSON output:
# anything but Accepted fails here, with Apple's log saying why, not later in the stapler.
echo "submitting $TARGET to the notary service"
xcrun notarytool submit "$upload" "${credentials[@]}" --wait --timeout 30m \
    --output-format json >"$WORK/submit.json" || true
status=$(plutil -extract status raw -o - "$WORK/submit.json" 2>/dev/null || echo "no verdict")
submission=$(plutil -extract id raw -o - "$WORK/submit.json" 2>/dev/null || echo "")
echo "notary verdict for $TARGET: $status (submission ${submission:-unknown})"
if [[ "$status" != "Accepted" ]]; then
    cat "$WORK/submit.json" >&2 || true
    if [[ -n "$submission" ]]; then
        echo "--- the notary log of submission $submission ---" >&2
        xcrun notarytool log "$submission" "${credentials[@]}" >&2 || true
    fi
    echo "notarize.sh: $TARGET was not accepted ($status)" >&2
    exit 1
fi

# Right after acceptance the ticket is sometimes not yet served to the stapler: retry, waiting
# longer each time, before calling it a failure.
for try in $(seq 1 "$STAPLE_TRIES"); do
    if xcrun stapler staple "$TARGET"; then
        break
    fi
    if [[ "$try" == "$STAPLE_TRIES" ]]; then
        echo "notarize.sh: stapling $TARGET failed $STAPLE_TRIES times" >&2
        exit 1
    fi
    echo "stapling failed (try $try of $STAPLE_TRIES): the ticket may not have propagated yet"
    sleep $((try * ${STAPLE_DELAY:-15}))
done
xcrun stapler validate "$TARGET"
echo "notarized and stapled $TARGET"
