"""What a region's record says for each monev part: the values that pre-fill its self-assessment.

Read-only, and only what is approved or formally on file: monitoring's *approved* initiative reports
of the cycle's year (Outcome, Quick Win), the Dewan / Tim Pelaksana with their SK and the ratified
Perkada (Output), and the previous cycle's publication (Baseline). Impact has no record behind it
yet: the region enters it. Each value carries its sources as links to the pages that show them.
The levels themselves are kotacerdas/core/evaluation/prefill.py's.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core import monitoring as core_monitoring
from kotacerdas.core.evaluation.letter import score_text
from kotacerdas.core.evaluation.prefill import (
    DimensionCount,
    PartPrefill,
    level_text,
    outcome_level,
    proportional_level,
)
from kotacerdas.core.instruments.numbers import to_fraction
from kotacerdas.documents.models import BookVersion
from kotacerdas.evaluation.models import Publication
from kotacerdas.monitoring.access import quick_win_progress
from kotacerdas.monitoring.models import Evidence, InitiativeReport, Period
from kotacerdas.monitoring.overview import active_in
from kotacerdas.monitoring.statuses import status_set
from kotacerdas.planning.access import initiatives_of, masterplan_for_year, masterplan_of
from kotacerdas.planning.models import Initiative
from kotacerdas.planning.reference import dimension_label
from kotacerdas.programme.models import Institution
from kotacerdas.regions.models import Region

RATIFIED = (BookVersion.Review.RATIFIED, BookVersion.Review.PUBLISHED)


def prefill(region: Region, year: int) -> list[PartPrefill]:
    """The five parts in the instrument's order, each with its pre-filled value (or None) and sources."""
    return [
        baseline(region, year),
        output(region),
        outcome(region, year),
        PartPrefill("impact", None, _("No record yet: enter the benefit felt by citizens.")),
        quick_win(region, year),
    ]


def _latest_approved(region: Region, year: int) -> dict[int, InitiativeReport]:
    """Each initiative's latest approved report of the year (the whole year after its quarters)."""
    reports = InitiativeReport.objects.filter(
        period__region=region, period__year=year, status=core_monitoring.APPROVED
    ).select_related("period")
    latest: dict[int, InitiativeReport] = {}
    for report in reports:
        key = report.period.quarter or 5
        current = latest.get(report.initiative_id)
        if current is None or (current.period.quarter or 5) < key:
            latest[report.initiative_id] = report
    return latest


def dimension_counts(region: Region, year: int) -> list[DimensionCount]:
    """Per dimension: masterplan programmes planned to run in ``year`` and those reported running.

    The programmes of the revision ``year`` belongs to (``masterplan_for_year``), as the year's
    monitoring period expects them: after a revision, the earlier year keeps its own plan."""
    masterplan = masterplan_for_year(region, year) if masterplan_of(region) is not None else None
    if masterplan is None:
        return []
    statuses = status_set(region)
    latest = _latest_approved(region, year)
    planned: dict[str, int] = defaultdict(int)
    running: dict[str, int] = defaultdict(int)
    initiatives = initiatives_of(masterplan).exclude(status=Initiative.Status.CANCELLED)
    for initiative in initiatives.order_by("dimension", "code"):
        if not active_in(initiative, year):
            continue
        planned[initiative.dimension] += 1
        report = latest.get(initiative.pk)
        if report is None:
            continue
        status = statuses.get(report.implementation)
        category = status.category if status else core_monitoring.ON_TRACK
        if category != core_monitoring.NOT_STARTED:
            running[initiative.dimension] += 1
    return [DimensionCount(name, running[name], planned[name]) for name in sorted(planned)]


def _monitoring_link(region: Region, year: int) -> tuple[str, str]:
    period = Period.objects.filter(region=region, year=year).order_by("quarter").first()
    if period is None:
        return _("Monitoring"), reverse("monitoring:region", args=[region.code])
    url = reverse("monitoring:period", args=[region.code, period.pk])
    return _("Monitoring %(period)s") % {"period": period}, url


def outcome(region: Region, year: int) -> PartPrefill:
    counts = dimension_counts(region, year)
    level = outcome_level(counts)
    if level is None:
        return PartPrefill(
            "outcome", None, _("No masterplan programme is planned for %(year)d.") % {"year": year}
        )
    lines = [
        _("%(dimension)s: %(running)d of %(planned)d masterplan programmes running (level %(level)s)")
        % {
            "dimension": dimension_label(count.dimension),
            "running": count.running,
            "planned": count.planned,
            "level": level_text(count.level or Fraction(0)),
        }
        for count in counts
    ]
    note = _("From the approved monitoring reports of %(year)d: ") % {"year": year} + "; ".join(lines) + "."
    return PartPrefill(
        "outcome", level, note, [_monitoring_link(region, year)], evidence_on_file(region, year)
    )


