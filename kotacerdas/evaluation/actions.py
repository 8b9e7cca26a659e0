"""Ayu's writes on an evaluation cycle: open it, enter the verified part scores, publish it.

Each action: check permission → validate → change in one transaction → audit. A refused input
(a bad scores file, an unknown region, a cycle already published) changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment.access import EDITABLE_ASSESSMENT_STATES, is_coordinator
from kotacerdas.assessment.actions.common import require_not_closed
from kotacerdas.assessment.models import Assessment, Result, State
from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.evaluation import PARTS, EntriesError, Entry, RowProblem, read_results_csv
from kotacerdas.core.evaluation.entries import Msg
from kotacerdas.core.evaluation.letter import score_text
from kotacerdas.core.instruments import available_instruments, instrument_hash, load_instrument
from kotacerdas.core.instruments.numbers import fraction_text, to_fraction
from kotacerdas.core.regions import available_size_schemes, load_size_scheme, size_scheme_to_dict
from kotacerdas.evaluation.letter_pdfs import queue_letter_pdfs
from kotacerdas.evaluation.models import (
    Cycle,
    EvidenceLink,
    LetterJob,
    Participant,
    Publication,
    PublishJob,
    ResultsBook,
)
from kotacerdas.evaluation.publishing import publish, publishable, require_national_admin
from kotacerdas.evaluation.record import published_totals, ratified_masterplan
from kotacerdas.evaluation.selfassessment import start_self_assessment
from kotacerdas.evaluation.tasks import build_results_book, publish_cycle
from kotacerdas.planning.initiatives.spbe import SPBE_INSTRUMENT, spbe_codes
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
        for region in participants:
            participant = Participant.objects.create(
                cycle=cycle, region=region, population=region.population or 0
            )
            start_self_assessment(actor, cycle, participant)
        after = {
            "year": year,
            "instrument": loaded.id,
            "scheme": scheme,
            "regions": [r.code for r in participants],
        }
        record(actor, "evaluation.open", cycle, before=None, after=after)
    return cycle


PREVIOUS_DIFFERS = gettext_noop(
    "previous_total {value} differs from the total published for {year} ({total}): leave it empty"
)


def require_open(cycle: Cycle) -> None:
    """A published cycle (or one being published) takes no more scores, from any path."""
    if cycle.state != Cycle.State.OPEN:
        raise ValidationError(_("This cycle is already published; its results can no longer be changed."))
    active = [PublishJob.Status.QUEUED, PublishJob.Status.RUNNING]
    if PublishJob.objects.filter(cycle=cycle, status__in=active).exists():
        raise ValidationError(
            _("The publication of this cycle is under way; its results can no longer be changed.")
        )


def do_enter_results(actor: User, cycle: Cycle, csv_text: str) -> int:
    """Store the verified part scores of the participants from a CSV; every bad row is refused, nothing saved.

    Columns: region_code, baseline, output, outcome, impact, quick_win, optional previous_total and
    verified (default true). The population is the one frozen when the cycle was opened. The previous
    total is the region's published result of the year before when there is one (as when the scores
    are taken from the verified self-assessments); a ``previous_total`` that differs from it is
    refused. Only a region without a published previous result takes the column's value.
    """
    require_national_admin(actor)
    require_open(cycle)
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
    published = published_totals(cycle.year - 1)
    _check_previous_totals(entries, published, cycle.year - 1)
    with transaction.atomic():
        lock_state(cycle, [Cycle.State.OPEN], field="state")
        for entry in entries:
            participant = participants[entry.region_code]
            before = _participant_snapshot(participant)
            participant.scores = {part: fraction_text(entry.parts[part]) for part in PARTS}
            previous = published.get(entry.region_code, entry.previous_total)
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


def _check_previous_totals(entries: list[Entry], published: dict[str, Fraction], year: int) -> None:
    """Refuse the rows whose previous_total contradicts the published result (never overwrite silently)."""
    problems = [
        RowProblem(
            row,
            entry.region_code,
            (
                Msg(
                    PREVIOUS_DIFFERS,
                    value=score_text(fraction_text(entry.previous_total)),
                    year=year,
                    total=score_text(fraction_text(published[entry.region_code])),
                ),
            ),
        )
        for row, entry in enumerate(entries, start=2)  # every row was read: entry i is line i + 2
        if entry.previous_total is not None
        and entry.region_code in published
        and entry.previous_total != published[entry.region_code]
    ]
    if problems:
        raise ValidationError({"upload": [problem.line(_) for problem in problems]})


def do_take_verified_scores(actor: User, cycle: Cycle) -> int:
    """Copy the part scores of every *verified* self-assessment of the cycle into its participants.

    The other path to the scores besides the CSV: what Tono verified (with his adjustments) is the
    region's result. Participants whose assessment is not verified yet are left as they are; when
    none is verified, nothing changes and Ayu is told so.
    """
    require_national_admin(actor)
    require_open(cycle)
    participants = list(cycle.participants.select_related("region", "assessment"))
    verified = [(p, latest_verified(p.assessment)) for p in participants if p.assessment is not None]
    ready = [(p, result) for p, result in verified if result is not None]
    if not ready:
        raise ValidationError(_("No self-assessment of this cycle is verified yet."))
    published = published_totals(cycle.year - 1)
    with transaction.atomic():
        lock_state(cycle, [Cycle.State.OPEN], field="state")
        for participant, result in ready:
            before = _participant_snapshot(participant)
            participant.scores = {part: fraction_text(to_fraction(result.answers[part])) for part in PARTS}
            previous = published.get(participant.region.code)  # else a value entered from a CSV stays
            if previous is not None:
                participant.previous_total = fraction_text(previous)
            participant.verified = True
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
    return len(ready)


def latest_verified(assessment: Assessment | None) -> Result | None:
    """The assessment's verified result with every part answered; None while it is not verified."""
    if assessment is None or assessment.state != State.VERIFIED:
        return None
    result = assessment.results.filter(kind=Result.Kind.VERIFIED).first()
    if result is None or any(part not in result.answers for part in PARTS):
        return None
    return result


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


