"""A person's data across the apps, for the UU PDP 27/2022 duties: export it, or erase it.

The kernel imports no feature app, so each app that holds personal data contributes it the way it
contributes an inbox item: it registers one :class:`PersonalDataSource` in its AppConfig.ready()::

    from kotacerdas.web import personal_data
    personal_data.register(personal_data.PersonalDataSource("participation", export_ideas, erase_ideas))

``export(user)`` returns a JSON-serialisable value (lists of dicts, ISO dates) with everything the app
keeps about that person. ``erase(user, pseudonym)`` replaces the person's name wherever the app shows
or keeps it (text, audit snapshots) by ``pseudonym`` ("Warga #<id>"), deletes what is only theirs and
has no public value, keeps counts (a support still counts) and returns how many records it changed.
The erasure action (accounts) runs every source in one transaction, so a failure erases nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any, str], int]


@dataclass(frozen=True)
class PersonalDataSource:
    """What one app keeps about a person, and how to hand it over or erase it."""

    name: str
    export: Exporter
    erase: Eraser


_SOURCES: dict[str, PersonalDataSource] = {}


def register(source: PersonalDataSource) -> None:
    """Add (or replace, on a re-run of ready()) an app's source."""
    _SOURCES[source.name] = source


def sources() -> list[PersonalDataSource]:
    """The registered sources in name order, so exports are stable."""
    return [_SOURCES[name] for name in sorted(_SOURCES)]


def pseudonym_for(user: Any) -> str:
    """The name an erased person is shown under: stable per account, says nothing about them."""
    return f"Warga #{user.pk}"
