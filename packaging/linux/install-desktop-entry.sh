#!/usr/bin/env bash
# Linux: make this unpacked Kanpe a desktop app for the current user: a menu entry, PDF decks'
# "Open with", and kanpe: links (the relay's speaker page) opening it. Nothing system-wide.
#
#   kanpe/install-desktop-entry.sh             # from the unpacked tarball
#   kanpe/install-desktop-entry.sh --remove    # undo it
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
APPS=${XDG_DATA_HOME:-$HOME/.local/share}/applications
ICONS=${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps
ENTRY="$APPS/kanpe.desktop"

if [[ "${1:-}" == "--remove" ]]; then
    rm -f "$ENTRY" "$ICONS/kanpe.png"
    if command -v update-desktop-database >/dev/null; then update-desktop-database "$APPS"; fi
    echo "removed $ENTRY"
    exit 0
fi

mkdir -p "$APPS" "$ICONS"
cp "$HERE/_internal/assets/icons/kanpe-256.png" "$ICONS/kanpe.png"
# Exec's path, quoted as the .desktop format wants: a folder with spaces or quotes still works.
program="$HERE/kanpe"
for special in $'\\' '"' '`' '$'; do program=${program//"$special"/\\$special}; done
program=${program//%/%%}
template=$(<"$HERE/kanpe.desktop")
quoted="\"$program\""
printf '%s\n' "${template//@KANPE@/"$quoted"}" >"$ENTRY"  # quoted: no & or \ expansion
if command -v update-desktop-database >/dev/null; then update-desktop-database "$APPS"; fi
if command -v xdg-mime >/dev/null; then
    xdg-mime default kanpe.desktop x-scheme-handler/kanpe
fi
echo "installed $ENTRY: Kanpe is in the applications menu, and kanpe: links open it"
