"""Who gets in: per-address cap, browser Origin check, admin secret, invites, HTTP pages."""

from __future__ import annotations

import asyncio
import urllib.request
from pathlib import Path

import msgspec
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from kanpe.core.links import parse_link
from kanpe.core.model import Role
from kanpe.core.protocol import CreateInvite, CreateRoom, StartTimer
from kanpe.core.rundown import Rundown, Slot
from kanpe.net.limits import Limits
from kanpe.net.link import CommandRefused, LinkClient
from kanpe.net.relay import ADMIN_SECRET_FILE, Relay, RelayConfig, RoomInvites
from tests.net.conftest import RUNDOWN, Links, fast_backoff, raw_connect, raw_join
from tests.support.waiting import eventually


@pytest.mark.asyncio
async def test_connections_per_address_are_capped(tmp_path: Path) -> None:
    config = RelayConfig(data_dir=tmp_path, limits=Limits(max_connections_per_address=3))
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        open_ = [await raw_join(invites.audience) for _ in range(3)]
        with pytest.raises(InvalidStatus) as refused:
            await raw_connect(invites.audience)
        assert refused.value.response.status_code == 429
        # The page cannot read a refused upgrade's status; it asks the admission probe why.
        assert await _probe(relay.port, "/ws/admission") == (429, "too many connections")
        assert await _probe(relay.port, "/kanpe/ws/admission") == (429, "too many connections")
        await open_.pop().close()
        await eventually(lambda: sum(relay.admission.per_address.values()) == 2)
        assert await _probe(relay.port, "/ws/admission") == (200, "ok")
        open_.append(await raw_join(invites.audience))
        for ws in open_:
            await ws.close()


async def _probe(port: int, path: str) -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    length = int(
        next(h for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")).split(b":")[
            1
        ]
    )
    body = await reader.readexactly(length)
    writer.close()
    await writer.wait_closed()
    return int(head.split()[1]), body.decode().strip()


@pytest.mark.asyncio
async def test_browser_origin_must_match(relay: Relay, invites: RoomInvites) -> None:
    url = parse_link(invites.audience).websocket_url
    with pytest.raises(InvalidStatus) as refused:
        await connect(url, origin="http://evil.example")  # type: ignore[arg-type]
    assert refused.value.response.status_code == 403
    same = f"http://127.0.0.1:{relay.port}"
    async with connect(url, origin=same) as ws:  # type: ignore[arg-type]
        assert ws.response is not None
        assert ws.response.status_code == 101


@pytest.mark.asyncio
async def test_configured_origin_is_allowed(tmp_path: Path) -> None:
    config = RelayConfig(data_dir=tmp_path, allowed_origins=("https://meetup.example",))
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        url = parse_link(invites.audience).websocket_url
        async with connect(url, origin="https://meetup.example") as ws:  # type: ignore[arg-type]
            assert ws.response is not None


@pytest.mark.asyncio
async def test_admin_secret_creates_rooms_and_nothing_else(relay: Relay, links: Links) -> None:
    secret = (relay.data_dir / ADMIN_SECRET_FILE).read_text().strip()
    assert (relay.data_dir / ADMIN_SECRET_FILE).stat().st_mode & 0o077 == 0
    fake = f"http://127.0.0.1:{relay.port}/host/admin#{secret}"
    admin = LinkClient(fake.replace("/admin#", "/adminroom#"), backoff=fast_backoff)
    links.clients.append(admin)
    await admin.start()
    await admin.ready()
    assert admin.role is Role.ADMIN
    ack = await admin.command(CreateRoom(id="r1", name="Made by admin", rundown=RUNDOWN))
    made = RoomInvites.from_result(ack.result)
    assert set(made.speakers) == {"talk-1", "lt-1"}
    assert relay.rooms[made.room].state.name == "Made by admin"
    with pytest.raises(CommandRefused) as refused:
        await admin.command(StartTimer(id="t1", slot="talk-1"))
    assert refused.value.code == "forbidden"


