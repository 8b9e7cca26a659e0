"""One expert's pairwise judgements, checked before anything is saved.

Every pair of criteria once (in either orientation, or in both when they are each other's
reciprocal, as in a pasted full matrix), each on Saaty's scale 1/9 … 9; a criterion compared with
itself is 1. Every mistake gets its own Indonesian message naming the criteria, so an expert fixes
them all in one go. The arithmetic is the core's (``kotacerdas.core.ahp``)."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core import ahp
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.prioritisation.forms import CRITERION_LABELS

CRITERIA_IDS = [criterion.id for criterion in DEFAULT_CRITERIA]
Pair = tuple[str, str]


def ratio_text(value: float) -> str:
    """3.0 → '3', 0.333… → '1/3': the way people write judgements (4 significant digits kept)."""
    return f"{value:.4g}" if value >= 1 else f"1/{1 / value:.4g}"


def checked_judgements(raw: Mapping[Pair, object]) -> dict[Pair, float]:
    """The upper triangle (in the criteria's order) as numbers; ValidationError listing every mistake."""
    errors: list[str] = []
    given: dict[Pair, float] = {}
    for (a, b), text in raw.items():
        if a not in CRITERIA_IDS or b not in CRITERIA_IDS:
            errors.append(_("Unknown criterion in the pair %(a)s / %(b)s.") % {"a": a, "b": b})
            continue
        try:
            number = ahp.parse_judgement(text)
        except ahp.AhpError:
            errors.append(
                _("%(pair)s: %(value)s is not on Saaty's scale from 1/9 to 9.")
                % {"pair": _pair(a, b), "value": text}
            )
            continue
        if a == b and abs(number - 1) > 1e-9:
            errors.append(_("%(c)s compared with itself must be 1.") % {"c": CRITERION_LABELS[a]})
        elif a != b:
            given[(a, b)] = number
    upper = _upper_triangle(given, errors)
    if errors:
        raise ValidationError(errors)
    return upper


def _upper_triangle(given: Mapping[Pair, float], errors: list[str]) -> dict[Pair, float]:
    upper: dict[Pair, float] = {}
    for index, a in enumerate(CRITERIA_IDS):
        for b in CRITERIA_IDS[index + 1 :]:
            forward, backward = given.get((a, b)), given.get((b, a))
            both = forward is not None and backward is not None
            if both and abs(forward * backward - 1) > ahp.RECIPROCAL_TOLERANCE:  # type: ignore[operator]
                errors.append(_not_reciprocal(a, b, forward, backward))  # type: ignore[arg-type]
                continue
            if forward is not None:
                upper[(a, b)] = forward
            elif backward is not None:
                upper[(a, b)] = 1 / backward
            else:
                errors.append(_("%(pair)s: no judgement given.") % {"pair": _pair(a, b)})
    return upper


def _not_reciprocal(a: str, b: str, forward: float, backward: float) -> str:
    return _(
        "%(ab)s is %(forward)s but %(ba)s is %(backward)s: the second must be the reciprocal "
        "of the first (%(expected)s)."
    ) % {
        "ab": _pair(a, b),
        "ba": _pair(b, a),
        "forward": ratio_text(forward),
        "backward": ratio_text(backward),
        "expected": ratio_text(1 / forward),
    }


def _pair(a: str, b: str) -> str:
    return _("%(a)s compared with %(b)s") % {"a": CRITERION_LABELS[a], "b": CRITERION_LABELS[b]}


def matrix_of(stored: Mapping[str, str]) -> ahp.PairwiseMatrix:
    """The full matrix of stored judgements ``{"a|b": "3"}`` (as saved by the actions)."""
    judgements = {tuple(key.split("|", 1)): value for key, value in stored.items()}
    return ahp.matrix_from_judgements(CRITERIA_IDS, judgements)  # type: ignore[arg-type]
