"""The static files' storage in production: WhiteNoise's, with each file's address worked out once.

``{% static %}`` asks the storage for a file's address on every use: a manifest lookup and four URL
parsings, ~20 µs each, several times a page (0.2 ms of the answer page's CPU under load, py-spy,
issue 13). The manifest is read once when the process starts and does not change while it runs, so
the address of a name cannot change either: it is kept per name. A name missing from the manifest
still raises WhiteNoise's error every time (nothing is kept for it).
"""

from __future__ import annotations

from typing import Any

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._addresses: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or name is None:
            return super().url(name, force=force)
        address = self._addresses.get(name)
        if address is None:
            address = self._addresses[name] = super().url(name)
        return address