@pytest.mark.asyncio
async def test_host_mints_a_speaker_invite_for_a_new_slot(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    from kanpe.core.protocol import SetRundown

    host = await links.join(invites.host)
    bigger = Rundown(slots=(*RUNDOWN.slots, Slot(id="lt-2", speaker="Cho", duration=300)))
    await host.command(SetRundown(id=host.new_id(), rundown=bigger))
    ack = await host.command(CreateInvite(id=host.new_id(), role=Role.SPEAKER, slot="lt-2"))
    speaker = await links.join(ack.result["link"])
    assert (speaker.role, speaker.slot) == (Role.SPEAKER, "lt-2")
    with pytest.raises(CommandRefused) as refused:
        await host.command(CreateInvite(id=host.new_id(), role=Role.SPEAKER, slot="nope"))
    assert refused.value.code == "not_found"


@pytest.mark.asyncio
async def test_tokens_are_long_random_and_only_in_the_fragment(invites: RoomInvites) -> None:
    links = [invites.host, invites.audience, invites.viewer, *invites.speakers.values()]
    tokens = [parse_link(link).token for link in links]
    assert len(set(tokens)) == len(tokens)
    for link, token in zip(links, tokens, strict=True):
        assert len(token) >= 22  # 22 base64url characters carry 132 bits
        assert "?" not in link
        assert link.endswith("#" + token)


@pytest.mark.asyncio
async def test_state_survives_a_clean_restart_and_replays_past_a_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kanpe.net.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "SNAPSHOT_EVERY", 5)
    config = RelayConfig(data_dir=tmp_path)
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        host = LinkClient(invites.host, backoff=fast_backoff)
        await host.start()
        await host.ready()
        for i in range(12):
            await host.command(StartTimer(id=f"s{i}", slot="talk-1") if i == 0 else _chat(i))
        before = msgspec.json.encode(relay.rooms[invites.room].state)
        await host.close()
    async with Relay(config) as again:
        assert msgspec.json.encode(again.rooms[invites.room].state) == before


def _chat(i: int) -> object:
    from kanpe.core.protocol import SendChat

    return SendChat(id=f"c{i}", text=f"message {i}")


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    try:
        request = urllib.request.Request(url, headers=headers or {})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.asyncio
async def test_http_side_serves_pages_and_health(tmp_path: Path) -> None:
    web = tmp_path / "web"
    web.mkdir()
    (web / "audience.html").write_text("<!doctype html><title>Audience</title>")
    (web / "app.js").write_text("console.log('hi')")
    async with Relay(RelayConfig(data_dir=tmp_path / "data", web_root=web)) as relay:
        base = relay.url
        status, _, body = await asyncio.to_thread(_get, base + "/healthz")
        assert (status, body) == (200, b"ok\n")
        status, headers, body = await asyncio.to_thread(_get, base + "/audience/abcdEFGH")
        assert status == 200
        assert b"Audience" in body
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert headers["Cache-Control"] == "no-cache"
        status, headers, _ = await asyncio.to_thread(_get, base + "/static/app.js")
        assert status == 200
        assert headers["Content-Type"].startswith(("text/javascript", "application/javascript"))
        assert headers["Cache-Control"] == "no-cache"
        etag = headers["ETag"]
        status, _, body = await asyncio.to_thread(
            _get, base + "/static/app.js", {"If-None-Match": etag}
        )
        assert (status, body) == (304, b"")
        (web / "app.js").write_text("console.log('new version')")
        status, headers, body = await asyncio.to_thread(
            _get, base + "/static/app.js", {"If-None-Match": etag}
        )
        assert status == 200
        assert b"new version" in body
        assert headers["ETag"] != etag
        for path in ("/static/../relay.sqlite3", "/static/missing.js", "/nope", "/audience/a/b"):
            status, _, _ = await asyncio.to_thread(_get, base + path)
            assert status == 404, path


def _get_no_redirect(url: str) -> tuple[int, dict[str, str]]:
    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    try:
        with urllib.request.build_opener(_Stay).open(url, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)


