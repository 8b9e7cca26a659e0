"""Ayu's evaluation pages: the cycles, opening one, entering verified scores, publishing, the results."""

from __future__ import annotations

import csv
import io
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import national_admin_required
from kotacerdas.accounts.models import User
from kotacerdas.core.evaluation import PARTS
from kotacerdas.core.evaluation.evaluate import BAND_COLUMNS, RANK_COLUMNS, RANK_TEXT_COLUMNS
from kotacerdas.core.evaluation.letter import PART_LABELS
from kotacerdas.core.regions import size_scheme_from_dict
from kotacerdas.core.spreadsheet import csv_text
from kotacerdas.evaluation import actions
from kotacerdas.evaluation.access import cycle_page
from kotacerdas.evaluation.cycle_work import cycle_work
from kotacerdas.evaluation.forms import CycleForm, ResultsForm
from kotacerdas.evaluation.models import Cycle, Publication
from kotacerdas.evaluation.results_table import SIGNED, TEXT, columns, table_columns, table_rows
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import render_page, save_form


@national_admin_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    return render_page(request, "evaluation/cycle_list.html", {"cycles": Cycle.objects.all()})


@national_admin_required
def cycle_new(request: HttpRequest) -> HttpResponse:
    form = CycleForm(request.POST or None)
    actor = cast(User, request.user)  # national_admin_required: a signed-in admin

    def open_cycle(data: dict[str, Any]) -> Cycle:
        return actions.do_open_cycle(
            actor,
            year=data["year"],
            instrument=data["instrument"],
            scheme=data["scheme"],
            regions=form.regions(),
            self_assessment_until=data["self_assessment_until"],
            verification_until=data["verification_until"],
            publication_on=data["publication_on"],
        )

    return save_form(
        request,
        form,
        open_cycle,
        lambda cycle: _("Evaluation cycle %(year)d opened.") % {"year": cycle.year},
        then=lambda cycle: reverse("evaluation:cycle", args=[cycle.pk]),
    ) or render_page(request, "evaluation/cycle_new.html", {"form": form}, form)


def _cycle(page: ObjectPage[Cycle], results_form: ResultsForm | None = None) -> HttpResponse:
    cycle = page.obj
    scheme = size_scheme_from_dict(cycle.size_scheme)
    participants = [
        (p, scheme.classify(p.population), [p.scores.get(part, "") for part in PARTS])
        for p in cycle.participants.select_related("region", "assessment")
    ]
    work = cycle_work(cycle)  # the same jobs, swept, as the status API reads
    publication, job_active = work.publication, work.publishing
    table = table_columns(publication) if publication else columns()
    context = {
        "job": work.job,
        "book": work.book,
        "letter_job": work.letters,
        "job_active": job_active,
        "cycle": cycle,
        "scheme": cycle.size_scheme,
        "participants": participants,
        "publication": publication,
        "results": table_rows(publication) if publication else [],
        "result_columns": table,
        "numeric_columns": [i for i, c in enumerate(table, start=1) if c.kind != TEXT],
        "signed_columns": [i for i, c in enumerate(table, start=1) if c.kind == SIGNED],
        "part_labels": [PART_LABELS[part] for part in PARTS],
        "results_form": results_form or ResultsForm(),
        "scores_editable": page.can_edit and cycle.state == Cycle.State.OPEN and not job_active,
    }
    return page.render("evaluation/cycle_detail.html", context, results_form)


@cycle_page
def cycle_detail(page: ObjectPage[Cycle]) -> HttpResponse:
    return _cycle(page)


@cycle_page
def enter_results(page: ObjectPage[Cycle]) -> HttpResponse:
    form = ResultsForm(page.post, page.files)
    saved = page.save(
        form,
        lambda data: actions.do_enter_results(page.user, page.obj, data["upload"]),
        done=lambda count: _("%(count)d results saved.") % {"count": count},
        then=reverse("evaluation:cycle", args=[page.obj.pk]),
    )
    return saved or _cycle(page, form)


@cycle_page
def take_scores(page: ObjectPage[Cycle]) -> HttpResponse:
    page.run(
        lambda: actions.do_take_verified_scores(page.user, page.obj),
        done=_("The verified self-assessments' part scores are taken over."),
    )
    return redirect("evaluation:cycle", page.obj.pk)


@cycle_page
def publish(page: ObjectPage[Cycle]) -> HttpResponse:
    page.run(
        lambda: actions.do_request_publication(page.user, page.obj),
        done=_("The publication has started; this page shows its progress."),
    )
    return redirect("evaluation:cycle", page.obj.pk)


@cycle_page
def results_csv(page: ObjectPage[Cycle]) -> HttpResponse:
    publication = Publication.objects.filter(cycle=page.obj).first()
    rows = publication.rows if publication else []
    out = io.StringIO()
    if rows:
        # jsonb does not keep key order: the columns come in the CLI's documented order
        columns = [c for c in (*RANK_COLUMNS, *BAND_COLUMNS) if c in rows[0]]
        writer = csv.DictWriter(out, fieldnames=columns)
        writer.writeheader()
        # text through csv_text, so a spreadsheet never runs it; the numbers stay numbers ("-0.23")
        writer.writerows(
            {k: csv_text(v) if k in RANK_TEXT_COLUMNS else v for k, v in row.items()} for row in rows
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evaluasi-{page.obj.year}-peringkat.csv"'
    return response
