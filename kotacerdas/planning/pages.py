"""The planning pages' decorators, built on the shared page layer (``kotacerdas.web.pages``).

- ``masterplan_page`` (in ``access``): every masterplan page. The region through its access getter
  (404 for others); a member without the edit right gets 403 on POST before the view runs.
- ``needs_masterplan``: a page about something that hangs on the masterplan period. Without a
  period the person is sent to the profile with a note; otherwise the view receives the masterplan.
- ``editors_only``: a page that is nothing but a form (weights, scores, the initiative form, the
  import) is refused on GET too for a member without the edit right.
- ``post_only``: a button's target (start a run, pin, choose a Quick Win): 405 on GET, after the
  region check, as ``delete_view`` does.

Usage::

    @needs_masterplan
    @editors_only
    def scores(page: RegionPage[Region], masterplan: Masterplan) -> HttpResponse: ...
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Concatenate, ParamSpec

from django.contrib import messages
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kotacerdas.planning.access import masterplan_of, masterplan_page
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import PageView, RegionPage

P = ParamSpec("P")
Page = RegionPage[Region]
PageFunction = Callable[Concatenate[Page, P], HttpResponse]
PlanFunction = Callable[Concatenate[Page, Masterplan, P], HttpResponse]


def to_profile(page: Page) -> HttpResponse:
    """No masterplan period yet: everything else of the plan starts from the profile."""
    messages.info(page.request, _("Fill in the region profile and the masterplan period first."))
    return redirect("planning:profile", code=page.region.code)


def needs_masterplan(view: PlanFunction[P]) -> PageView:
    @masterplan_page
    @wraps(view)
    def with_masterplan(page: Page, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        masterplan = masterplan_of(page.region)
        if masterplan is None:
            return to_profile(page)
        return view(page, masterplan, *args, **kwargs)

    return with_masterplan


def editors_only(view: PageFunction[P]) -> PageFunction[P]:
    @wraps(view)
    def for_editors(page: Page, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not page.can_edit:
            return page.forbidden()
        return view(page, *args, **kwargs)

    return for_editors


def post_only(view: PageFunction[P]) -> PageFunction[P]:
    @wraps(view)
    def on_post(page: Page, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if page.request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(page, *args, **kwargs)

    return on_post