def quick_win(region: Region, year: int) -> PartPrefill:
    """The Quick Win milestones of the revision ``year`` belongs to, planned up to the year, against
    those done: the same count as the monitoring page, the region's card, the portal and the API."""
    progress = quick_win_progress(region, year)
    level = proportional_level(progress.done, progress.planned)
    if level is None:
        return PartPrefill(
            "quick_win", None, _("No Quick Win milestone is planned up to %(year)d.") % {"year": year}
        )
    note = _("%(done)d of %(planned)d Quick Win milestones done up to %(year)d (level %(level)s).") % {
        "done": progress.done,
        "planned": progress.planned,
        "year": year,
        "level": level_text(level),
    }
    quickwins = (_("Quick Wins"), reverse("planning:quickwins", args=[region.code]))
    return PartPrefill("quick_win", level, note, [quickwins, _monitoring_link(region, year)])


def output(region: Region) -> PartPrefill:
    """Three foundations: the Dewan Smart City and the Tim Pelaksana with an SK, and the ratified Perkada."""
    bodies = {i.kind: i for i in Institution.objects.filter(region=region).exclude(decree_number="")}
    perkada = ratified_masterplan(region)
    found: list[str] = []
    evidence: list[tuple[str, str]] = []
    for kind, label in Institution.Kind.choices:
        body = bodies.get(kind)
        if body is not None:
            found.append(_("%(body)s (SK %(number)s)") % {"body": str(label), "number": body.decree_number})
            if body.decree_file:
                url = reverse("programme:institution_file", args=[region.code, kind])
                evidence.append((_("SK %(body)s") % {"body": str(label)}, url))
    if perkada is not None:
        found.append(_("Perkada %(number)s") % {"number": perkada.perkada_number})
        book = _("Ratified masterplan (Perkada %(number)s)") % {"number": perkada.perkada_number}
        evidence.append((book, reverse("documents:version", args=[region.code, perkada.number])))
    sources = [(_("Smart city bodies"), reverse("programme:institutions", args=[region.code]))]
    level = proportional_level(len(found), 3)
    listed = ", ".join(found) if found else _("none")
    note = _("%(count)d of 3 foundations on file: %(found)s (level %(level)s).") % {
        "count": len(found),
        "found": listed,
        "level": level_text(level or Fraction(0)),
    }
    return PartPrefill("output", level, note, sources, evidence)


def ratified_masterplan(region: Region) -> BookVersion | None:
    """The latest ratified (or published) masterplan book with its Perkada number."""
    versions = (
        BookVersion.objects.listed().filter(region=region, review__in=RATIFIED).exclude(perkada_number="")
    )
    return versions.order_by("-number").first()


def previous_result(region: Region, year: int) -> tuple[Publication, dict[str, str]] | None:
    """Last year's published and verified result of the region, if any."""
    publication = Publication.objects.filter(cycle__year=year - 1).select_related("cycle").first()
    if publication is None:
        return None
    row = next((r for r in publication.rows if r["region_code"] == region.code), None)
    if row is None or not row["rank_national"]:  # not published, or published unverified
        return None
    return publication, row


def published_totals(year: int) -> dict[str, Fraction]:
    """Region code → its verified total published for ``year`` (none while the year is not published).

    The one source of a cycle's previous totals (the improvement), whatever path its scores came by."""
    publication = Publication.objects.filter(cycle__year=year).first()
    if publication is None:
        return {}
    return {row["region_code"]: to_fraction(row["total"]) for row in publication.rows if row["rank_national"]}


def baseline(region: Region, year: int) -> PartPrefill:
    previous = previous_result(region, year)
    if previous is None:
        return PartPrefill(
            "baseline",
            None,
            _("Base year (tahun dasar): the first evaluation of this region; enter the starting condition."),
        )
    publication, row = previous
    total = to_fraction(row["total"])
    note = _("The verified result of %(year)d: total %(total)s.") % {
        "year": publication.cycle.year,
        "total": score_text(row["total"]),  # a published total as the letter writes it: 3,475
    }
    letter = reverse("evaluation:letter_pdf", args=[region.code, publication.cycle.year])
    return PartPrefill(
        "baseline", total, note, [(_("Result letter %(year)d") % {"year": publication.cycle.year}, letter)]
    )


def evidence_on_file(region: Region, year: int) -> list[tuple[str, str]]:
    """(label, URL) of the evidence of the year's approved initiative reports (Outcome's)."""
    items = Evidence.objects.filter(
        initiative_report__period__region=region,
        initiative_report__period__year=year,
        initiative_report__status=core_monitoring.APPROVED,
    ).order_by("pk")
    return [
        (evidence.shown_label[:200], reverse("monitoring:evidence", args=[region.code, evidence.pk]))
        for evidence in items
    ]
