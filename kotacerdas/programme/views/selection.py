"""Ayu's selection pages: the ranking with its overrides, the decision, and its exports (XLSX, print)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from kotacerdas.core.spreadsheet import append_row
from kotacerdas.programme import board
from kotacerdas.programme.access import cohort_page, post_only
from kotacerdas.programme.actions import selection as actions
from kotacerdas.programme.forms import OverrideForm
from kotacerdas.programme.models import Cohort
from kotacerdas.programme.ranking import shown_ranking
from kotacerdas.programme.selection_recipe import recipe_rows, shown_recipe
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import FAILED
from kotacerdas.web.uploads import CONTENT_TYPES


def _selection(page: ObjectPage[Cohort], override_form: OverrideForm | None = None) -> HttpResponse:
    entries, recipe, saved = shown_ranking(page.obj)
    context = {
        "cohort": page.obj,
        "entries": entries,
        "recipe": shown_recipe(recipe),
        "saved": saved,
        "selected_count": sum(1 for e in entries if e["selected"]),
        "override_form": override_form or OverrideForm(cohort=page.obj),
    }
    return page.render("programme/selection.html", context, override_form)


@cohort_page
def selection(page: ObjectPage[Cohort]) -> HttpResponse:
    return _selection(page)


@cohort_page
@post_only
def override(page: ObjectPage[Cohort]) -> HttpResponse:
    form = OverrideForm(page.post, cohort=page.obj)
    return page.save(
        form,
        lambda data: actions.do_set_override(
            page.user, data["candidacy"], decision=data["decision"], reason=data["reason"]
        ),
        lambda _row: (
            _("Override recorded for %(region)s.") % {"region": form.cleaned_data["candidacy"].region}
        ),
        then=reverse("programme:selection", args=[page.obj.pk]),
    ) or _selection(page, form)


@cohort_page
@post_only
def select(page: ObjectPage[Cohort]) -> HttpResponse:
    ranking = page.run(
        lambda: actions.do_select(page.user, page.obj),
        lambda saved: (
            _("Selection saved: %(n)d region(s) selected.")
            % {"n": sum(1 for e in saved.entries if e["selected"])}
        ),
    )
    if ranking is FAILED:  # the reason is flashed above the ranking it is about
        return _selection(page)
    return redirect("programme:selection", cohort_id=page.obj.pk)


def _entry_note(entry: dict[str, Any]) -> str:
    notes = []
    if entry["override"]:
        label = _("included by override") if entry["override"] == "include" else _("excluded by override")
        notes.append(f"{label}: {entry['override_reason']}")
    if entry["tie_at_cutoff"]:
        notes.append(_("tie at the cut-off"))
    elif entry["tied_with"]:
        notes.append(_("tied"))
    if entry["borderline"]:
        notes.append(_("borderline"))
    return "; ".join(notes)


@cohort_page
def selection_xlsx(page: ObjectPage[Cohort]) -> HttpResponse:
    cohort = page.obj
    entries, recipe, _saved = shown_ranking(cohort)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Ranking")[:31]
    append_row(sheet, [_("Rank"), _("Code"), _("Region"), _("Verified score"), _("Selected"), _("Notes")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for e in entries:
        append_row(
            sheet,
            [
                e["rank"],
                e["code"],
                e["name"],
                float(e["score"]) if e["score"] is not None else None,
                _("yes") if e["selected"] else _("no"),
                _entry_note(e),
            ],
        )
    info = book.create_sheet(_("Recipe")[:31])
    append_row(info, [_("Item"), _("Value")])
    info["A1"].font = info["B1"].font = Font(bold=True)
    for label, value in recipe_rows(recipe):
        append_row(info, [label, value])
    buffer = BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=CONTENT_TYPES["xlsx"])
    response["Content-Disposition"] = f'attachment; filename="seleksi-{cohort.year}.xlsx"'
    return response


@cohort_page
def selection_print(page: ObjectPage[Cohort]) -> HttpResponse:
    entries, recipe, saved = shown_ranking(page.obj)
    rows = [(e, _entry_note(e)) for e in entries]
    context = {
        "cohort": page.obj,
        "rows": rows,
        "recipe": shown_recipe(recipe),
        "saved": saved,
        "today": board.today(),
    }
    return page.render("programme/selection_print.html", context)