@pytest.mark.asyncio
async def test_scripts_are_served_as_javascript_whatever_the_system_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On many Windows machines the registry maps .js to text/plain, and mimetypes reads it: with
    nosniff, the browser would refuse every script and the audience page would never connect."""
    import mimetypes

    monkeypatch.setattr(mimetypes, "guess_type", lambda *a, **k: ("text/plain", None))
    web = tmp_path / "web"
    web.mkdir()
    for name in ("app.js", "page.css", "icon.svg", "view.html"):
        (web / name).write_text("x")
    async with Relay(RelayConfig(data_dir=tmp_path / "data", web_root=web)) as relay:
        served = {}
        for name in ("app.js", "page.css", "icon.svg"):
            _, headers, _ = await asyncio.to_thread(_get, f"{relay.url}/static/{name}")
            served[name] = headers["Content-Type"]
        _, headers, _ = await asyncio.to_thread(_get, f"{relay.url}/view/abcdEFGH")
        served["view.html"] = headers["Content-Type"]
    assert served == {
        "app.js": "text/javascript; charset=utf-8",
        "page.css": "text/css; charset=utf-8",
        "icon.svg": "image/svg+xml; charset=utf-8",
        "view.html": "text/html; charset=utf-8",
    }


@pytest.mark.asyncio
async def test_a_page_link_with_a_trailing_slash_is_redirected_not_served_broken(
    tmp_path: Path,
) -> None:
    """/audience/ROOM/ would load ../static/ from /audience/static/: an unstyled page whose chat
    form would submit the message into a URL. It redirects (relatively, for relays behind a path
    prefix) to the page; forms may not submit anywhere (CSP form-action)."""
    web = tmp_path / "web"
    web.mkdir()
    (web / "audience.html").write_text("<!doctype html><title>Audience</title>")
    async with Relay(RelayConfig(data_dir=tmp_path / "data", web_root=web)) as relay:
        status, headers = await asyncio.to_thread(
            _get_no_redirect, relay.url + "/audience/abcdEFGH/"
        )
        followed, page_headers, body = await asyncio.to_thread(
            _get, relay.url + "/audience/abcdEFGH/"
        )
    assert (status, headers["Location"]) == (308, "../abcdEFGH")
    assert followed == 200 and b"Audience" in body
    assert "form-action 'none'" in page_headers["Content-Security-Policy"]


@pytest.mark.asyncio
async def test_a_retried_invite_gives_the_same_link_once(
    relay: Relay, invites: RoomInvites, links: Links
) -> None:
    host = await links.join(invites.host)
    command = CreateInvite(id="inv-1", role=Role.AUDIENCE)
    first = await host.command(command)
    again = await host.command(command)
    assert again.duplicate
    assert again.result == first.result
    with pytest.raises(CommandRefused) as refused:
        await host.command(CreateInvite(id="inv-1", role=Role.VIEWER))
    assert refused.value.code == "id_reused"


async def _upgrade_status(port: int, host: str, origin: str) -> int:
    """Send a websocket upgrade with exactly these Host and Origin headers; the HTTP status."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(
        (
            f"GET /ws HTTP/1.1\r\nHost: {host}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
            "Sec-WebSocket-Version: 13\r\n\r\n"
        ).encode()
    )
    status = int((await reader.readline()).split()[1])
    writer.close()
    await writer.wait_closed()
    return status


@pytest.mark.asyncio
async def test_dns_rebinding_origin_is_refused(relay: Relay) -> None:
    port = relay.port
    evil = f"evil.example:{port}"
    assert await _upgrade_status(port, evil, f"http://{evil}") == 403
    local = f"localhost:{port}"
    assert await _upgrade_status(port, local, f"http://{local}") == 101
    lan = f"192.168.1.20:{port}"
    assert await _upgrade_status(port, lan, f"http://{lan}") == 101
    assert await _upgrade_status(port, local, f"http://{evil}") == 403


@pytest.mark.asyncio
async def test_behind_a_trusted_proxy_the_cap_counts_real_clients(tmp_path: Path) -> None:
    config = RelayConfig(
        data_dir=tmp_path,
        limits=Limits(max_connections_per_address=1),
        trusted_proxies=("127.0.0.1",),
    )
    async with Relay(config) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        url = parse_link(invites.audience).websocket_url
        first = await connect(url, additional_headers={"X-Forwarded-For": "203.0.113.7"})
        second = await connect(
            url, additional_headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.8"}
        )
        with pytest.raises(InvalidStatus) as refused:
            await connect(url, additional_headers={"X-Forwarded-For": "203.0.113.7"})
        assert refused.value.response.status_code == 429
        await first.close()
        await second.close()


@pytest.mark.asyncio
async def test_a_future_hello_gets_unsupported_version(relay: Relay, invites: RoomInvites) -> None:
    import json

    from kanpe.core.protocol import CloseCode, Error, ErrorCode, parse_server
    from tests.net.conftest import hello_for

    hello = json.loads(hello_for(invites.host))
    hello.update(protocol=2, capabilities=["compression"])
    ws = await raw_connect(invites.host)
    await ws.send(json.dumps(hello))
    reply = parse_server(await ws.recv())
    assert isinstance(reply, Error)
    assert reply.code is ErrorCode.UNSUPPORTED_VERSION
    await ws.wait_closed()
    assert ws.close_code == CloseCode.UNSUPPORTED_VERSION


