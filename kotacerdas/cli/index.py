"""`kotacerdas index`: placeholder until its issue lands (kept so the command list is stable)."""

from __future__ import annotations

from typing import Any


def register(subparsers: Any) -> None:
    """Registers nothing yet."""
