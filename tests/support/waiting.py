"""Waiting on conditions and link notices, never on fixed sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from kanpe.net.link import LinkClient, LinkNotice


async def eventually(predicate: Callable[[], bool], within: float = 10.0) -> None:
    """Wait until ``predicate()`` holds, re-checking on every loop turn (for state that has no
    notification, such as a server's connection count)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError(f"condition not met within {within} s")
        await asyncio.sleep(0.005)


async def notice(
    link: LinkClient, predicate: Callable[[LinkNotice], bool], within: float = 10.0
) -> LinkNotice:
    """The first notice from ``link`` that satisfies ``predicate``."""
    future: asyncio.Future[LinkNotice] = asyncio.get_running_loop().create_future()

    def listener(item: LinkNotice) -> None:
        if not future.done() and predicate(item):
            future.set_result(item)

    link.add_listener(listener)
    try:
        return await asyncio.wait_for(future, within)
    finally:
        link.remove_listener(listener)
