"""Ayu's writes on an evaluation cycle: open it, enter the verified part scores, publish it.

Each action: check permission → validate → change in one transaction → audit. A refused input
(a bad scores file, an unknown region, a cycle already published) changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.evaluation import (
    PARTS,
    EntriesError,
    Entry,
    default_uncertainty,
    evaluate,
    read_results_csv,
)
from kotacerdas.core.evaluation.evaluate import quantile_text
from kotacerdas.core.evaluation.ranking import check_monev_instrument
from kotacerdas.core.instruments import (
    InstrumentError,
    available_instruments,
    instrument_hash,
    load_instrument,
)
from kotacerdas.core.instruments.numbers import fraction_text, to_fraction
from kotacerdas.core.regions import available_size_schemes, load_size_scheme, size_scheme_to_dict
from kotacerdas.evaluation.models import Cycle, Participant, Publication
from kotacerdas.regions.models import Region

REPLICATIONS = 1000  # rank bands of a publication; the seed is the cycle's year


def monev_instruments() -> list[str]:
    return [name for name in available_instruments() if name.startswith("monev-")]


def _require_national_admin(actor: User) -> None:
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may do this."))


def do_open_cycle(
    actor: User,
    *,
    year: int,
    instrument: str,
    scheme: str,
    regions: Iterable[Region],
    self_assessment_until: date,
    verification_until: date,
    publication_on: date,
) -> Cycle:
    """Open a cycle: its instrument and size-class scheme are frozen now, with each region's population."""
    _require_national_admin(actor)
    participants = sorted(set(regions), key=lambda region: region.code)
    errors: dict[str, list[str]] = {}
    if Cycle.objects.filter(year=year).exists():
        errors.setdefault("year", []).append(
            _("There is already an evaluation cycle for %(year)d.") % {"year": year}
        )
    if instrument not in monev_instruments():
        errors.setdefault("instrument", []).append(_("Choose one of the evaluation instruments."))
    if scheme not in available_size_schemes():
        errors.setdefault("scheme", []).append(_("Choose one of the size-class schemes."))
    if not participants:
        errors.setdefault("regions", []).append(_("Choose the participating regions or a cohort."))
    for region in participants:
        if region.province_id is None or region.population is None:
            message = _("%(region)s cannot take part: it is not a kabupaten/kota with a known population.")
            errors.setdefault("regions", []).append(message % {"region": region})
    if not self_assessment_until <= verification_until <= publication_on:
        message = _("The self-assessment, the verification and the publication must follow each other.")
        errors.setdefault("publication_on", []).append(message)
    if errors:
        raise ValidationError(errors)
    loaded = load_instrument(instrument)
    frozen = size_scheme_to_dict(load_size_scheme(scheme))
    with transaction.atomic():
        cycle = Cycle.objects.create(
            year=year,
            instrument=loaded.id,
            instrument_version=loaded.version,
            instrument_hash=instrument_hash(loaded),
            size_scheme=frozen,
            self_assessment_until=self_assessment_until,
            verification_until=verification_until,
            publication_on=publication_on,
            created_by=actor,
        )
        Participant.objects.bulk_create(
            Participant(cycle=cycle, region=region, population=region.population or 0)
            for region in participants
        )
        after = {
            "year": year,
            "instrument": loaded.id,
            "scheme": scheme,
            "regions": [r.code for r in participants],
        }
        record(actor, "evaluation.open", cycle, before=None, after=after)
    return cycle


def do_enter_results(actor: User, cycle: Cycle, csv_text: str) -> int:
    """Store the verified part scores of the participants from a CSV; every bad row is refused, nothing saved.

    Columns: region_code, baseline, output, outcome, impact, quick_win, optional previous_total and
    verified (default true). The population is the one frozen when the cycle was opened.
    """
    _require_national_admin(actor)
    participants = {p.region.code: p for p in cycle.participants.select_related("region")}
    populations = {code: p.population for code, p in participants.items()}
    try:
        entries = read_results_csv(
            csv_text,
            participants.keys(),
            populations,
            unknown_code=gettext_noop("{code} is not a participant of this cycle"),
        )
    except EntriesError as exc:
        raise ValidationError({"upload": [problem.line(_) for problem in exc.problems]}) from None
    with transaction.atomic():
        lock_state(cycle, [Cycle.State.OPEN], field="state")
        for entry in entries:
            participant = participants[entry.region_code]
            before = _participant_snapshot(participant)
            participant.scores = {part: fraction_text(entry.parts[part]) for part in PARTS}
            previous = entry.previous_total
            participant.previous_total = "" if previous is None else fraction_text(previous)
            participant.verified = entry.verified
            participant.save(update_fields=["scores", "previous_total", "verified"])
            after = _participant_snapshot(participant)
            record(
                actor,
                "evaluation.results",
                participant,
                before=before,
                after=after,
                region=participant.region,
            )
    return len(entries)


def do_publish(actor: User, cycle: Cycle) -> Publication:
    """Rank the verified participants (with rank bands) and publish: immutable, with recipe and input hash."""
    _require_national_admin(actor)
    try:
        instrument = load_instrument(cycle.instrument)
        check_monev_instrument(instrument)
    except (InstrumentError, ValueError):
        raise ValidationError(
            _("The cycle's instrument %(id)s can no longer be read.") % {"id": cycle.instrument}
        ) from None
    if instrument_hash(instrument) != cycle.instrument_hash:
        raise ValidationError(
            _("The instrument %(id)s changed since the cycle was opened.") % {"id": cycle.instrument}
        )
    participants = list(cycle.participants.select_related("region"))
    entries = [_entry(p) for p in participants if p.scores]
    if not any(entry.verified for entry in entries):
        raise ValidationError(_("No verified results yet: enter the verified part scores first."))
    result = evaluate(entries, instrument, cycle.size_scheme, default_uncertainty(REPLICATIONS, cycle.year))
    recipe = result.recipe() | {"without_results": [p.region.code for p in participants if not p.scores]}
    bands = {
        code: {"q05": quantile_text(b.q05), "median": quantile_text(b.median), "q95": quantile_text(b.q95)}
        | {"robust": b.robust}
        for code, b in (result.bands or {}).items()
    }
    with transaction.atomic():
        locked = lock_state(cycle, [Cycle.State.OPEN], field="state")
        publication = Publication.objects.create(
            cycle=locked,
            published_by=actor,
            recipe=recipe,
            input_hash=result.input_hash,
            rows=result.rows(),
            bands=bands,
        )
        locked.state = Cycle.State.PUBLISHED
        locked.save(update_fields=["state"])
        record(
            actor,
            "evaluation.publish",
            locked,
            before={"state": "open"},
            after={"input_hash": result.input_hash},
        )
    return publication


def _entry(participant: Participant) -> Entry:
    previous = participant.previous_total
    return Entry(
        participant.region.code,
        participant.population,
        {part: to_fraction(participant.scores[part]) for part in PARTS},
        to_fraction(previous) if previous else None,
        participant.verified,
    )


def _participant_snapshot(participant: Participant) -> dict[str, Any]:
    return {
        "scores": dict(participant.scores),
        "previous_total": participant.previous_total,
        "verified": participant.verified,
    }
