"""Reading and validating instrument definitions.

The data form is a plain mapping (what ``yaml.safe_load`` returns); the XLSX
importer builds the same mapping, so both go through one validator. The
validator never stops at the first problem: it walks the whole definition and
raises :class:`InstrumentError` with every problem and its path (and, for
XLSX, its sheet and row).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .errors import InstrumentError, Problem
from .model import (
    ANSWER_TYPES,
    DIRECTIONS,
    MISSING_RULES,
    RULES,
    WEIGHT_CHECKS,
    AnswerType,
    Band,
    Choice,
    ChoiceAnswer,
    Group,
    Indicator,
    Instrument,
    Level,
    LevelSet,
    MaturityAnswer,
    Node,
    NumberAnswer,
    Text,
    YesNoAnswer,
)
from .numbers import fraction_text, to_fraction

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent.parent / "frameworks"
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
WHERE = "_where"  # optional {"path": ..., "row": ...} attached by the XLSX importer

TOP_FIELDS = {
    "id",
    "version",
    "kind",
    "name",
    "description",
    "status",
    "sources",
    "scale",
    "rule",
    "missing",
    "weight_check",
    "hierarchy",
    "bands",
    "level_sets",
    "components",
    WHERE,
}
NODE_FIELDS = {"code", "name", "weight", "description", "optional", "example", "children", "rule", "missing"}
NODE_FIELDS |= {"answer", "evidence_required", WHERE}
ANSWER_FIELDS = {
    "maturity": {"type", "levels"},
    "yes_no": {"type", "yes_points", "no_points"},  # not yes/no: YAML reads those keys as booleans
    "number": {"type", "unit", "direction", "lower", "upper", "min", "max"},
    "choice": {"type", "options"},
}
LEVEL_FIELDS = {"level", "name", "criteria", "evidence", WHERE}
BAND_FIELDS = {"code", "name", "min", WHERE}
OPTION_FIELDS = {"code", "name", "points", WHERE}


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


def parse_instrument(data: Any, source: str = "") -> Instrument:
    """Validates a definition mapping and builds the :class:`Instrument`; raises with all problems."""
    reader = _Reader(source)
    instrument = reader.instrument(data)
    if reader.problems or instrument is None:
        raise InstrumentError(reader.problems)
    return instrument


def instrument_to_dict(instrument: Instrument) -> dict[str, Any]:
    """The data form, every field explicit; ``parse_instrument`` reads it back identically."""
    return {
        "id": instrument.id,
        "version": instrument.version,
        "kind": instrument.kind,
        "name": _text_dict(instrument.name),
        "description": _text_dict(instrument.description),
        "status": instrument.status,
        "sources": list(instrument.sources),
        "scale": {"min": fraction_text(instrument.scale_min), "max": fraction_text(instrument.scale_max)},
        "rule": instrument.rule,
        "missing": instrument.missing,
        "weight_check": instrument.weight_check,
        "hierarchy": [_text_dict(label) for label in instrument.hierarchy],
        "bands": [_band_dict(band) for band in instrument.bands],
        "level_sets": {
            level_set.name: [_level_dict(level) for level in level_set.levels]
            for level_set in instrument.level_sets
        },
        "components": [_node_dict(node) for node in instrument.children],
    }


def instrument_hash(instrument: Instrument) -> str:
    """SHA-256 of the canonical data form: changes whenever anything that could change a score changes."""
    canonical = json.dumps(
        instrument_to_dict(instrument), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


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


# ---------------------------------------------------------------- the validating reader


class _Reader:
    """Walks a definition, building the model and collecting problems as it goes."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.seen_codes: dict[str, str] = {}
        self.level_sets: dict[str, tuple[Level, ...]] = {}
        self.scale = (Fraction(0), Fraction(5))
        self.kind = "scoring"
        self.depth_limit = 0
        self.default_missing = "required"
        self.weight_check = "none"

    # -- reporting

    def add(self, code: str, where: tuple[str, int | None], **params: Any) -> None:
        path, row = where
        self.problems.append(Problem(code, path, row, params))

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
            self.add(
                "invalid_value",
                self.where(data, path),
                field=path,
                expected="a mapping",
                value=type(data).__name__,
            )
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
            self.add(
                "invalid_value", self.where(data, f"{path}.{key}"), field=key, expected="text", value=value
            )
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
            self.add(
                "invalid_value", self.where(data, f"{path}.{key}"), field=key, expected=expected, value=value
            )
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
            self.add(
                "invalid_value",
                self.where(data, f"{path}.{key}"),
                field=key,
                expected="true or false",
                value=value,
            )
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
        self.add(
            "invalid_value",
            self.where(data, f"{path}.{key}"),
            field=key,
            expected="text or {id, en}",
            value=value,
        )
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

    # -- the instrument

    def instrument(self, data: Any) -> Instrument | None:
        top = self.mapping(data, "instrument", TOP_FIELDS)
        if not top:
            if not self.problems:
                self.add("missing_field", self.where(data, "instrument"), field="id")
            return None
        identifier = self.string(top, "id", "instrument", required=True)
        if identifier and not ID_PATTERN.match(identifier):
            expected = "lower-case letters, digits and dashes"
            self.add("invalid_value", self.where(top, "id"), field="id", expected=expected, value=identifier)
        self.kind = self.choice(top, "kind", "instrument", ("scoring", "framework"), "scoring")
        self.scale = self.read_scale(top)
        self.default_missing = self.choice(top, "missing", "instrument", MISSING_RULES, "required")
        self.weight_check = self.choice(top, "weight_check", "instrument", WEIGHT_CHECKS, "none")
        hierarchy = self.read_hierarchy(top.get("hierarchy"))
        self.depth_limit = len(hierarchy)
        self.level_sets = self.read_level_sets(top.get("level_sets"))
        components = self.read_components(top)
        instrument = Instrument(
            id=identifier,
            version=self.string(top, "version", "instrument", required=True),
            name=self.text(top, "name", "instrument", required=True),
            kind="framework" if self.kind == "framework" else "scoring",
            description=self.text(top, "description", "instrument"),
            status=self.string(top, "status", "instrument"),
            sources=self.read_sources(top.get("sources")),
            scale_min=self.scale[0],
            scale_max=self.scale[1],
            rule=self.choice(top, "rule", "instrument", RULES, "weighted_mean"),  # type: ignore[arg-type]
            missing=self.default_missing,  # type: ignore[arg-type]
            weight_check=self.weight_check,
            hierarchy=hierarchy,
            bands=self.read_bands(top.get("bands")),
            level_sets=tuple(LevelSet(name, levels) for name, levels in self.level_sets.items()),
            children=components,
        )
        self.check_whole(instrument, top)
        return instrument

    def read_scale(self, top: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
        scale = self.mapping(top.get("scale", {}), "scale", {"min", "max"})
        low = self.number(scale, "min", "scale", Fraction(0)) or Fraction(0)
        high = self.number(scale, "max", "scale", Fraction(5)) or Fraction(0)
        if low >= high:
            self.add("bad_range", self.where(top, "scale"), minimum=low, maximum=high)
            return Fraction(0), Fraction(5)
        return low, high

    def read_sources(self, data: Any) -> tuple[str, ...]:
        if data is None:
            return ()
        if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
            self.add(
                "invalid_value",
                self.where(data, "sources"),
                field="sources",
                expected="a list of text",
                value=data,
            )
            return ()
        return tuple(item.strip() for item in data)

    def read_hierarchy(self, data: Any) -> tuple[Text, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.add(
                "invalid_value",
                self.where(data, "hierarchy"),
                field="hierarchy",
                expected="a list",
                value=data,
            )
            return ()
        return tuple(
            self.text({"label": item}, "label", f"hierarchy[{index}]") for index, item in enumerate(data)
        )

    def read_bands(self, data: Any) -> tuple[Band, ...]:
        if data is None:
            return ()
        if not isinstance(data, list):
            self.add("invalid_value", self.where(data, "bands"), field="bands", expected="a list", value=data)
            return ()
        bands: list[Band] = []
        minimums: set[Fraction | None] = set()
        for index, item in enumerate(data):
            path = f"bands[{index}]"
            band_data = self.mapping(item, path, BAND_FIELDS)
            code = self.string(band_data, "code", path, required=True)
            self.claim_code(f"band:{code}", band_data, path, code)
            minimum = self.number(band_data, "min", path)
            if minimum in minimums:
                self.add("duplicate_band", self.where(band_data, f"{path}.min"), value=minimum)
            minimums.add(minimum)
            bands.append(Band(code, self.text(band_data, "name", path, required=True), minimum))
        return tuple(bands)

    def read_level_sets(self, data: Any) -> dict[str, tuple[Level, ...]]:
        if data is None:
            return {}
        if not isinstance(data, Mapping):
            self.add(
                "invalid_value",
                self.where(data, "level_sets"),
                field="level_sets",
                expected="a mapping",
                value=data,
            )
            return {}
        return {str(name): self.read_levels(levels, f"level_sets.{name}") for name, levels in data.items()}

    def read_levels(self, data: Any, path: str) -> tuple[Level, ...]:
        if not isinstance(data, list) or not data:
            self.add(
                "invalid_value",
                self.where(data, path),
                field=path,
                expected="a non-empty list of levels",
                value=data,
            )
            return ()
        levels: list[Level] = []
        for index, item in enumerate(data):
            level = self.read_level(item, f"{path}[{index}]")
            if level is None:
                continue
            if any(existing.value == level.value for existing in levels):
                self.add("duplicate_level", self.where(item, f"{path}[{index}].level"), value=level.value)
            levels.append(level)
        return tuple(levels)

    def read_level(self, item: Any, path: str) -> Level | None:
        data = self.mapping(item, path, LEVEL_FIELDS)
        value = self.number(data, "level", path)
        if value is None or value.denominator != 1:
            self.add(
                "invalid_value",
                self.where(data, f"{path}.level"),
                field="level",
                expected="a whole number",
                value=data.get("level"),
            )
            return None
        low, high = self.scale
        if not low <= value <= high:
            self.add(
                "level_out_of_scale",
                self.where(data, f"{path}.level"),
                value=value,
                minimum=low,
                maximum=high,
            )
        return Level(
            value=int(value),
            name=self.text(data, "name", path),
            criteria=self.text(data, "criteria", path),
            evidence=self.text(data, "evidence", path),
        )

    # -- the tree

    def read_components(self, top: Mapping[str, Any]) -> tuple[Node, ...]:
        data = top.get("components")
        if not isinstance(data, list) or not data:
            self.add("missing_field", self.where(top, "components"), field="components")
            return ()
        return self.read_nodes(data, "components", 1)

    def read_nodes(self, data: list[Any], path: str, depth: int) -> tuple[Node, ...]:
        nodes = (self.read_node(item, f"{path}[{index}]", depth) for index, item in enumerate(data))
        return tuple(node for node in nodes if node is not None)

    def claim_code(self, key: str, data: Mapping[str, Any], path: str, code: str) -> None:
        if not code:
            return
        here = self.where(data, path)
        if key in self.seen_codes:
            self.add("duplicate_code", here, value=code, first=self.seen_codes[key])
        else:
            self.seen_codes[key] = ", ".join(
                str(part) if isinstance(part, str) else f"row {part}" for part in here if part
            )

    def read_node(self, item: Any, path: str, depth: int) -> Node | None:
        data = self.mapping(item, path, NODE_FIELDS)
        if not data:
            return None
        code = self.string(data, "code", path, required=True)
        self.claim_code(f"node:{code}", data, f"{path}.code", code)
        if self.depth_limit and depth > self.depth_limit:
            self.add("too_deep", self.where(data, path), depth=depth, levels=self.depth_limit)
        weight = self.number(data, "weight", path, Fraction(1))
        if weight is not None and weight < 0:
            self.add("negative_weight", self.where(data, f"{path}.weight"), value=weight)
        has_children, has_answer = "children" in data, "answer" in data
        if has_answer and self.kind == "framework":
            self.add("framework_has_indicator", self.where(data, path), value=code)
        if has_children == has_answer and not (self.kind == "framework" and not has_answer):
            found = "both" if has_children else "neither"
            self.add("node_kind", self.where(data, path), found=found)
            return None
        common: dict[str, Any] = {
            "code": code,
            "name": self.text(data, "name", path, required=True),
            "weight": weight if weight is not None else Fraction(1),
            "description": self.text(data, "description", path),
            "optional": self.flag(data, "optional", path),
            "example": self.flag(data, "example", path),
        }
        if has_answer:
            answer = self.read_answer(data["answer"], f"{path}.answer", data)
            if answer is None:
                return None
            return Indicator(
                answer=answer, evidence_required=self.flag(data, "evidence_required", path), **common
            )
        if "evidence_required" in data:
            # evidence belongs to an answer: on a group it would silently mean nothing
            self.add(
                "invalid_value",
                self.where(data, f"{path}.evidence_required"),
                field="evidence_required",
                expected="only on an indicator (a node with an answer)",
                value=data["evidence_required"],
            )
        return self.read_group(data, path, depth, common)

    def read_group(self, data: Mapping[str, Any], path: str, depth: int, common: dict[str, Any]) -> Group:
        children_data = data.get("children") or []
        if not isinstance(children_data, list):
            self.add(
                "invalid_value",
                self.where(data, f"{path}.children"),
                field="children",
                expected="a list",
                value=children_data,
            )
            children_data = []
        if not children_data and self.kind == "scoring":
            self.add("empty_group", self.where(data, f"{path}.children"), group=common["code"])
        children = self.read_nodes(children_data, f"{path}.children", depth + 1)
        group = Group(
            children=children,
            rule=self.choice(data, "rule", path, RULES, "weighted_mean"),  # type: ignore[arg-type]
            missing=self.choice(data, "missing", path, MISSING_RULES, self.default_missing),  # type: ignore[arg-type]
            **common,
        )
        self.check_group_weights(group, data, path)
        return group

    def check_group_weights(self, group: Group, data: Mapping[str, Any], path: str) -> None:
        if not group.children:
            return
        total = sum((child.weight for child in group.children), Fraction(0))
        if self.kind == "scoring" and group.rule == "weighted_mean" and total == 0:
            self.add("zero_weights", self.where(data, path), group=group.code)
        if self.weight_check == "sum_of_children" and total != group.weight:
            self.add(
                "weight_mismatch",
                self.where(data, f"{path}.weight"),
                group=group.code,
                weight=fraction_text(group.weight),
                children=fraction_text(total),
            )

    # -- answer types

    def read_answer(self, data: Any, path: str, node: Mapping[str, Any]) -> AnswerType | None:
        if isinstance(data, Mapping) and WHERE not in data and WHERE in node:
            data = {**data, WHERE: node[WHERE]}  # XLSX: answer problems point at the node's row
        kind = data.get("type") if isinstance(data, Mapping) else None
        if kind not in ANSWER_TYPES:
            expected = "one of " + ", ".join(ANSWER_TYPES)
            self.add(
                "invalid_value", self.where(data, f"{path}.type"), field="type", expected=expected, value=kind
            )
            return None
        answer = self.mapping(data, path, ANSWER_FIELDS[str(kind)] | {WHERE})
        if kind == "maturity":
            return self.read_maturity(answer, path)
        if kind == "yes_no":
            return self.read_yes_no(answer, path)
        if kind == "number":
            return self.read_number(answer, path)
        return self.read_choice(answer, path)

    def read_maturity(self, data: Mapping[str, Any], path: str) -> MaturityAnswer | None:
        reference = data.get("levels")
        if isinstance(reference, str):
            if reference not in self.level_sets:
                self.add("unknown_level_set", self.where(data, f"{path}.levels"), value=reference)
                return None
            return MaturityAnswer(self.level_sets[reference], reference)
        levels = self.read_levels(reference, f"{path}.levels")
        return MaturityAnswer(levels) if levels else None

    def read_yes_no(self, data: Mapping[str, Any], path: str) -> YesNoAnswer:
        low, high = self.scale
        yes = self.number(data, "yes_points", path, high)
        no = self.number(data, "no_points", path, low)
        yes = high if yes is None else yes
        no = low if no is None else no
        self.in_scale(yes, self.where(data, f"{path}.yes_points"), "yes_points")
        self.in_scale(no, self.where(data, f"{path}.no_points"), "no_points")
        return YesNoAnswer(yes, no)

    def read_number(self, data: Mapping[str, Any], path: str) -> NumberAnswer | None:
        for key in ("lower", "upper"):
            self.required(data, key, path)
        lower, upper = self.number(data, "lower", path), self.number(data, "upper", path)
        minimum, maximum = self.number(data, "min", path), self.number(data, "max", path)
        if lower is None or upper is None:
            return None
        if lower == upper:
            self.add("bad_goalposts", self.where(data, path), lower=lower, upper=upper)
        if minimum is not None and maximum is not None and minimum >= maximum:
            self.add("bad_range", self.where(data, path), minimum=minimum, maximum=maximum)
        return NumberAnswer(
            lower=min(lower, upper),
            upper=max(lower, upper),
            direction=self.choice(data, "direction", path, DIRECTIONS, "higher_is_better"),  # type: ignore[arg-type]
            unit=self.string(data, "unit", path),
            minimum=minimum,
            maximum=maximum,
        )

    def read_choice(self, data: Mapping[str, Any], path: str) -> ChoiceAnswer | None:
        options_data = data.get("options")
        if not isinstance(options_data, list) or not options_data:
            self.add("missing_field", self.where(data, f"{path}.options"), field="options")
            return None
        options: list[Choice] = []
        for index, item in enumerate(options_data):
            option_path = f"{path}.options[{index}]"
            option = self.mapping(item, option_path, OPTION_FIELDS)
            code = self.string(option, "code", option_path, required=True)
            if any(existing.code == code for existing in options):
                self.add("duplicate_code", self.where(option, f"{option_path}.code"), value=code, first=path)
            points = self.number(option, "points", option_path)
            if points is None:
                self.add("missing_field", self.where(option, f"{option_path}.points"), field="points")
                continue
            self.in_scale(points, self.where(option, f"{option_path}.points"), "points")
            options.append(Choice(code, self.text(option, "name", option_path, required=True), points))
        return ChoiceAnswer(tuple(options))

    # -- whole-instrument checks

    def check_whole(self, instrument: Instrument, top: Mapping[str, Any]) -> None:
        has_indicators = bool(instrument.indicators())
        if instrument.kind == "scoring" and not has_indicators and instrument.children:
            self.add("no_indicators", self.where(top, "components"))
        total = sum((child.weight for child in instrument.children), Fraction(0))
        if (
            instrument.kind == "scoring"
            and instrument.rule == "weighted_mean"
            and instrument.children
            and total == 0
        ):
            self.add("zero_weights", self.where(top, "components"), group=instrument.id)


# ---------------------------------------------------------------- writing back


def _text_dict(text: Text) -> dict[str, str]:
    return {"id": text.id, "en": text.en}


def _optional_number(value: Fraction | None) -> str | None:
    return None if value is None else fraction_text(value)


def _band_dict(band: Band) -> dict[str, Any]:
    return {"code": band.code, "name": _text_dict(band.name), "min": _optional_number(band.minimum)}


def _level_dict(level: Level) -> dict[str, Any]:
    return {
        "level": level.value,
        "name": _text_dict(level.name),
        "criteria": _text_dict(level.criteria),
        "evidence": _text_dict(level.evidence),
    }


def _answer_dict(answer: AnswerType) -> dict[str, Any]:
    if isinstance(answer, MaturityAnswer):
        levels: Any = answer.level_set or [_level_dict(level) for level in answer.levels]
        return {"type": "maturity", "levels": levels}
    if isinstance(answer, YesNoAnswer):
        return {
            "type": "yes_no",
            "yes_points": fraction_text(answer.yes),
            "no_points": fraction_text(answer.no),
        }
    if isinstance(answer, NumberAnswer):
        return {
            "type": "number",
            "unit": answer.unit,
            "direction": answer.direction,
            "lower": fraction_text(answer.lower),
            "upper": fraction_text(answer.upper),
            "min": _optional_number(answer.minimum),
            "max": _optional_number(answer.maximum),
        }
    options = [
        {"code": option.code, "name": _text_dict(option.name), "points": fraction_text(option.points)}
        for option in answer.options
    ]
    return {"type": "choice", "options": options}


def _node_dict(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": node.code,
        "name": _text_dict(node.name),
        "weight": fraction_text(node.weight),
        "description": _text_dict(node.description),
        "optional": node.optional,
        "example": node.example,
    }
    if isinstance(node, Indicator):
        data["answer"] = _answer_dict(node.answer)
        if node.evidence_required:  # only when set, so the hash of every other instrument stays
            data["evidence_required"] = True
    else:
        data.update(
            rule=node.rule, missing=node.missing, children=[_node_dict(child) for child in node.children]
        )
    return data
