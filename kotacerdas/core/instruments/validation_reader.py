"""The validator's typed field getters, which report a problem instead of raising.

Every part of the validator (``validation`` and its ``validation_*`` helpers)
reads fields through one :class:`Reader`, so every problem lands on one list
with its dotted path (or, for XLSX, its sheet and row) and the walk goes on to
find the next one.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .errors import Problem
from .model import Text
from .numbers import fraction_text, to_fraction

WHERE = "_where"  # optional {"path": ..., "row": ...} attached by the XLSX importer


class Reader:
    """Collects the problems of one definition, and what every part of the walk must share."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.seen_codes: dict[str, str] = {}  # "node:C1" / "band:A" → where it first appeared
        self.scale = (Fraction(0), Fraction(5))  # until the definition's own scale is read

    # -- reporting

    def add(self, code: str, where: tuple[str, int | None], **params: Any) -> None:
        path, row = where
        self.problems.append(Problem(code, path, row, params))

    def invalid(self, data: Any, path: str, *, field: str, expected: str, value: Any) -> None:
        """``field`` of ``data`` (at ``path``) is not ``expected``: the most common problem."""
        self.add("invalid_value", self.where(data, path), field=field, expected=expected, value=value)

    def where(self, data: Any, path: str) -> tuple[str, int | None]:
        """The XLSX importer attaches a sheet/row location; YAML problems use the dotted path."""
        located = data.get(WHERE) if isinstance(data, Mapping) else None
        if isinstance(located, Mapping):
            return str(located.get("path", path)), located.get("row")
        prefix = f"{self.source}: " if self.source else ""
        return prefix + path, None

    # -- small typed getters

    def mapping(self, data: Any, path: str, fields: set[str]) -> Mapping[str, Any]:
        if not isinstance(data, Mapping):
            self.invalid(data, path, field=path, expected="a mapping", value=type(data).__name__)
            return {}
        for key in data:
            if key not in fields:
                self.add("unknown_field", self.where(data, f"{path}.{key}"), field=key)
        return data

    def required(self, data: Mapping[str, Any], key: str, path: str) -> Any:
        if data.get(key) in (None, ""):
            self.add("missing_field", self.where(data, f"{path}.{key}"), field=key)
            return None
        return data[key]

    def string(
        self, data: Mapping[str, Any], key: str, path: str, default: str = "", required: bool = False
    ) -> str:
        value = self.required(data, key, path) if required else data.get(key, default)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.invalid(data, f"{path}.{key}", field=key, expected="text", value=value)
            return default
        return str(value).strip()

    def choice(
        self, data: Mapping[str, Any], key: str, path: str, allowed: tuple[str, ...], default: str
    ) -> str:
        value = data.get(key)
        if value in (None, ""):
            return default
        if value not in allowed:
            expected = "one of " + ", ".join(allowed)
            self.invalid(data, f"{path}.{key}", field=key, expected=expected, value=value)
            return default
        return str(value)

    def number(
        self, data: Mapping[str, Any], key: str, path: str, default: Fraction | None = None
    ) -> Fraction | None:
        value = data.get(key)
        if value is None or value == "":
            return default
        try:
            return to_fraction(value)
        except (ValueError, ZeroDivisionError):
            self.add("not_a_number", self.where(data, f"{path}.{key}"), field=key, value=value)
            return default

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if value in (None, ""):
            return False
        if not isinstance(value, bool):
            self.invalid(data, f"{path}.{key}", field=key, expected="true or false", value=value)
            return False
        return value

    def text(self, data: Mapping[str, Any], key: str, path: str, required: bool = False) -> Text:
        value = data.get(key)
        if value in (None, ""):
            if required:
                self.add("missing_field", self.where(data, f"{path}.{key}"), field=key)
            return Text()
        if isinstance(value, str):
            return Text(value.strip(), value.strip())
        if isinstance(value, Mapping) and set(value) <= {"id", "en"}:
            return Text(str(value.get("id") or "").strip(), str(value.get("en") or "").strip())
        self.invalid(data, f"{path}.{key}", field=key, expected="text or {id, en}", value=value)
        return Text()

    def in_scale(self, value: Fraction, where: tuple[str, int | None], field: str) -> None:
        low, high = self.scale
        if not low <= value <= high:
            self.add(
                "points_out_of_scale",
                where,
                field=field,
                value=fraction_text(value),
                minimum=low,
                maximum=high,
            )

    # -- codes, unique across the whole definition (nodes and bands each have their own)

    def claim_code(self, key: str, data: Mapping[str, Any], path: str, code: str) -> None:
        """Records where ``code`` first appeared, so a duplicate can name the first one."""
        if not code:
            return
        here = self.where(data, path)
        if key in self.seen_codes:
            self.add("duplicate_code", here, value=code, first=self.seen_codes[key])
        else:
            self.seen_codes[key] = ", ".join(
                str(part) if isinstance(part, str) else f"row {part}" for part in here if part
            )
