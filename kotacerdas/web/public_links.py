"""Links from the public region catalogue to what a higher app publishes about each region.

The catalogue (``regions``) sits below the apps that publish (the portal), so it cannot import them;
an app registers a function in its AppConfig.ready() that, for the region codes of a catalogue page,
returns ``{code: (label, url)}`` for the regions it has something public for::

    public_links.register("portal", portal_links)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

LinkFinder = Callable[[list[str]], dict[str, tuple[str, str]]]

_REGISTRY: dict[str, LinkFinder] = {}


def register(key: str, finder: LinkFinder) -> None:
    _REGISTRY[key] = finder


def links_for(codes: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Every registered app's public link per region code (regions without any are absent)."""
    wanted = list(codes)
    found: dict[str, list[tuple[str, str]]] = {}
    for key in sorted(_REGISTRY):
        for code, link in _REGISTRY[key](wanted).items():
            found.setdefault(code, []).append(link)
    return found