def do_request_results_book(actor: User, cycle: Cycle) -> ResultsBook:
    """Queue the national results book of the cycle's publication (built once, in the background)."""
    require_national_admin(actor)
    publication = Publication.objects.filter(cycle=cycle).first()
    if publication is None:
        raise ValidationError(_("The results book is made from the publication: publish the cycle first."))
    with transaction.atomic():
        book = ResultsBook.objects.select_for_update().filter(publication=publication).first()
        if book is not None and book.status != ResultsBook.Status.FAILED:
            raise ValidationError(_("The results book of this cycle is already built or under way."))
        if book is None:
            book = ResultsBook.objects.create(publication=publication, requested_by=actor)
        else:  # a failed build is tried again
            book.status, book.progress, book.message, book.requested_by = (
                ResultsBook.Status.QUEUED,
                0,
                "",
                actor,
            )
            book.save(update_fields=["status", "progress", "message", "requested_by"])
        record(actor, "evaluation.book_requested", book, before=None, after={"cycle": cycle.year})
        transaction.on_commit(lambda: build_results_book.enqueue(book.pk))
    return book


def do_publish(
    actor: User,
    cycle: Cycle,
    on_progress: Callable[[int], None] | None = None,
    *,
    prepare_letters: bool = True,
) -> Publication:
    """Publish at once, in this process (the demo, and the job's own work): see publishing.publish."""
    return publish(actor, cycle, on_progress, prepare_letters=prepare_letters)


def do_prepare_letter_pdfs(actor: User, cycle: Cycle) -> LetterJob:
    """Ayu queues again the job preparing the PDFs of the cycle's result letters (after it failed)."""
    require_national_admin(actor)
    publication = Publication.objects.filter(cycle=cycle).first()
    if publication is None:
        raise ValidationError(_("The result letters are made from the publication: publish the cycle first."))
    if not queue_letter_pdfs(publication, actor):
        raise ValidationError(_("The letters' PDFs are being prepared already."))
    return LetterJob.objects.get(publication=publication)


def _participant_snapshot(participant: Participant) -> dict[str, Any]:
    return {
        "scores": dict(participant.scores),
        "previous_total": participant.previous_total,
        "verified": participant.verified,
    }


def do_attach_masterplan(actor: User, assessment: Assessment, indicator: str) -> EvidenceLink:
    """Attach the ratified masterplan (its Perkada and books) to an SPBE answer, by reference."""
    if not is_coordinator(actor, assessment):
        raise ActionNotAllowed(_("Only the coordinator of this region may do this."))
    if assessment.instrument_id != SPBE_INSTRUMENT:
        raise ValidationError(_("This is not an SPBE self-assessment."))
    require_not_closed(assessment)
    if assessment.state not in EDITABLE_ASSESSMENT_STATES:
        raise ValidationError(_("This assessment is submitted or verified; it takes no more evidence."))
    if indicator not in spbe_codes():
        message = _("Unknown SPBE 2020 indicator code(s): %(codes)s (the codes are 1 to %(last)s).")
        raise ValidationError({"indicator": message % {"codes": indicator[:20], "last": spbe_codes()[-1]}})
    version = ratified_masterplan(assessment.region)
    if version is None:
        raise ValidationError(_("The region has no ratified masterplan (Perkada) to attach yet."))
    url = reverse("documents:version", args=[assessment.region.code, version.number])
    if EvidenceLink.objects.filter(assessment=assessment, indicator=indicator, url=url).exists():
        raise ValidationError(_("The ratified masterplan is already attached to this indicator."))
    with transaction.atomic():
        link = EvidenceLink.objects.create(
            assessment=assessment,
            indicator=indicator,
            kind=EvidenceLink.Kind.EVIDENCE,
            label=(_("Ratified masterplan (Perkada %(number)s)") % {"number": version.perkada_number})[:200],
            url=url,
            added_by=actor,
        )
        after = {"indicator": indicator, "url": url}
        record(actor, "evaluation.spbe_attach", link, before=None, after=after, region=assessment.region)
    return link
