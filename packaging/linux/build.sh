#!/usr/bin/env bash
# Linux: build the one-folder bundle (dist/kanpe/), self-test it offscreen and under Xvfb, check
# that a damaged copy is refused with a message, and pack dist/kanpe-<version>-linux-<arch>.tar.gz.
#
#   make bundle                                   # installs what is needed, then runs this
#   PYTHON=/path/to/python packaging/linux/build.sh
#
# Needs PyInstaller (pip install -e '.[test,packaging]'), xvfb-run and Qt's xcb libraries (the
# Makefile's APT_PACKAGES).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)
TARBALL="dist/kanpe-$VERSION-linux-$ARCH.tar.gz"

echo "== PyInstaller: kanpe $VERSION"
rm -rf build/pyinstaller dist/kanpe "$TARBALL"
started=$SECONDS
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/kanpe.spec
echo "built dist/kanpe in $((SECONDS - started)) s"
# The desktop entry (menu, PDF "Open with", kanpe: links) a user installs with one command.
cp packaging/linux/kanpe.desktop packaging/linux/install-desktop-entry.sh dist/kanpe/

echo "== self-test, headless (no QT_QPA_PLATFORM, no display: the self-test picks offscreen)"
env -u QT_QPA_PLATFORM -u DISPLAY -u WAYLAND_DISPLAY dist/kanpe/kanpe --self-test

echo "== self-test under Xvfb (QT_QPA_PLATFORM=xcb: a real X11 window)"
xvfb-run -a env QT_QPA_PLATFORM=xcb dist/kanpe/kanpe --self-test

echo "== the bundle tests (tests/e2e/test_packaging.py): no arguments shows the start window on Xvfb; damaged copies are refused with a message"
KANPE_BUNDLE="$PWD/dist/kanpe" "$PY" -m pytest -q -p no:cacheprovider \
    -m bundle tests/e2e/test_packaging.py

echo "== $TARBALL"
# Sorted, owner-free and timestamp-free gzip: the same bundle gives the same tarball.
tar --sort=name --owner=0 --group=0 --numeric-owner -C dist -cf - kanpe | gzip -n -6 >"$TARBALL"
echo "bundle: $(du -sm dist/kanpe | cut -f1) MB on disk, $(du -m "$TARBALL" | cut -f1) MB as $TARBALL"
