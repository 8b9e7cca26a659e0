"""Finding and loading the instrument definitions shipped as YAML files.

An instrument is found by id in ``kotacerdas/frameworks`` (or by the path of
its file), read with ``yaml.safe_load`` and handed to the validator
(:func:`~.validation.parse_instrument`); each problem it reports gets the line
of the YAML file it points at, so an editor can jump to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml

from .errors import InstrumentError, Problem
from .model import Instrument
from .validation import ID_PATTERN, parse_instrument

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent.parent / "frameworks"


# ---------------------------------------------------------------- public API


def available_instruments(folder: Path | None = None) -> list[str]:
    """Ids of the instruments shipped in ``kotacerdas/frameworks`` (or ``folder``)."""
    return sorted(path.stem for path in (folder or FRAMEWORKS_DIR).glob("*.yaml"))


def instrument_path(instrument_id: str, folder: Path | None = None) -> Path:
    return (folder or FRAMEWORKS_DIR) / f"{instrument_id}.yaml"


def load_instrument(id_or_path: str | Path, folder: Path | None = None) -> Instrument:
    """Loads and validates an instrument by id (``"spbe-2020"``) or by the path of a YAML file.

    Raises :class:`InstrumentError` carrying every problem found.
    """
    path = _resolve(id_or_path, folder)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InstrumentError(
            [Problem("unreadable_file", str(path), None, {"file": str(path), "reason": exc})]
        ) from exc
    try:
        instrument = parse_instrument(data, source=path.name)
    except InstrumentError as error:
        raise InstrumentError(_with_lines(error.problems, path)) from None
    if not isinstance(id_or_path, Path) and not str(id_or_path).endswith((".yaml", ".yml")):
        _check_id_matches(instrument, str(id_or_path), path)
    return instrument


# ---------------------------------------------------------------- YAML line numbers


def _with_lines(problems: tuple[Problem, ...], path: Path) -> list[Problem]:
    """Adds the YAML line of each problem's path as its ``row``, so an editor can jump to it."""
    try:
        lines = _yaml_lines(yaml.compose(path.read_text(encoding="utf-8")))
    except yaml.YAMLError:
        return list(problems)
    prefix = f"{path.name}: "
    located = []
    for problem in problems:
        key = problem.path.removeprefix(prefix).removeprefix("instrument.").removeprefix("instrument")
        located.append(Problem(problem.code, problem.path, _line_of(key, lines), problem.params))
    return located


def _line_of(key: str, lines: Mapping[str, int]) -> int | None:
    """The line of ``key`` or of its nearest ancestor that exists in the file (a missing field's node)."""
    while key:
        if key in lines:
            return lines[key]
        cut = max(key.rfind("."), key.rfind("["))
        key = key[:cut] if cut > 0 else ""
    return None


def _yaml_lines(node: yaml.Node | None, prefix: str = "") -> dict[str, int]:
    """Maps validator paths (``components[0].children[1].code``) to 1-based line numbers."""
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            lines[path] = key_node.start_mark.line + 1
            lines.update(_yaml_lines(value_node, path))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            path = f"{prefix}[{index}]"
            lines[path] = item.start_mark.line + 1
            lines.update(_yaml_lines(item, path))
    return lines


# ---------------------------------------------------------------- resolving


def _resolve(id_or_path: str | Path, folder: Path | None) -> Path:
    candidate = Path(id_or_path)
    if isinstance(id_or_path, Path) or candidate.suffix in {".yaml", ".yml"}:
        if candidate.is_file():
            return candidate
        looked_in = str(candidate)
    else:
        by_id = instrument_path(str(id_or_path), folder)
        if ID_PATTERN.match(str(id_or_path)) and by_id.is_file():
            return by_id
        looked_in = str(folder or FRAMEWORKS_DIR)
    raise InstrumentError(
        [Problem("instrument_not_found", "", None, {"instrument": str(id_or_path), "looked_in": looked_in})]
    )


def _check_id_matches(instrument: Instrument, requested: str, path: Path) -> None:
    if instrument.id != requested:
        problem = Problem(
            "invalid_value",
            f"{path.name}: id",
            None,
            {"field": "id", "expected": requested, "value": instrument.id},
        )
        raise InstrumentError([problem])
