"""Ayu's composite-index pages: the runs, a new run (input + recipe), a run's results, its XLSX,
and regenerating it from its recipe."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import national_admin_required
from kotacerdas.accounts.models import User
from kotacerdas.evaluation import index_actions
from kotacerdas.evaluation.downloads import XLSX, attachment
from kotacerdas.evaluation.index_access import index_run_page, listed, visible_index_runs
from kotacerdas.evaluation.index_charts import rank_chart, sobol_chart
from kotacerdas.evaluation.index_export import result_rows, results_xlsx
from kotacerdas.evaluation.index_forms import IndexRunForm
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import analysis, recipe_file
from kotacerdas.jobs.liveness import sweep
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import render_page, save_form


@national_admin_required
def index_runs(request: HttpRequest) -> HttpResponse:
    sweep(IndexRun)  # a run whose worker died is failed, not "running" for ever
    runs = listed(visible_index_runs(request.user))
    return render_page(request, "evaluation/index/run_list.html", {"runs": runs})


@national_admin_required
def index_run_new(request: HttpRequest) -> HttpResponse:
    form = IndexRunForm(
        request.POST or None, request.FILES or None, initial={"source": IndexRun.Source.UPLOAD}
    )
    actor = cast(User, request.user)  # national_admin_required: a signed-in admin

    def create(data: dict[str, Any]) -> IndexRun:
        upload = data["source"] == IndexRun.Source.UPLOAD
        return index_actions.do_create_index_run(
            actor,
            title=data["title"],
            choices=form.choices(),
            data=data["data_file"] if upload else None,
            meta=data["meta_file"] if upload else None,
            cycle=None if upload else data["cycle"],
        )

    return save_form(
        request,
        form,
        create,
        _("The index run has started; this page shows its progress."),
        then=lambda run: reverse("evaluation:index_run", args=[run.pk]),
    ) or render_page(request, "evaluation/index/run_new.html", {"form": form}, form)


@index_run_page
def index_run(page: ObjectPage[IndexRun]) -> HttpResponse:
    sweep(IndexRun, pk=page.obj.pk)
    run = IndexRun.objects.select_related("cycle", "regenerated_from").get(pk=page.obj.pk)
    results = run.results if run.status == IndexRun.Status.DONE else {}
    names = dict(zip(results.get("units", []), results.get("names", []), strict=False))
    context = {
        "run": run,
        "analysis": analysis(run.recipe),
        "recipe_text": recipe_file(run.recipe),
        "rows": result_rows(results) if results else [],
        "rank_chart": rank_chart(results["rank_stats"], names) if results.get("rank_stats") else None,
        "sobol_chart": sobol_chart(results["sensitivity"]) if results.get("sensitivity") else None,
        "regenerations": list(run.regenerations.all()),
    }
    return page.render("evaluation/index/run_detail.html", context)


@index_run_page
def index_run_xlsx(page: ObjectPage[IndexRun]) -> HttpResponse:
    if page.request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    run = page.obj
    if run.status != IndexRun.Status.DONE:
        return redirect("evaluation:index_run", run.pk)
    return attachment(results_xlsx(run), f"indeks-{run.pk}-hasil.xlsx", XLSX)


@index_run_page
def index_run_regenerate(page: ObjectPage[IndexRun]) -> HttpResponse:
    if page.request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    new = page.run(
        lambda: index_actions.do_regenerate_index_run(page.user, page.obj),
        done=_("The run is being regenerated from its recipe; this page shows its progress."),
    )
    return redirect("evaluation:index_run", new.pk if isinstance(new, IndexRun) else page.obj.pk)
