"""The monev self-assessment a cycle starts for each participant, pre-filled from the record.

The evaluation reuses the assessment workflow as it is: the cycle starts an assessment of the
cycle's monev instrument for each region (assessment.do_start_assessment), saves the record's value
of each part as a draft answer whose explanation says where it comes from (assessment.do_save_answer),
and attaches the sources and the evidence already in kotacerdas as links (EvidenceLink). Budi reviews,
changes and submits in the assessment pages; Tono verifies there, with interview notes and reasoned
adjustments; actions.do_take_verified_scores copies the verified part scores into the cycle.
When the cycle is published, every self-assessment of it that is not verified by then is closed
(close_unverified): the results are out, so it asks nothing more of anyone and takes no more changes.
Its reason is kept as facts (the cycle, the day of publication) and worded in the reader's language.
"""

from __future__ import annotations

import datetime

from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.assessment.access import CLOSABLE_ASSESSMENT_STATES
from kotacerdas.assessment.actions.answering import do_save_answer, do_start_assessment
from kotacerdas.assessment.actions.closing import do_close
from kotacerdas.assessment.models import Assessment
from kotacerdas.audit import reasons
from kotacerdas.audit.log import record
from kotacerdas.core.evaluation.prefill import PartPrefill
from kotacerdas.core.instruments.numbers import fraction_text
from kotacerdas.evaluation.models import Cycle, EvidenceLink, Participant
from kotacerdas.evaluation.record import prefill


def explanation(part: PartPrefill) -> str:
    """The answer's explanation: the note, then each source and piece of evidence with its link."""
    lines = [part.note]
    lines += [_("Source: %(label)s (%(url)s)") % {"label": label, "url": url} for label, url in part.sources]
    lines += [
        _("Evidence: %(label)s (%(url)s)") % {"label": label, "url": url} for label, url in part.evidence
    ]
    return "\n".join(lines)


def start_self_assessment(actor: User, cycle: Cycle, participant: Participant) -> Assessment:
    """Start the participant's monev assessment with every part pre-filled (call inside a transaction)."""
    region = participant.region
    with translation.override("id"):  # stored text: Indonesian first, whoever opens the cycle
        title = _("Smart city evaluation %(year)d (self-assessment)") % {"year": cycle.year}
        assessment = do_start_assessment(
            actor, region, instrument_id=cycle.instrument, title=title, deadline=cycle.self_assessment_until
        )
        parts = prefill(region, cycle.year)
        for part in parts:
            value = "" if part.value is None else fraction_text(part.value)
            do_save_answer(actor, assessment, part.part, value=value, explanation=explanation(part))
    links = [
        EvidenceLink(
            assessment=assessment, indicator=part.part, kind=kind, label=label[:200], url=url, added_by=actor
        )
        for part in parts
        for kind, items in (
            (EvidenceLink.Kind.SOURCE, part.sources),
            (EvidenceLink.Kind.EVIDENCE, part.evidence),
        )
        for url, label in _by_url(items).items()
    ]
    EvidenceLink.objects.bulk_create(links)
    participant.assessment = assessment
    participant.save(update_fields=["assessment"])
    after = {part.part: None if part.value is None else fraction_text(part.value) for part in parts}
    record(actor, "evaluation.prefill", assessment, before=None, after=after, region=region)
    return assessment


def _by_url(items: list[tuple[str, str]]) -> dict[str, str]:
    """URL → label, each URL once (a link is unique per answer)."""
    return {url: label for label, url in reversed(items)}


def close_unverified(
    actor: User, cycle: Cycle, participants: list[Participant], published_on: datetime.date
) -> list[str]:
    """Close each participant's self-assessment that is not verified at publication (call inside the
    publishing transaction): a draft or returned one was never submitted in time, a submitted or
    in-review one was not verified in time; either way the published result does not rest on it.
    Returns the codes of the regions whose self-assessment was closed."""
    # the facts, not a sentence: each reader gets it in their language (banner, refusal, history, log)
    reason = reasons.cycle_published(cycle=cycle.pk, year=cycle.year, published_on=published_on)
    by_assessment = {p.assessment_id: p for p in participants if p.assessment_id is not None}
    # locked and read now, in the publishing transaction: a review finished meanwhile is seen verified
    locked = Assessment.objects.select_for_update().filter(pk__in=by_assessment).order_by("pk")
    closed = []
    for assessment in locked:
        if assessment.state not in CLOSABLE_ASSESSMENT_STATES:
            continue
        participant = by_assessment[assessment.pk]
        assessment.region = participant.region
        do_close(actor, assessment, reason=reason)
        closed.append(participant.region.code)
    return sorted(closed)
