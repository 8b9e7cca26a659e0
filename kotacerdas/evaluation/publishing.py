"""Publishing a cycle: rank the verified participants with rank bands, store it once, immutable.

In the same transaction every participant's self-assessment that is not verified by then (draft,
returned, submitted, in review) is closed (selfassessment.close_unverified): publication is never
refused for them, as it is not for participants without verified scores (they are listed in the
recipe's ``without_results`` or published as not verified).

Called by the background job (tasks.publish_cycle) and by actions.do_publish; the permission is
checked here too, so neither path can publish for someone who may not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.evaluation import PARTS, Entry, default_uncertainty, evaluate
from kotacerdas.core.evaluation.dimensions import dimension_scores, frozen_scores
from kotacerdas.core.evaluation.evaluate import quantile_text
from kotacerdas.core.evaluation.ranking import check_monev_instrument
from kotacerdas.core.instruments import Instrument, InstrumentError, instrument_hash, load_instrument
from kotacerdas.core.instruments.numbers import fraction_text, to_fraction
from kotacerdas.evaluation.letter_pdfs import queue_letter_pdfs
from kotacerdas.evaluation.models import Cycle, Participant, Publication
from kotacerdas.evaluation.record import dimension_counts, published_totals
from kotacerdas.evaluation.selfassessment import close_unverified
from kotacerdas.planning.reference import dimensions

REPLICATIONS = 1000  # rank bands of a publication; the seed is the cycle's year


def require_national_admin(actor: User) -> None:
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may do this."))


def publish(
    actor: User,
    cycle: Cycle,
    on_progress: Callable[[int], None] | None = None,
    *,
    prepare_letters: bool = True,
) -> Publication:
    """Rank the verified participants (with rank bands) and publish: immutable, with recipe and input hash.

    With ``prepare_letters`` the job preparing every result letter's PDF is queued with it (it starts
    when the publication commits); without, the first PDF download queues it.
    """
    require_national_admin(actor)
    instrument, participants = publishable(cycle)
    with_published_previous_totals(participants, cycle.year)
    entries = [_entry(p) for p in participants if p.scores]
    result = evaluate(entries, instrument, cycle.size_scheme, default_uncertainty(REPLICATIONS, cycle.year))
    if on_progress is not None:
        on_progress(80)
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
            inputs=published_inputs(participants, cycle.year),
        )
        locked.state = Cycle.State.PUBLISHED
        locked.save(update_fields=["state"])
        # the results are out: a self-assessment not verified by now asks nothing more of anyone
        published_on = timezone.localdate(publication.published_at)
        close_unverified(actor, locked, participants, published_on)  # each with its own audit entry
        after = {"input_hash": result.input_hash}
        record(actor, "evaluation.publish", locked, before={"state": "open"}, after=after)
        if prepare_letters:
            queue_letter_pdfs(publication, actor)
    return publication


def publishable(cycle: Cycle) -> tuple[Instrument, list[Participant]]:
    """The cycle's instrument (unchanged since opening) and participants, or why it cannot be published."""
    if cycle.state != Cycle.State.OPEN:
        raise ValidationError(_("This cycle is already published."))
    try:
        instrument = load_instrument(cycle.instrument)
        check_monev_instrument(instrument)
    except (InstrumentError, ValueError):
        message = _("The cycle's instrument %(id)s can no longer be read.")
        raise ValidationError(message % {"id": cycle.instrument}) from None
    if instrument_hash(instrument) != cycle.instrument_hash:
        message = _("The instrument %(id)s changed since the cycle was opened.")
        raise ValidationError(message % {"id": cycle.instrument})
    participants = list(cycle.participants.select_related("region"))
    if not any(p.scores and p.verified for p in participants):
        raise ValidationError(_("No verified results yet: enter the verified part scores first."))
    return instrument, participants


def with_published_previous_totals(participants: list[Participant], year: int) -> None:
    """Each participant's previous total is its published result of ``year - 1`` when there is one
    (in memory, for the publication): the improvement never depends on the path the scores took or
    on the order the two cycles were entered in."""
    published = published_totals(year - 1)
    for participant in participants:
        if participant.region.code in published:
            participant.previous_total = fraction_text(published[participant.region.code])


def published_inputs(participants: list[Participant], year: int) -> dict[str, dict[str, Any]]:
    """What each result letter shows besides the ranks, frozen with the publication.

    ``dimensions`` (code → exact score, "" when nothing was planned) is derived from the record as
    it stands now and never read from it again: a later monitoring edit leaves the result alone.
    """
    codes = [code for code, _label in dimensions()]
    return {
        p.region.code: {
            "parts": {part: p.scores[part] for part in PARTS},
            "previous_total": p.previous_total,
            "population": p.population,
            "verified": p.verified,
            "dimensions": frozen_scores(dimension_scores(dimension_counts(p.region, year), codes)),
        }
        for p in participants
        if p.scores
    }


def _entry(participant: Participant) -> Entry:
    previous = participant.previous_total
    return Entry(
        participant.region.code,
        participant.population,
        {part: to_fraction(participant.scores[part]) for part in PARTS},
        to_fraction(previous) if previous else None,
        participant.verified,
    )
