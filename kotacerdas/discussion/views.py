"""Posting a comment; threads themselves are shown by ``{% discussion_thread object %}``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.discussion import actions
from kotacerdas.discussion.access import get_parent_for_target, get_target_for_user, thread_of
from kotacerdas.discussion.forms import CommentForm
from kotacerdas.web.forms import apply_validation_error


@login_required
@require_POST
def add_comment(request: HttpRequest, code: str, target: str, object_id: int) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    obj = get_target_for_user(request.user, region, target, object_id)
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data["parent"]
        parent = get_parent_for_target(obj, parent_id) if parent_id else None
        try:
            actions.do_add_comment(request.user, obj, body=form.cleaned_data["body"], parent=parent)
        except ActionNotAllowed:
            return render(request, "403.html", {"region": region}, status=403)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Comment posted."))
            return redirect(_back_to(request, obj, region.code))
    return render(
        request,
        "discussion/comment_error.html",
        {
            "region": region,
            "target": obj,
            "form": form,
            "thread": thread_of(obj),
            "back": _back_to(request, obj, region.code),
        },
        status=400,
    )


def _back_to(request: HttpRequest, obj: object, code: str) -> str:
    nxt = request.POST.get("next", "")
    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}, request.is_secure()):
        return nxt
    get_url = getattr(obj, "get_absolute_url", None)
    if get_url is not None:
        return str(get_url())
    return f"/r/{code}/"
