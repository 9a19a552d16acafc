#!/usr/bin/env bash
# Sign Kanpe.app with a Developer ID Application certificate and the hardened runtime, when the
# signing secrets are set; otherwise say so and leave it unsigned (users then right-click > Open).
#
#   MACOS_CERTIFICATE            base64 of the .p12 holding the certificate and its private key
#   MACOS_CERTIFICATE_PASSWORD   the .p12's password
#   MACOS_SIGN_IDENTITY          e.g. "Developer ID Application: Example Ltd (TEAMID1234)"
#   KANPE_KEYCHAIN               the keychain holding it (build.sh opens one: keychain.sh);
#                                unset, codesign searches the user's keychains
#
#   packaging/macos/sign_app.sh dist/Kanpe.app
set -euo pipefail
APP=${1:?usage: sign_app.sh PATH/TO/Kanpe.app}
ENTITLEMENTS="$(cd "$(dirname "$0")" && pwd)/entitlements.plist"

if [[ -z "${MACOS_CERTIFICATE:-}" ]]; then
    echo "skipping signing: MACOS_CERTIFICATE not set; $APP stays unsigned (first launch: right-click > Open)"
    exit 0
fi
for name in MACOS_CERTIFICATE_PASSWORD MACOS_SIGN_IDENTITY; do
    if [[ -z "${!name:-}" ]]; then
        echo "sign_app.sh: MACOS_CERTIFICATE is set but $name is not: set all three or none" >&2
        exit 1
    fi
done

keychain=()  # expanded as ${keychain[@]+...}: macOS bash 3.2 calls an empty array unbound
if [[ -n "${KANPE_KEYCHAIN:-}" ]]; then keychain=(--keychain "$KANPE_KEYCHAIN"); fi
sign() {
    codesign --force --timestamp --options runtime ${keychain[@]+"${keychain[@]}"} \
        --sign "$MACOS_SIGN_IDENTITY" "$@"
}
# Inside out: every Mach-O file (libraries, extension modules, the Python library, Qt's framework
# binaries), then each framework, then the app itself with its entitlements.
find "$APP/Contents" -type f -not -path "$APP/Contents/MacOS/*" -print0 |
    while IFS= read -r -d '' file; do
        if file -b "$file" | grep -q 'Mach-O'; then
            sign "$file"
        fi
    done
find "$APP/Contents" -type d -name '*.framework' -prune -print0 | while IFS= read -r -d '' framework; do
    sign "$framework"
done
sign --entitlements "$ENTITLEMENTS" "$APP"
codesign --verify --deep --strict --verbose=2 "$APP"
echo "signed $APP as $MACOS_SIGN_IDENTITY"
