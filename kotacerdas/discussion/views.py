"""Posting a comment; threads themselves are shown by ``{% discussion_thread object %}``."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.discussion import actions
from kotacerdas.discussion.access import (
    discussion_page,
    get_parent_for_target,
    get_target_in_region,
    thread_of,
)
from kotacerdas.discussion.forms import CommentForm
from kotacerdas.discussion.models import Comment
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage


@login_required
@require_POST
@discussion_page
def add_comment(page: RegionPage[Region], target: str, object_id: int) -> HttpResponse:
    obj = get_target_in_region(page.region, target, object_id)
    form = CommentForm(page.post)
    back = _back_to(page.request, obj, page.region.code)

    def post(data: dict[str, Any]) -> Comment:
        parent = get_parent_for_target(obj, data["parent"]) if data["parent"] else None
        return actions.do_add_comment(page.user, obj, body=data["body"], parent=parent)

    return page.save(form, post, _("Comment posted."), then=back) or page.render(
        "discussion/comment_error.html",
        {"target": obj, "form": form, "thread": thread_of(obj), "back": back},
        form,
    )


def _back_to(request: HttpRequest, obj: models.Model, code: str) -> str:
    nxt = request.POST.get("next", "")
    # a path on this site only: the redirect would take any other word for a view name (a 500)
    on_this_site = url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure())
    if nxt.startswith("/") and on_this_site:
        return nxt
    get_url = getattr(obj, "get_absolute_url", None)
    if get_url is not None:
        return str(get_url())
    return f"/r/{code}/"
