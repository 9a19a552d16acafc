"""Where the relay's frames to one connection go: a small interface the fan-out writes to, and
its websocket implementation. The fan-out and its tests need nothing else of a socket."""

from __future__ import annotations

from typing import Protocol

from websockets.asyncio.server import ServerConnection, broadcast

from kanpe.core.protocol import CloseCode


class Outlet(Protocol):
    """One connection's sending side, as the fan-out sees it."""

    def write(self, data: bytes) -> None:
        """Queue ``data`` as one text frame; never blocks. A closed connection ignores it."""

    def buffered(self) -> int:
        """Bytes queued and not yet taken by the peer."""

    def latency(self) -> float | None:
        """Round trip of the latest ping, in seconds, or None before the first pong."""

    def fail(self, code: CloseCode, reason: str) -> None:
        """Send a close frame and end our side at once, without waiting for the peer."""

    def abort(self) -> None:
        """Drop the connection with no close frame (the peer sees 1006)."""


class WsOutlet:
    """An Outlet over a websockets server connection."""

    __slots__ = ("ws",)

    def __init__(self, ws: ServerConnection) -> None:
        self.ws = ws

    def write(self, data: bytes) -> None:
        broadcast((self.ws,), data, text=True)

    def buffered(self) -> int:
        transport = self.ws.transport
        return transport.get_write_buffer_size() if transport is not None else 0

    def latency(self) -> float | None:
        return self.ws.latency or None

    def fail(self, code: CloseCode, reason: str) -> None:
        self.ws.protocol.fail(code, reason)
        self.ws.send_data()

    def abort(self) -> None:
        self.ws.transport.abort()
