"""Ayu's writes on an evaluation cycle: open it, enter the verified part scores, publish it.

Each action: check permission → validate → change in one transaction → audit. A refused input
(a bad scores file, an unknown region, a cycle already published) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.evaluation import PARTS, EntriesError, read_results_csv
from kotacerdas.core.instruments import available_instruments, instrument_hash, load_instrument
from kotacerdas.core.instruments.numbers import fraction_text
from kotacerdas.core.regions import available_size_schemes, load_size_scheme, size_scheme_to_dict
from kotacerdas.evaluation.models import Cycle, Participant, Publication, PublishJob
from kotacerdas.evaluation.publishing import publish, publishable, require_national_admin
from kotacerdas.evaluation.tasks import publish_cycle
from kotacerdas.regions.models import Region


def monev_instruments() -> list[str]:
    return [name for name in available_instruments() if name.startswith("monev-")]


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
    require_national_admin(actor)
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
    require_national_admin(actor)
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


def do_request_publication(actor: User, cycle: Cycle) -> PublishJob:
    """Queue the publication of a cycle as a background job (its page shows the progress)."""
    require_national_admin(actor)
    publishable(cycle)  # refuse at once what the job would refuse
    with transaction.atomic():
        lock_state(cycle, [Cycle.State.OPEN], field="state")
        active = [PublishJob.Status.QUEUED, PublishJob.Status.RUNNING]
        if PublishJob.objects.filter(cycle=cycle, status__in=active).exists():
            raise ValidationError(_("The publication of this cycle is already under way."))
        job = PublishJob.objects.create(cycle=cycle, requested_by=actor)
        record(actor, "evaluation.publish_requested", job, before=None, after={"cycle": cycle.year})
        transaction.on_commit(lambda: publish_cycle.enqueue(job.pk))
    return job


def do_publish(actor: User, cycle: Cycle, on_progress: Callable[[int], None] | None = None) -> Publication:
    """Publish at once, in this process (the demo, and the job's own work): see publishing.publish."""
    return publish(actor, cycle, on_progress)


def _participant_snapshot(participant: Participant) -> dict[str, Any]:
    return {
        "scores": dict(participant.scores),
        "previous_total": participant.previous_total,
        "verified": participant.verified,
    }
