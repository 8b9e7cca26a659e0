"""The SPBE alignment page of a region: the 47 indicators covered, the mapping, the Perkada as evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.assessment.access import get_assessment_in_region
from kotacerdas.evaluation import actions
from kotacerdas.evaluation.record import ratified_masterplan
from kotacerdas.evaluation.spbe import coverage, spbe_assessments
from kotacerdas.planning.access import can_edit_masterplan
from kotacerdas.planning.initiatives.actions import do_set_spbe_codes
from kotacerdas.planning.models import Initiative, Masterplan
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage, region_page

spbe_page = region_page(get_region_for_user, can_edit_masterplan)
ROADMAP_INDICATOR = "12"  # Peta Rencana SPBE: what a ratified masterplan most directly proves


class MappingForm(forms.Form):
    initiative = forms.ModelChoiceField(label=gettext_lazy("Initiative"), queryset=Initiative.objects.none())
    spbe_codes = forms.CharField(
        label=gettext_lazy("SPBE 2020 indicators"),
        required=False,
        help_text=gettext_lazy(
            "Indicator codes 1 to 47, separated by spaces or commas; empty removes the mapping."
        ),
    )

    def __init__(self, region: Region, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["initiative"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Initiative.objects.filter(region=region).order_by("code")


class AttachForm(forms.Form):
    indicator = forms.CharField(
        label=gettext_lazy("SPBE indicator"), initial=ROADMAP_INDICATOR, max_length=20
    )


def _codes(text: str) -> list[str]:
    return [code for code in text.replace(",", " ").split() if code]


@spbe_page
def spbe_coverage(page: RegionPage[Region]) -> HttpResponse:
    form = MappingForm(page.region, page.post)
    saved = page.save(
        form,
        lambda data: do_set_spbe_codes(page.user, data["initiative"], _codes(data["spbe_codes"])),
        done=lambda initiative: _("SPBE indicators of %(initiative)s saved.") % {"initiative": initiative},
        then=reverse("evaluation:spbe", args=[page.region.code]),
    )
    return saved or _render(page, form)


def _render(page: RegionPage[Region], form: MappingForm, attach: AttachForm | None = None) -> HttpResponse:
    rows = coverage(page.region)
    initiatives_exist = Initiative.objects.filter(region=page.region).exists()
    context = {
        "rows": rows,
        "covered": sum(1 for row in rows if row.initiatives),
        "form": form,
        "attach_form": attach or AttachForm(),
        "assessments": spbe_assessments(page.region),
        "masterplan": ratified_masterplan(page.region),
        # a region that starts from nothing is told where the rows come from and where to begin
        "initiatives_exist": initiatives_exist,
        "has_masterplan": initiatives_exist or Masterplan.objects.filter(region=page.region).exists(),
    }
    return page.render("evaluation/spbe.html", context, form, attach)


@spbe_page
def spbe_attach(page: RegionPage[Region], assessment_id: int) -> HttpResponse:
    assessment = get_assessment_in_region(page.region, assessment_id)
    if page.post is None:
        return redirect("evaluation:spbe", page.region.code)
    form = AttachForm(page.post)
    saved = page.save(
        form,
        lambda data: actions.do_attach_masterplan(page.user, assessment, data["indicator"].strip()),
        done=_("The ratified masterplan is attached to the SPBE self-assessment by reference."),
        then=reverse("evaluation:spbe", args=[page.region.code]),
    )
    return saved or _render(page, MappingForm(page.region), form)
