"""The canonical data form of an instrument, and the hash that identifies it.

:func:`instrument_to_dict` writes every field explicitly, so ``parse_instrument``
reads it back identically, the XLSX exporter lays it out in sheets, and
:func:`instrument_hash` changes whenever anything that could change a score changes.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from typing import Any

from .model import (
    AnswerType,
    Band,
    Indicator,
    Instrument,
    Level,
    MaturityAnswer,
    Node,
    NumberAnswer,
    Text,
    YesNoAnswer,
)
from .numbers import fraction_text


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