@pytest.mark.asyncio
async def test_rate_limited_commands_are_resent_and_applied_once(tmp_path: Path) -> None:
    from kanpe.core.protocol import SendChat
    from kanpe.net.limits import Rate

    rates = {role: Rate(per_second=50, burst=5) for role in Role}
    async with Relay(RelayConfig(data_dir=tmp_path, limits=Limits(rates=rates))) as relay:
        invites = await relay.create_room(rundown=RUNDOWN)
        audience = LinkClient(invites.audience, backoff=fast_backoff, rate_limit_retry=0.05)
        try:
            await audience.start()
            await audience.ready()
            acks = await asyncio.gather(
                *(audience.command(SendChat(id=f"m{i}", text=f"hi {i}")) for i in range(20))
            )
        finally:
            await audience.close()
        assert all(not ack.duplicate for ack in acks)
        texts = [m.text for m in relay.rooms[invites.room].state.chat]
        assert sorted(texts) == sorted(f"hi {i}" for i in range(20))


@pytest.mark.asyncio
async def test_tokens_never_reach_the_log_even_at_debug(
    relay: Relay, invites: RoomInvites, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    client = LinkClient(invites.host, backoff=fast_backoff)
    await client.start()
    await client.ready()
    await client.close()
    assert any("connection open" in record.getMessage() for record in caplog.records)
    # Neither side's websockets logger passes frame dumps, where the hello would be.
    assert not any('"type":"hello"' in record.getMessage() for record in caplog.records)


async def _raw_status(port: int, path: str, header_lines: list[str]) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", *header_lines, "", ""]
    writer.write("\r\n".join(lines).encode())
    status = int((await reader.readline()).split()[1])
    writer.close()
    await writer.wait_closed()
    return status


UPGRADE = [
    "Upgrade: websocket",
    "Connection: Upgrade",
    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
    "Sec-WebSocket-Version: 13",
]


@pytest.mark.asyncio
async def test_repeated_headers_get_a_clear_answer_not_a_500(tmp_path: Path) -> None:
    web = tmp_path / "web"
    web.mkdir()
    (web / "audience.html").write_text("<!doctype html><title>Audience</title>")
    config = RelayConfig(data_dir=tmp_path / "d", web_root=web, trusted_proxies=("127.0.0.1",))
    async with Relay(config) as relay:
        port = relay.port
        two_origins = [*UPGRADE, f"Origin: http://127.0.0.1:{port}", "Origin: http://x.example"]
        assert await _raw_status(port, "/ws", two_origins) == 400
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        lines = ["GET /ws HTTP/1.1", f"Host: 127.0.0.1:{port}", *UPGRADE]
        lines += ["X-Forwarded-For: 198.51.100.1", "X-Forwarded-For: 203.0.113.9", "", ""]
        writer.write("\r\n".join(lines).encode())
        assert int((await reader.readline()).split()[1]) == 101
        assert relay.admission.per_address == {"203.0.113.9": 1}  # the last proxy hop, counted once
        writer.close()
        await writer.wait_closed()
        two_etags = ['If-None-Match: "a"', 'If-None-Match: "b"']
        assert await _raw_status(port, "/audience/room1234", two_etags) == 200


@pytest.mark.asyncio
async def test_the_offline_shell_is_served_where_its_scope_covers_the_pages(
    tmp_path: Path,
) -> None:
    """/audience/sw.js: a script whose default scope is /audience/, the pages it keeps, under
    the same policy as every file; nowhere else (a room id never contains a dot)."""
    from kanpe.storage.assets import asset_path

    async with Relay(RelayConfig(data_dir=tmp_path / "data", web_root=asset_path("web"))) as relay:
        status, headers, body = await asyncio.to_thread(_get, f"{relay.url}/audience/sw.js")
        assert status == 200
        assert headers["Content-Type"].startswith("text/javascript")
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert b'self.addEventListener("fetch"' in body
        for path in ("/view/sw.js", "/static/../audience/sw.js", "/sw.js"):
            status, _, body = await asyncio.to_thread(_get, relay.url + path)
            assert b"addEventListener" not in body, path
