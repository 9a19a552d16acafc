"""The relay's heartbeat for hosts and speakers: a host sees a speaker drop within 2 s.

A speaker whose Wi-Fi dies, or whose laptop sleeps, closes nothing: TCP keeps the connection
open, and the websocket keepalive (10 s pings, 20 s to answer) takes half a minute to give up.
Hosts and speakers are a few connections per room, so the relay pings each of them every
``EVERY`` seconds; one that has not answered within ``GRACE`` is marked ``stalled`` in the
presence hosts receive, and unmarked as soon as it answers again. The connection itself is kept
(a train through a tunnel comes back): the keepalive still decides when it is gone. The audience
is not pinged: hundreds of them would cost the relay what the heartbeat saves the host.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import ConnectionClosed

from kanpe.net.liveroom import Conn

EVERY = 0.5  # seconds between pings
GRACE = 1.0  # seconds a ping may go unanswered before the connection counts as stalled


async def heartbeat(
    conn: Conn,
    ws: ServerConnection,
    changed: Callable[[], None],
    *,
    every: float = EVERY,
    grace: float = GRACE,
) -> None:
    """Ping ``ws`` until it closes, keeping ``conn.stalled`` and ``conn.rtt`` current and calling
    ``changed`` whenever ``stalled`` flips. Cancel it when the connection ends."""
    with contextlib.suppress(ConnectionClosed):
        while True:
            pong = asyncio.ensure_future(await ws.ping())  # resolves to the round trip
            done, _ = await asyncio.wait({pong}, timeout=grace)
            if done:
                conn.rtt = pong.result()
            else:
                _set_stalled(conn, True, changed)
                await pong  # the next answer, however late; ConnectionClosed ends the watch
            _set_stalled(conn, False, changed)
            await asyncio.sleep(every)


def _set_stalled(conn: Conn, stalled: bool, changed: Callable[[], None]) -> None:
    if conn.stalled is not stalled:
        conn.stalled = stalled
        changed()
