#!/usr/bin/env bash
# Sourced by packaging/macos/build.sh: a throwaway keychain holding only the signing certificate,
# kept for the whole build (the app's signature, then the .dmg's after notarizing the app) and
# deleted when build.sh exits. It used to live and die inside sign_app.sh, so the .dmg's
# signature in notarize.sh found no identity once the secrets were set.
#
#   MACOS_CERTIFICATE            base64 of the .p12 holding the certificate and its private key
#   MACOS_CERTIFICATE_PASSWORD   the .p12's password
#
# keychain_open exports KANPE_KEYCHAIN, which sign_app.sh and notarize.sh sign with;
# keychain_close removes it and puts the user's keychain search list back.

keychain_open() {
    KANPE_KEYCHAIN_DIR=$(mktemp -d)
    KANPE_KEYCHAIN="$KANPE_KEYCHAIN_DIR/kanpe-signing.keychain-db"
    local password
    password=$(uuidgen)
    KANPE_KEYCHAIN_LIST=$(security list-keychains -d user | tr -d '"')
    echo "$MACOS_CERTIFICATE" | base64 --decode >"$KANPE_KEYCHAIN_DIR/certificate.p12"
    security create-keychain -p "$password" "$KANPE_KEYCHAIN"
    # No auto-lock within the build: notarization can wait for half an hour before the .dmg's
    # signature needs the key again.
    security set-keychain-settings "$KANPE_KEYCHAIN"
    security unlock-keychain -p "$password" "$KANPE_KEYCHAIN"
    security import "$KANPE_KEYCHAIN_DIR/certificate.p12" -k "$KANPE_KEYCHAIN" \
        -P "$MACOS_CERTIFICATE_PASSWORD" -T /usr/bin/codesign >/dev/null
    rm -f "$KANPE_KEYCHAIN_DIR/certificate.p12"
    security set-key-partition-list -S apple-tool:,apple:,codesign: -s -k "$password" \
        "$KANPE_KEYCHAIN" >/dev/null
    # shellcheck disable=SC2086 # the existing search list, one keychain per word
    security list-keychains -d user -s "$KANPE_KEYCHAIN" $KANPE_KEYCHAIN_LIST
    export KANPE_KEYCHAIN
}

keychain_close() {
    if [[ -n "${KANPE_KEYCHAIN:-}" ]]; then
        # shellcheck disable=SC2086
        security list-keychains -d user -s $KANPE_KEYCHAIN_LIST >/dev/null 2>&1 || true
        security delete-keychain "$KANPE_KEYCHAIN" >/dev/null 2>&1 || true
        rm -rf "$KANPE_KEYCHAIN_DIR"
        unset KANPE_KEYCHAIN
    fi
}
