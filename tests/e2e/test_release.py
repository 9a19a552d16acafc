"""The release: the workflow, the macOS and Windows installer scripts, and the version they stamp.

No Mac or Windows machine is here, so: the workflow goes through actionlint (with shellcheck on
its scripts); the macOS scripts run for real with stand-ins for Apple's tools on PATH (each logs
its call and answers as the real one does), so their control flow is exercised (the notary's
verdict, the stapler's and hdiutil's retries, the keychain's lifetime); the Inno Setup script and
the PowerShell build are read for what they must contain.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "kanpe.iss"
BUILD_PS1 = ROOT / "packaging" / "windows" / "build.ps1"
WORKFLOW = ROOT / ".github" / "workflows" / "release.yml"
MACOS = ROOT / "packaging" / "macos"
sys.path.insert(0, str(ROOT / "packaging"))
from versioninfo import numeric_version  # noqa: E402

# --- the version ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("version", "numeric"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("0.2.0rc1", (0, 2, 0, 0)),
        ("1.4", (1, 4, 0, 0)),
        ("2", (2, 0, 0, 0)),
        ("1.4.2.post3", (1, 4, 2, 3)),
        ("0.3.0.dev7", (0, 3, 0, 0)),
        ("1.0b2", (1, 0, 0, 0)),
    ],
)
def test_windows_gets_four_numbers_for_any_pyproject_version(
    version: str, numeric: tuple[int, ...]
) -> None:
    assert numeric_version(version) == numeric


@pytest.mark.parametrize(
    ("version", "problem"),
    [
        ("banana", "not a PEP 440 version"),
        ("1!2.0", "epoch"),
        ("1.0+local", "local part"),
        ("1.2.3.4", "more than three"),
        ("70000.0", "at most 65535"),
    ],
)
def test_a_version_windows_cannot_hold_is_refused_by_name(version: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        numeric_version(version)


# --- the Windows installer -----------------------------------------------------------------


def inno_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text("utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        if re.fullmatch(r"\[\w+\]", line):
            current = line[1:-1]
            continue
        sections.setdefault(current, []).append(line)
    return sections


def test_inno_script_makes_a_per_user_installer_with_shortcuts_and_an_uninstaller() -> None:
    sections = inno_sections()
    setup = dict(line.split("=", 1) for line in sections["Setup"])
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["OutputBaseFilename"] == "KanpeSetup-{#AppVersion}"
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", setup["AppId"])
    assert setup["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).is_file()
    assert "Uninstallable" not in setup or setup["Uninstallable"] == "yes"
    assert setup["UninstallDisplayIcon"] == "{app}\\{#AppExe}"
    tasks = " ".join(sections["Tasks"])
    assert 'Name: "desktopicon"' in tasks and "Flags: unchecked" in tasks
    icons = sections["Icons"]
    assert any(i.startswith('Name: "{group}\\{#AppName}"') for i in icons)
    assert any("{uninstallexe}" in i for i in icons)
    assert any("{autodesktop}" in i and "Tasks: desktopicon" in i for i in icons)
    assert any("{#BundleDir}\\*" in f and "recursesubdirs" in f for f in sections["Files"])
    preamble = " ".join(sections[""])
    assert "#error" in preamble and '#define AppExe "kanpe.exe"' in preamble


def test_inno_version_info_is_numeric_and_the_full_version_is_text() -> None:
    setup = dict(line.split("=", 1) for line in inno_sections()["Setup"])
    # VersionInfoVersion takes four numbers: 0.2.0rc1 would not compile.
    assert setup["VersionInfoVersion"] == "{#AppNumericVersion}"
    assert setup["VersionInfoProductTextVersion"] == "{#AppVersion}"
    assert "#ifndef AppNumericVersion" in ISS.read_text("utf-8")


def test_installer_registers_the_kanpe_scheme_per_user_and_removes_it_on_uninstall() -> None:
    registry = inno_sections()["Registry"]
    scheme = [line for line in registry if 'Subkey: "Software\\Classes\\{#Scheme}' in line]
    assert all(line.startswith("Root: HKCU;") for line in registry)  # per user, no admin
    assert any("Flags: uninsdeletekey" in line for line in scheme)  # the whole key goes
    assert any('ValueName: "URL Protocol"' in line for line in scheme)
    (command,) = [line for line in scheme if "shell\\open\\command" in line]
    assert '"""{app}\\{#AppExe}"" ""%1"""' in command  # the windowed app gets the link
    assert '#define Scheme "kanpe"' in ISS.read_text("utf-8")


def test_installer_offers_kanpe_for_pdfs_without_taking_the_default() -> None:
    registry = inno_sections()["Registry"]
    pdf = [line for line in registry if "Tasks: openpdfwith" in line]
    assert any("\\.pdf\\OpenWithProgids" in line and "uninsdeletevalue" in line for line in pdf)
    # Never the .pdf key's default value: that would make Kanpe the PDF app.
    assert not any(re.search(r'Subkey: "Software\\Classes\\\.pdf"; ', line) for line in registry)
    assert any(line.startswith('Name: "openpdfwith"') for line in inno_sections()["Tasks"])


def test_installer_puts_kanpe_cli_on_the_users_path_and_takes_it_off_on_uninstall() -> None:
    text = ISS.read_text("utf-8")
    assert any(line.startswith('Name: "addtopath"') for line in inno_sections()["Tasks"])
    code = text.split("[Code]", 1)[1]
    assert "WizardIsTaskSelected('addtopath')" in code
    assert "HKEY_CURRENT_USER, EnvironmentKey, 'Path'" in code
    assert "usPostUninstall" in code and "PathWithout(Paths, ExpandConstant('{app}'))" in code
    assert "ChangesEnvironment=yes" in text


def test_windows_build_finds_inno_setup_6_or_7_and_looks_again_after_installing_it() -> None:
    script = BUILD_PS1.read_text("utf-8")
    assert "foreach ($major in 7, 6)" in script
    assert "Inno Setup ${major}_is1" in script  # the uninstall registry's InstallLocation
    assert "choco install innosetup" in script
    after_choco = script.split("choco install innosetup", 1)[1]
    assert "$iscc = Find-Iscc" in after_choco  # looks again once installed


def test_windows_build_stamps_versions_and_self_tests_the_windowed_exe() -> None:
    script = BUILD_PS1.read_text("utf-8")
    assert "packaging\\versioninfo.py" in script
    assert '"/DAppVersion=$version"' in script and '"/DAppNumericVersion=$numeric"' in script
    assert '"/DBundleDir=$bundle"' in script
    assert "dist\\kanpe\\kanpe-cli.exe --self-test" in script  # offscreen
    assert "$env:QT_QPA_PLATFORM = 'windows'" in script  # then the real platform...
    assert "Test-Windowed -Exe (Resolve-Path dist\\kanpe\\kanpe.exe)" in script  # ...windowed
    assert "Test-Windowed -Exe (Join-Path $target 'kanpe.exe')" in script  # and installed
    assert "'--self-test', '--report'" in script
    assert "kanpe-cli --version" in script  # found on PATH, as the README says
    assert "VersionInfo" in script  # both exes carry the version resource


# --- macOS: the scripts, run with stand-ins for Apple's tools ------------------------------

SECRETS = (
    "MACOS_CERTIFICATE",
    "MACOS_CERTIFICATE_PASSWORD",
    "MACOS_SIGN_IDENTITY",
    "APPLE_ID",
    "APPLE_TEAM_ID",
    "APPLE_APP_PASSWORD",
)
ALL_SECRETS = {name: f"secret-{name.lower()}" for name in SECRETS}

# Each stand-in appends "tool args..." to $STUB_LOG and answers like the real tool.
STUBS = {
    "xcrun": r"""
case "$1 $2" in
  "notarytool submit")
    printf '{"id":"sub-42","status":"%s","message":"Processing complete"}\n' "$NOTARY_STATUS" ;;
  "notarytool log") echo "NOTARY LOG: The signature of the binary is invalid." ;;
  "stapler staple")
    n=$(( $(cat "$STUB_DIR/staples" 2>/dev/null || echo 0) + 1 )); echo $n >"$STUB_DIR/staples"
    if [ "$n" -le "${STAPLE_FAILS:-0}" ]; then echo "Error 65: ticket not found" >&2; exit 65; fi ;;
esac
""",
    "plutil": r"""
# plutil -extract KEY raw -o - FILE (JSON in)
python3 -c 'import json, sys; print(json.load(open(sys.argv[2]))[sys.argv[1]])' "$2" "$6"
""",
    "hdiutil": r"""
if [ "$1" = create ]; then
  n=$(( $(cat "$STUB_DIR/creates" 2>/dev/null || echo 0) + 1 )); echo $n >"$STUB_DIR/creates"
  if [ "$n" -le "${HDIUTIL_BUSY:-0}" ]; then
    echo "hdiutil: create failed - ${HDIUTIL_ERROR:-Resource busy}" >&2; exit 1
  fi
  for last; do :; done; : >"$last"
fi
""",
    "codesign": "",
    "ditto": 'for last; do :; done; : >"$last"',
    "security": """
if [ "$1" = list-keychains ] && [[ " $* " != *" -s "* ]]; then echo '    "/login.keychain-db"'; fi
""",
    "uuidgen": "echo 0000-1111",
    "file": "echo 'Mach-O 64-bit dynamically linked shared library arm64'",
}


@pytest.fixture
def apple(tmp_path: Path) -> Path:
    """A folder of stand-ins for Apple's tools, first on PATH for ``run_mac``."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for name, body in STUBS.items():
        stub = folder / name
        stub.write_text(f'#!/usr/bin/env bash\necho "{name} $*" >>"$STUB_LOG"\n{body}\n')
        stub.chmod(0o755)
    return folder


def run_mac(
    apple: Path, script: str, *args: str, **env: str
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    log = apple.parent / "calls.log"
    log.unlink(missing_ok=True)
    result = subprocess.run(
        ["bash", str(MACOS / script), *args],
        capture_output=True,
        text=True,
        env={
            **clean,
            "PATH": f"{apple}:{clean['PATH']}",
            "STUB_LOG": str(log),
            "STUB_DIR": str(apple.parent),
            "STAPLE_DELAY": "0",
            "HDIUTIL_DELAY": "0",
            **env,
        },
        timeout=60,
        check=False,
    )
    return result, log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize(
    "script",
    [*sorted(MACOS.glob("*.sh")), *sorted((ROOT / "packaging" / "linux").glob("*.sh"))],
    ids=lambda p: p.name,
)
def test_build_scripts_pass_shellcheck(script: Path) -> None:
    found = shutil.which("shellcheck")
    assert found, "shellcheck is missing: make system-deps installs it"
    result = subprocess.run(
        [found, "-x", str(script.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_signing_is_skipped_with_a_clear_line_when_no_secrets_are_set(apple: Path) -> None:
    signed, calls = run_mac(apple, "sign_app.sh", "dist/Kanpe.app")
    assert signed.returncode == 0
    assert signed.stdout.startswith("skipping signing: MACOS_CERTIFICATE not set")
    notarized, more = run_mac(apple, "notarize.sh", "dist/Kanpe.dmg")
    assert notarized.returncode == 0
    assert notarized.stdout.startswith("skipping notarization: ")
    assert calls == more == []


def test_half_configured_signing_fails_instead_of_shipping_unsigned(apple: Path) -> None:
    result, _ = run_mac(apple, "sign_app.sh", "dist/Kanpe.app", MACOS_CERTIFICATE="AAAA")
    assert result.returncode == 1
    assert "MACOS_CERTIFICATE_PASSWORD" in result.stderr


def test_notarization_says_which_secret_is_missing(apple: Path) -> None:
    result, _ = run_mac(
        apple, "notarize.sh", "x.dmg", MACOS_CERTIFICATE="AAAA", MACOS_SIGN_IDENTITY="Dev ID"
    )
    assert result.returncode == 0
    assert result.stdout.startswith("skipping notarization: APPLE_ID not set")


def test_an_invalid_notary_verdict_fails_with_apples_log(apple: Path, tmp_path: Path) -> None:
    dmg = tmp_path / "Kanpe.dmg"
    dmg.write_bytes(b"dmg")
    result, calls = run_mac(apple, "notarize.sh", str(dmg), NOTARY_STATUS="Invalid", **ALL_SECRETS)
    assert result.returncode == 1
    assert "notary verdict for" in result.stdout and "Invalid (submission sub-42)" in result.stdout
    assert "NOTARY LOG: The signature of the binary is invalid." in result.stderr
    assert any(call.startswith("xcrun notarytool log sub-42") for call in calls)
    assert not any("stapler" in call for call in calls)  # no stapler error hiding the cause


def test_a_dmg_is_signed_with_the_builds_keychain_then_notarized_and_stapled(
    apple: Path, tmp_path: Path
) -> None:
    dmg = tmp_path / "Kanpe.dmg"
    dmg.write_bytes(b"dmg")
    result, calls = run_mac(
        apple,
        "notarize.sh",
        str(dmg),
        NOTARY_STATUS="Accepted",
        KANPE_KEYCHAIN="/tmp/k.keychain-db",
        **ALL_SECRETS,
    )
    assert result.returncode == 0, result.stderr
    calls = [call for call in calls if not call.startswith("plutil")]
    tools = [call.split()[0:2] for call in calls]
    assert tools == [
        ["codesign", "--force"],
        ["xcrun", "notarytool"],
        ["xcrun", "stapler"],
        ["xcrun", "stapler"],
    ]
    assert "--keychain /tmp/k.keychain-db" in calls[0]
    assert calls[2] == f"xcrun stapler staple {dmg}" and calls[3].startswith(
        "xcrun stapler validate"
    )


def test_the_app_is_zipped_for_the_notary_and_the_ticket_stapled_to_the_app(
    apple: Path, tmp_path: Path
) -> None:
    app = tmp_path / "Kanpe.app"
    app.mkdir()
    result, calls = run_mac(apple, "notarize.sh", str(app), NOTARY_STATUS="Accepted", **ALL_SECRETS)
    assert result.returncode == 0, result.stderr
    assert calls[0].startswith(f"ditto -c -k --sequesterRsrc --keepParent {app} ")
    assert re.match(r"xcrun notarytool submit \S+/Kanpe\.zip ", calls[1])
    assert f"xcrun stapler staple {app}" in calls


@pytest.mark.parametrize(("fails", "ok"), [(2, True), (6, False)])
def test_stapling_is_retried_until_the_ticket_has_propagated(
    apple: Path, tmp_path: Path, fails: int, ok: bool
) -> None:
    dmg = tmp_path / "Kanpe.dmg"
    dmg.write_bytes(b"dmg")
    result, calls = run_mac(
        apple,
        "notarize.sh",
        str(dmg),
        NOTARY_STATUS="Accepted",
        STAPLE_FAILS=str(fails),
        **ALL_SECRETS,
    )
    staples = [call for call in calls if call.startswith("xcrun stapler staple")]
    assert (result.returncode == 0) is ok
    assert len(staples) == (fails + 1 if ok else 6)
    if not ok:
        assert "stapling" in result.stderr and "failed 6 times" in result.stderr


@pytest.mark.parametrize(
    ("busy", "error", "creates", "ok"),
    [(0, "", 1, True), (2, "Resource busy", 3, True), (1, "No space left on device", 1, False)],
)
def test_hdiutil_is_retried_on_resource_busy_only(
    apple: Path, tmp_path: Path, busy: int, error: str, creates: int, ok: bool
) -> None:
    app = tmp_path / "Kanpe.app"
    app.mkdir()
    dmg = tmp_path / "Kanpe.dmg"
    result, calls = run_mac(
        apple, "make_dmg.sh", str(app), str(dmg), HDIUTIL_BUSY=str(busy), HDIUTIL_ERROR=error
    )
    assert (result.returncode == 0) is ok, result.stderr
    assert len([c for c in calls if c.startswith("hdiutil create")]) == creates
    assert any(c.startswith("hdiutil verify") for c in calls) is ok


def test_the_signing_keychain_lives_until_the_build_closes_it(apple: Path, tmp_path: Path) -> None:
    """keychain.sh: opened once by build.sh for the app's and the .dmg's signatures."""
    script = tmp_path / "use_keychain.sh"
    script.write_text(
        f"set -euo pipefail\nsource {MACOS / 'keychain.sh'}\nkeychain_open\n"
        'echo "open: $KANPE_KEYCHAIN"\n'
        f"bash {MACOS / 'notarize.sh'} {tmp_path / 'K.dmg'}\n"
        "keychain_close\n"
    )
    (tmp_path / "K.dmg").write_bytes(b"dmg")
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS}
    log = tmp_path / "calls.log"
    result = subprocess.run(
        ["bash", str(script)],
        capture_output=True,
        text=True,
        env={
            **clean,
            **ALL_SECRETS,
            "MACOS_CERTIFICATE": "QUFBQQ==",
            "PATH": f"{apple}:{clean['PATH']}",
            "STUB_LOG": str(log),
            "STUB_DIR": str(tmp_path),
            "NOTARY_STATUS": "Accepted",
        },
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    keychain = result.stdout.split("open: ", 1)[1].split()[0]
    created = calls.index(f"security create-keychain -p 0000-1111 {keychain}")
    signed = next(i for i, c in enumerate(calls) if c.startswith("codesign") and keychain in c)
    deleted = calls.index(f"security delete-keychain {keychain}")
    assert created < signed < deleted  # the .dmg is signed while the keychain still exists
    assert calls[deleted - 1] == "security list-keychains -d user -s /login.keychain-db"
    assert not Path(keychain).parent.exists()  # the certificate's folder is gone too


def test_the_mac_build_keeps_the_keychain_and_notarizes_app_then_dmg() -> None:
    build = (MACOS / "build.sh").read_text()
    sign = (MACOS / "sign_app.sh").read_text()
    assert "delete-keychain" not in sign and "trap" not in sign  # sign_app.sh no longer ends it
    assert "source packaging/macos/keychain.sh" in build and "trap cleanup EXIT" in build
    steps = [
        "keychain_open",
        "sign_app.sh",
        'notarize.sh "$APP"',
        "make_dmg.sh",
        'notarize.sh "$DMG"',
    ]
    positions = [build.index(step) for step in steps]
    assert positions == sorted(positions)
    assert "QT_QPA_PLATFORM=cocoa" in build  # the second self-test, on real windows
    assert "LSMinimumSystemVersion" in build and "MIN_MACOS=14.0" in build


# --- the release workflow ------------------------------------------------------------------


def actionlint() -> str:
    beside_python = Path(sys.executable).parent / "actionlint"
    found = str(beside_python) if beside_python.exists() else shutil.which("actionlint")
    assert found, "actionlint is missing: pip install -e '.[packaging]'"
    return found


def run_actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [actionlint(), "-no-color", str(path)],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_release_workflow_passes_actionlint() -> None:
    result = run_actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("breakage", "complaint"),
    [
        (("needs: version", "needs: versoin"), "versoin"),
        (("runs-on: ${{ matrix.os }}", "runs-on: ${{ matrix.oss }}"), "oss"),
        (
            (
                'if [ "v$VERSION" != "$GITHUB_REF_NAME" ]; then',
                'if [ "v$VERSION" != $GITHUB_REF_NAME ]; then',
            ),
            "SC2086",
        ),
    ],
)
def test_actionlint_catches_a_broken_workflow(
    tmp_path: Path, breakage: tuple[str, str], complaint: str
) -> None:
    """The lint is not a formality: a typo in a job name, an expression or a script fails it."""
    text = WORKFLOW.read_text()
    assert breakage[0] in text
    broken = tmp_path / "release.yml"
    broken.write_text(text.replace(breakage[0], breakage[1], 1))
    result = run_actionlint(broken)
    assert result.returncode == 1
    assert complaint in result.stdout


def workflow_jobs() -> dict[str, str]:
    """Each job's block of text, by job id, in file order."""
    body = WORKFLOW.read_text().split("\njobs:\n", 1)[1]
    pieces = re.split(r"^  ([a-z][\w-]*):\n", body, flags=re.MULTILINE)
    return dict(zip(pieces[1::2], pieces[2::2], strict=True))


def test_release_workflow_checks_the_version_first_and_releases_only_what_it_built() -> None:
    jobs = workflow_jobs()
    assert list(jobs) == ["version", "build", "release"]
    assert "tomllib" not in jobs["version"]  # versioninfo.py reads it, the one place
    assert "python packaging/versioninfo.py" in jobs["version"]
    assert "$GITHUB_REF_NAME" in jobs["version"]  # the tag must match
    assert "\n    needs: version\n" in jobs["build"]
    release = jobs["release"]
    assert "needs: [version, build]" in release
    assert "actions/checkout" not in release and "setup-python" not in release
    assert "pattern: kanpe-*" in release and "if: startsWith(github.ref, 'refs/tags/v')" in release


def test_release_workflow_builds_three_systems_with_pip_cached() -> None:
    build = workflow_jobs()["build"]
    for runner in ("macos-15", "windows-latest", "ubuntu-22.04"):
        assert f"os: {runner}" in build
    assert "os: macos-14" not in build  # retired by GitHub
    assert "cache: pip" in build and "cache-dependency-path: pyproject.toml" in build
    for script in (
        "packaging/linux/build.sh",
        "packaging/macos/build.sh",
        "packaging/windows/build.ps1",
    ):
        assert script in build and (ROOT / script).is_file()
    assert "gh release create" in WORKFLOW.read_text() and "if-no-files-found: error" in build
    for secret in SECRETS:
        assert f"${{{{ secrets.{secret} }}}}" in build


def test_the_linux_leg_installs_no_chromium() -> None:
    """Ubuntu 22.04 has no chromium deb: the release's Linux leg installs the runtime only."""
    build = workflow_jobs()["build"]
    assert "sudo make runtime-deps" in build and "system-deps" not in build.split("run:", 1)[1]
    planned = subprocess.run(
        ["make", "-n", "runtime-deps"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "xvfb" in planned and "libxcb-cursor0" in planned
    assert "chromium" not in planned


# --- Linux: the desktop entry ----------------------------------------------------------------


def test_the_linux_desktop_entry_registers_kanpe_links_and_quotes_any_folder(
    tmp_path: Path,
) -> None:
    odd = tmp_path / 'talks & "decks" $HOME 100%' / "kanpe"
    (odd / "_internal" / "assets" / "icons").mkdir(parents=True)
    linux = ROOT / "packaging" / "linux"
    for name in ("kanpe.desktop", "install-desktop-entry.sh"):
        shutil.copy(linux / name, odd / name)
    shutil.copy(ROOT / "assets" / "icons" / "kanpe-256.png", odd / "_internal/assets/icons")
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": "/usr/bin:/bin"}
    subprocess.run(["bash", str(odd / "install-desktop-entry.sh")], env=env, check=True)
    entry = (tmp_path / "share" / "applications" / "kanpe.desktop").read_text()
    fields = dict(line.split("=", 1) for line in entry.splitlines() if "=" in line)
    assert "x-scheme-handler/kanpe" in fields["MimeType"].split(";")
    assert "application/pdf" in fields["MimeType"].split(";")
    # The .desktop format: the path quoted, with \ " ` $ escaped and % doubled.
    assert fields["Exec"] == (f'"{tmp_path}/talks & \\"decks\\" \\$HOME 100%%/kanpe/kanpe" %u')
    subprocess.run(["bash", str(odd / "install-desktop-entry.sh"), "--remove"], env=env, check=True)
    assert not (tmp_path / "share" / "applications" / "kanpe.desktop").exists()


def test_the_linux_build_ships_the_desktop_entry() -> None:
    build = (ROOT / "packaging" / "linux" / "build.sh").read_text()
    assert (
        "packaging/linux/kanpe.desktop packaging/linux/install-desktop-entry.sh dist/kanpe/"
        in build
    )
