"""Plain values for templates and exports, built from an assessment and its instrument."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.accounts.access import Person
from kotacerdas.assessment import access
from kotacerdas.assessment.charts import Series, radar_svg
from kotacerdas.assessment.instruments import get_instrument, label, tree_rows
from kotacerdas.assessment.models import Answer, Assessment, Result, State
from kotacerdas.core.formatting import score
from kotacerdas.core.instruments import Indicator


@dataclass
class OverviewRow:
    code: str
    name: str
    depth: int
    is_indicator: bool
    indicator: Indicator | None
    opd: str
    answer: Answer | None
    may_answer: bool

    @property
    def indent(self) -> str:
        return f"{(self.depth - 1) * 1.2:.1f}rem"


def overview_rows(user: Person, assessment: Assessment) -> list[OverviewRow]:
    instrument = get_instrument(assessment.instrument_id)
    opds = {a.indicator: a.opd for a in assessment.assignments.select_related("opd")}
    answers = {a.indicator: a for a in assessment.answers.all()}
    is_coordinator = access.is_coordinator(user, assessment)
    own_opds = access.opd_ids_of(user, assessment.region)
    rows = []
    for row in tree_rows(instrument):
        opd = opds.get(row.code)
        rows.append(
            OverviewRow(
                code=row.code,
                name=row.name,
                depth=row.depth,
                is_indicator=row.indicator is not None,
                indicator=row.indicator,
                opd=(opd.short_name or opd.name) if opd else "",
                answer=answers.get(row.code),
                may_answer=row.indicator is not None
                and (is_coordinator or (opd is not None and opd.pk in own_opds)),
            )
        )
    return rows


def export_values(assessment: Assessment) -> dict[str, str]:
    """The answers as they stand: the verified value where there is one, else the region's."""
    values = {}
    for answer in assessment.answers.all():
        value = answer.verified_value if answer.state == State.VERIFIED else answer.value
        if value:
            values[answer.indicator] = value
    return values


def _number(value: float | None) -> str:
    """A score as on every page (kotacerdas.core.formatting.score): 66,67; nothing is '–'."""
    if value is None:
        return "–"
    return score(value)


@dataclass
class ComparisonRow:
    code: str
    name: str
    depth: int
    kind: str
    self_score: str
    verified_score: str
    target: str
    gap: str
    below_target: bool


def results_context(assessment: Assessment) -> dict[str, Any]:
    instrument = get_instrument(assessment.instrument_id)
    own = assessment.results.filter(kind=Result.Kind.SELF).first()
    checked = assessment.results.filter(kind=Result.Kind.VERIFIED).first()
    main = checked or own
    context: dict[str, Any] = {
        "assessment": assessment,
        "instrument": instrument,
        "self": own,
        "verified": checked,
        "main": main,
    }
    if main is None:
        return context
    own_nodes = {n["code"]: n for n in own.data["nodes"]} if own else {}
    checked_nodes = {n["code"]: n for n in checked.data["nodes"]} if checked else {}
    rows = []
    for node in main.data["nodes"]:
        code = node["code"]
        gap = node.get("gap")
        rows.append(
            ComparisonRow(
                code=code,
                name=label(node["name"]),
                depth=node["depth"],
                kind=node["kind"],
                self_score=_number(own_nodes.get(code, {}).get("score")),
                verified_score=_number(checked_nodes.get(code, {}).get("score")),
                target=_number(node.get("target")),
                gap=_number(gap),
                below_target=gap is not None and gap > 0,
            )
        )
    context["rows"] = rows
    context["groups"] = [row for row in rows if row.kind == "group" or row.depth == 1]
    axes = main.data["radar"]
    series = []
    if own:
        series.append(Series(_("Self-assessed"), [a["score"] for a in own.data["radar"]], "self"))
    if checked:
        series.append(Series(_("Verified"), [a["score"] for a in checked.data["radar"]], "verified"))
    if any(a["target"] is not None for a in axes):
        series.append(Series(_("Target"), [a["target"] for a in axes], "target"))
    scale = main.data["scale"]
    not_assessed = _("not assessed")
    context["radar"] = radar_svg(
        [label(a["name"]) + ("" if a["score"] is not None else f" ({not_assessed})") for a in axes],
        series,
        minimum=scale[0],
        maximum=scale[1],
        title=_("Scores per dimension"),
    )
    context["band"] = label(main.data["band"]["name"]) if main.data.get("band") else ""
    context["total"] = _number(main.total)
    context["total_target"] = _number(main.data.get("target"))
    context["total_gap"] = _number(main.data.get("gap"))
    context["scale"] = f"{_number(scale[0])}–{_number(scale[1])}"
    return context
