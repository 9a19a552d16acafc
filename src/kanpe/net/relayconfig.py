"""How a relay is set up: where it listens, where it keeps data, whom it trusts."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kanpe.core.gcpolicy import GcPolicy
from kanpe.core.retention import RetryMemory
from kanpe.net.limits import Limits


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("kanpe", appauthor=False)) / "relay"


@dataclass(frozen=True, slots=True)
class RelayConfig:
    host: str = "127.0.0.1"
    port: int = 0
    data_dir: Path | None = None
    public_url: str | None = None
    tls_cert: Path | None = None
    tls_key: Path | None = None
    allowed_origins: tuple[str, ...] = ()
    limits: Limits = field(default_factory=Limits)
    durable: bool = False
    web_root: Path | None = None
    #: Addresses of reverse proxies whose X-Forwarded-For names the real client.
    trusted_proxies: tuple[str, ...] = ()
    #: The process's garbage-collection policy, run by the relay (core/gcpolicy.py): for a relay
    #: that owns its process (``kanpe relay``), not one embedded in an app that has its own.
    gc: GcPolicy | None = None
    #: How long a retry is honoured: when command ids are forgotten (core/retention.py).
    retry_memory: RetryMemory = field(default_factory=RetryMemory)
