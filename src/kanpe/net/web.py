"""Plain HTTP on the relay's port: the audience, viewer and host pages, their static files, and
a health check.

Pages are static; the room and token come from the URL path and fragment and are read by the
page's script, so nothing here depends on who asks. Responses carry a strict Content-Security-Policy
and never cache the HTML, so a fixed page reaches everyone on reload.
"""

from __future__ import annotations

import hashlib
import re
from http import HTTPStatus
from pathlib import Path

from websockets.asyncio.server import ServerConnection
from websockets.datastructures import Headers
from websockets.http11 import Response

MAX_STATIC_BYTES = 2 * 1024 * 1024
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]{1,64}\Z")
#: The host link opens the host's phone page (the same link pasted into ``kanpe host --link``
#: opens the desktop console); a speaker link opens the page that hands it to the desktop app.
_PAGE_FOR_KIND = {
    "audience": "audience.html",
    "view": "view.html",
    "host": "host.html",
    "speak": "speak.html",
}
#: The audience page's service worker (its offline shell). Served from /audience/ itself, so its
#: default scope is /audience/ (behind a path prefix, PREFIX/audience/), the pages it keeps.
SERVICE_WORKER = "sw.js"
#: Fixed, not mimetypes.guess_type: that reads the Windows registry, which on many machines maps
#: .js to text/plain, and with nosniff the browser then refuses every script of the page.
_CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
}
_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; "
        "style-src 'self'; script-src 'self'; worker-src 'self'; frame-ancestors 'none'; "
        "base-uri 'none'; "
        "form-action 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class WebRoot:
    def __init__(self, root: Path | None) -> None:
        self.root = root

    def respond(
        self, connection: ServerConnection, path: str, if_none_match: str | None = None
    ) -> Response:
        if path == "/healthz":
            return self._text(connection, HTTPStatus.OK, "ok\n")
        parts = [p for p in path.split("/") if p]
        if not parts:
            return self._text(connection, HTTPStatus.OK, "Kanpe relay. Open an invite link.\n")
        if parts == ["audience", SERVICE_WORKER]:
            return self._file(connection, SERVICE_WORKER, if_none_match)
        if len(parts) == 2 and parts[0] in _PAGE_FOR_KIND:
            if path.endswith("/"):
                # /audience/ROOM/ would load ../static/ from /audience/static/: every file a 404.
                # Relative, so a relay behind a path prefix redirects within it; the browser
                # keeps the fragment (the token) across the redirect.
                return self._redirect(connection, f"../{parts[1]}")
            return self._file(connection, _PAGE_FOR_KIND[parts[0]], if_none_match)
        if len(parts) == 2 and parts[0] == "static" and _SAFE_NAME.match(parts[1]):
            return self._file(connection, parts[1], if_none_match)
        return self._text(connection, HTTPStatus.NOT_FOUND, "not found\n")

    def _file(self, connection: ServerConnection, name: str, if_none_match: str | None) -> Response:
        """Every file is revalidated on each load (no-cache + ETag): after an upgrade a page and
        its scripts always come from the same version, and an unchanged file costs a 304."""
        if self.root is None:
            return self._text(connection, HTTPStatus.NOT_FOUND, "this relay serves no web pages\n")
        path = (self.root / name).resolve()
        if path.parent != self.root.resolve() or not path.is_file():
            return self._text(connection, HTTPStatus.NOT_FOUND, "not found\n")
        body = path.read_bytes()[: MAX_STATIC_BYTES + 1]
        if len(body) > MAX_STATIC_BYTES:
            return self._text(connection, HTTPStatus.INTERNAL_SERVER_ERROR, "file too large\n")
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if if_none_match is not None and etag in if_none_match:
            headers = Headers({"ETag": etag, "Cache-Control": "no-cache", **_SECURITY_HEADERS})
            return Response(HTTPStatus.NOT_MODIFIED.value, "Not Modified", headers, b"")
        kind = _CONTENT_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")
        headers = Headers(
            {
                "Content-Type": kind,
                "Content-Length": str(len(body)),
                "Cache-Control": "no-cache",
                "ETag": etag,
                **_SECURITY_HEADERS,
            }
        )
        return Response(HTTPStatus.OK.value, HTTPStatus.OK.phrase, headers, body)

    @staticmethod
    def _redirect(connection: ServerConnection, location: str) -> Response:
        response = WebRoot._text(connection, HTTPStatus.PERMANENT_REDIRECT, "moved\n")
        response.headers["Location"] = location
        return response

    @staticmethod
    def _text(connection: ServerConnection, status: HTTPStatus, text: str) -> Response:
        response = connection.respond(status, text)
        for key, value in _SECURITY_HEADERS.items():
            response.headers[key] = value
        return response
