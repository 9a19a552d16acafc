#!/usr/bin/env bash
# Sign Kanpe.app with a Developer ID Application certificate and the hardened runtime, when the
# signing secrets are set; otherwise say so and leave it unsigned (users then right-click > Open).
#
#   MACOS_CERTIFICATE            base64 of the .p12 holding the certificate and its private key
#   MACOS_CERTIFICATE_PASSWORD   the .p12's password
#   MACOS_SIGN_IDENTITY          e.g. "Developer ID Application: Example Ltd (TEAMID1234)"
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

# A throwaway keychain holding only this certificate, removed when the script ends.
WORK=$(mktemp -d)
KEYCHAIN="$WORK/kanpe-signing.keychain-db"
KEYCHAIN_PASSWORD=$(uuidgen)
trap 'security delete-keychain "$KEYCHAIN" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
echo "$MACOS_CERTIFICATE" | base64 --decode >"$WORK/certificate.p12"
security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
security set-keychain-settings -lut 3600 "$KEYCHAIN"
security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
security import "$WORK/certificate.p12" -k "$KEYCHAIN" -P "$MACOS_CERTIFICATE_PASSWORD" \
    -T /usr/bin/codesign >/dev/null
security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$KEYCHAIN_PASSWORD" \
    "$KEYCHAIN" >/dev/null
# shellcheck disable=SC2046 # the existing search list, one keychain per word
security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')

sign() {
    codesign --force --timestamp --options runtime --keychain "$KEYCHAIN" \
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
