"""Ayu's writes on composite-index runs: create one (from an upload or a published cycle), regenerate one.

Each action: check permission → validate (the tables with every problem named, the recipe by
building the nominal index once) → create the run in one transaction → audit → queue the job. A
refused input saves nothing. The job (index_tasks.run_index) computes and freezes the results.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.core.evaluation import PARTS
from kotacerdas.core.index import CompositeIndexError
from kotacerdas.evaluation.index_compute import check_recipe
from kotacerdas.evaluation.index_inputs import (
    Table,
    check_tables,
    tables_from_publication,
    tables_from_uploads,
    tables_hash,
)
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import analysis, recipe_data
from kotacerdas.evaluation.models import Cycle, Publication
from kotacerdas.evaluation.publishing import require_national_admin
from kotacerdas.regions.models import Region

MAX_REPLICATIONS = 5000


def cycle_tables(cycle: Cycle) -> dict[str, Table]:
    """A published cycle's verified results as iData/iMeta (the part scores as indicators)."""
    publication = Publication.objects.filter(cycle=cycle).first()
    if publication is None:
        raise ValidationError({"cycle": _("Choose a published evaluation cycle.")})
    codes = [row["region_code"] for row in publication.rows]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    weights = publication.recipe["instrument"]["weights"]
    return tables_from_publication(publication.rows, publication.inputs, weights, names, PARTS)


def _check_choices(choices: Mapping[str, Any], codes: tuple[str, ...]) -> None:
    errors: dict[str, list[str]] = {}
    if choices["weights"] == "custom":
        custom = dict(choices.get("custom_weights") or {})
        unknown = sorted(set(custom) - set(codes))
        if not custom:
            errors["custom_weights"] = [_("Give at least one weight as “iCode = weight”.")]
        elif unknown:
            message = _("Unknown iCode(s) in the custom weights: %(codes)s.") % {"codes": ", ".join(unknown)}
            errors["custom_weights"] = [message]
    inputs = sum(bool(choices.get(k)) for k in ("weight_noise", "alt_normalise", "alt_aggregate"))
    replications = int(choices.get("replications") or 0)
    if inputs and not 2 <= replications <= MAX_REPLICATIONS:
        message = _("The number of replications must be between 2 and %(max)d.") % {"max": MAX_REPLICATIONS}
        errors["replications"] = [message]
    if choices.get("sensitivity") and inputs < 2:
        errors["sensitivity"] = [_("The sensitivity analysis needs at least two uncertain assumptions.")]
    if errors:
        raise ValidationError(errors)


def do_create_index_run(
    actor: User,
    *,
    title: str,
    choices: Mapping[str, Any],
    data: Any = None,
    meta: Any = None,
    cycle: Cycle | None = None,
    note: str = "",
    in_background: bool = True,
) -> IndexRun:
    """Validate the dataset and the recipe, store the run and queue its computation.

    ``in_background=False`` (the demo) leaves it queued for ``index_tasks.run_in_process``."""
    require_national_admin(actor)
    if cycle is not None:
        tables, source_sha256, source = cycle_tables(cycle), "", IndexRun.Source.CYCLE
    elif data is not None:
        tables, source_sha256 = tables_from_uploads(data, meta)
        source = IndexRun.Source.UPLOAD
    else:
        raise ValidationError({"data_file": _("Upload a dataset or choose a published evaluation cycle.")})
    framework, _dataset = check_tables(tables)
    _check_choices(choices, framework.all_codes)
    try:
        stored = recipe_data(choices, framework)
        check_recipe(tables, stored)
    except CompositeIndexError as error:
        raise ValidationError(
            _("The index cannot be built with this recipe: %(error)s") % {"error": error}
        ) from None
    return _create(
        actor,
        title=title,
        source=source,
        cycle=cycle,
        tables=tables,
        source_sha256=source_sha256,
        stored=stored,
        note=note,
        in_background=in_background,
    )


def do_regenerate_index_run(actor: User, run: IndexRun) -> IndexRun:
    """A new run of the stored recipe on the stored input; the original stays as it is."""
    require_national_admin(actor)
    if tables_hash(run.tables) != run.input_hash:  # the stored input was changed behind the app's back
        raise ValidationError(_("The stored input of this run no longer matches its hash."))
    return _create(
        actor,
        title=run.title,
        source=run.source,
        cycle=run.cycle,
        tables=run.tables,
        source_sha256=run.source_sha256,
        stored=run.recipe,
        regenerated_from=run,
        note=run.note,
    )


def _create(
    actor: User,
    *,
    tables: Mapping[str, Table],
    stored: Mapping[str, Any],
    in_background: bool = True,
    **fields: Any,
) -> IndexRun:
    from kotacerdas.evaluation.index_tasks import run_index  # the task module imports the models

    with transaction.atomic():
        run = IndexRun.objects.create(
            tables=dict(tables),
            input_hash=tables_hash(tables),
            recipe=dict(stored),
            created_by=actor,
            **fields,
        )
        after = {
            "title": run.title,
            "source": run.source,
            "input_hash": run.input_hash,
            "analysis": analysis(stored),
            "regenerated_from": fields.get("regenerated_from") and fields["regenerated_from"].pk,
        }
        record(actor, "evaluation.index_run", run, before=None, after=after)
        if in_background:
            transaction.on_commit(lambda: run_index.enqueue(run.pk))
    return run
