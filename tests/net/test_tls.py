"""The standalone relay with TLS: wss:// for every client, https:// invite links."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path

import pytest

from kanpe.core.model import CueKind
from kanpe.core.protocol import SendCue
from kanpe.net.link import wait_for_state
from kanpe.net.relay import Relay, RelayConfig
from tests.net.conftest import RUNDOWN, Links


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    assert openssl, "openssl is needed to make a test certificate"
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.mark.asyncio
async def test_tls_relay_gives_https_links_and_carries_cues(
    tmp_path: Path, certificate: tuple[Path, Path], links: Links
) -> None:
    cert, key = certificate
    config = RelayConfig(data_dir=tmp_path / "data", tls_cert=cert, tls_key=key)
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        assert invites.host.startswith("https://127.0.0.1:")
        trust = ssl.create_default_context(cafile=str(cert))
        host = await links.join(invites.host, ssl_context=trust)
        speaker = await links.join(invites.speakers["talk-1"], ssl_context=trust)
        await host.command(SendCue(id="c1", slot="talk-1", kind=CueKind.WRAP))
        await wait_for_state(speaker, lambda s: s.slots["talk-1"].cue is not None)
