"""Who may open a websocket to the relay: the browser Origin check and the per-address cap.

Runs in the handshake (websockets' ``process_request``), before any Kanpe message: a refusal here
is an HTTP status (403, 400, 429), documented in docs/protocol.md.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
from collections import defaultdict
from http import HTTPStatus

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Request, Response

from kanpe.net.relayconfig import RelayConfig

log = logging.getLogger("kanpe.relay")


class Admission:
    def __init__(self, config: RelayConfig) -> None:
        self.config = config
        self.per_address: dict[str, int] = defaultdict(int)
        self._own_names = _own_names(config)
        self._releases: set[asyncio.Task[None]] = set()

    def check(self, connection: ServerConnection, request: Request) -> Response | None:
        """None to let the handshake go on, or the HTTP response that refuses it."""
        origins = request.headers.get_all("Origin")
        if len(origins) > 1:
            return connection.respond(HTTPStatus.BAD_REQUEST, "one Origin header, please\n")
        origin = origins[0] if origins else None
        if origin is not None and not self.origin_allowed(origin, request.headers):
            log.info("refused a websocket from origin %s", origin)
            return connection.respond(HTTPStatus.FORBIDDEN, "origin not allowed\n")
        address = self.client_address(connection, request.headers)
        if self.per_address[address] >= self.config.limits.max_connections_per_address:
            log.warning("refused a connection from %s: too many connections", address)
            return connection.respond(HTTPStatus.TOO_MANY_REQUESTS, "too many connections\n")
        self.per_address[address] += 1
        release = asyncio.get_running_loop().create_task(self._release(connection, address))
        self._releases.add(release)
        release.add_done_callback(self._releases.discard)
        return None

    def probe(self, connection: ServerConnection, request: Request) -> Response:
        """``GET …/ws/admission``: whether a websocket from this address would pass the cap now
        (200) or be turned away (429). A browser cannot read the status of a refused websocket
        upgrade, so the audience page asks here to say why it cannot join."""
        address = self.client_address(connection, request.headers)
        full = self.per_address.get(address, 0) >= self.config.limits.max_connections_per_address
        if full:
            response = connection.respond(HTTPStatus.TOO_MANY_REQUESTS, "too many connections\n")
        else:
            response = connection.respond(HTTPStatus.OK, "ok\n")
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    def client_address(self, connection: ServerConnection, headers: Headers) -> str:
        """The peer's address, or behind a trusted reverse proxy the client it names."""
        remote = connection.remote_address
        peer = str(remote[0]) if remote else "?"
        if peer in self.config.trusted_proxies:
            # Each proxy appends; the last address is the one our trusted proxy saw.
            forwarded = ",".join(headers.get_all("X-Forwarded-For"))
            if forwarded:
                return forwarded.rsplit(",", 1)[-1].strip() or peer
        return peer

    async def _release(self, connection: ServerConnection, address: str) -> None:
        try:
            await connection.wait_closed()
        finally:
            self.per_address[address] -= 1
            if self.per_address[address] <= 0:
                del self.per_address[address]

    def origin_allowed(self, origin: str, headers: Headers) -> bool:
        """A browser may connect from a page this relay served (Origin matches Host) or from a
        configured origin. The Host itself must name this relay: an IP address, localhost, this
        machine or the public URL, so a DNS-rebinding page on another name cannot pass."""
        config = self.config
        if origin in config.allowed_origins:
            return True
        if config.public_url and origin == origin_of(config.public_url):
            return True
        hosts = headers.get_all("Host")
        if len(hosts) != 1 or origin.split("://", 1)[-1] != hosts[0]:
            return False
        name = _hostname(hosts[0]).lower()
        return name in self._own_names or _is_ip(name)


def _own_names(config: RelayConfig) -> frozenset[str]:
    names = {"localhost", socket.gethostname(), socket.getfqdn(), config.host}
    for url in (config.public_url, *config.allowed_origins):
        if url:
            names.add(_hostname(origin_of(url).split("://", 1)[-1]))
    return frozenset(name.lower() for name in names if name)


def _hostname(host: str) -> str:
    """The name in a Host header, without port or IPv6 brackets."""
    if host.startswith("["):
        return host[1 : host.find("]")]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"
