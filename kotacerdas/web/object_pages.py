"""Pages scoped by one record rather than by a region alone, on the shared page layer.

``object_page(get_object, can_edit)`` is ``region_page``'s twin (``kotacerdas.web.pages``) for a
programme candidacy under ``r/<code>/program/<cohort_id>/``, a deliverable, an evaluation cycle: the
getter takes the user and the URL kwargs it names (by parameter name) and raises 404 for what the
person may not open; the remaining URL kwargs go to the view, which receives an ``ObjectPage``
(``page.obj``). POST without the edit right is the same shared 403; saves and buttons go through the
same ``save_form`` and ``run_action``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from kotacerdas.web.pages import EditCheck, PageCalls, forbidden, render_page

Obj = TypeVar("Obj", bound=models.Model)
ObjectView = Callable[..., HttpResponseBase]


@dataclass(frozen=True)
class ObjectPage(PageCalls, Generic[Obj]):
    """What a view scoped by one record receives instead of (request, **url kwargs)."""

    obj: Obj
    can_edit: bool

    def render(
        self, template: str, context: Mapping[str, Any], *bound: forms.BaseForm | None
    ) -> HttpResponse:
        return render_page(self.request, template, {"can_edit": self.can_edit, **context}, *bound)

    def forbidden(self) -> HttpResponse:
        # the record's region, when it has one, keeps the region navigation on the 403 page
        return forbidden(self.request, getattr(self.obj, "region", None))


def _named_url_kwargs(get_object: Callable[..., Any]) -> tuple[str, ...]:
    """The URL kwargs a getter takes: its parameters after the user, by name."""
    parameters = list(inspect.signature(get_object).parameters.values())[1:]
    named = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    return tuple(p.name for p in parameters if p.kind in named)


def object_page(
    get_object: Callable[..., Obj], can_edit: EditCheck[Obj]
) -> Callable[[ObjectView], ObjectView]:
    """Decorator factory for pages scoped by one record: login, access getter, edit right on POST.

    ``get_object(user, **url_kwargs)`` takes the URL kwargs it names and raises 404 for a record
    the person may not open (nothing leaks); the view receives the ``ObjectPage`` and the other URL
    kwargs. Usage, once per kind of page::

        candidacy_page = object_page(get_candidacy_for_user, can_manage_candidacy)  # (user, code, cohort_id)

        @candidacy_page
        def candidacy_detail(page: ObjectPage[Candidacy]) -> HttpResponse: ...
    """
    keys = _named_url_kwargs(get_object)

    def decorator(view: ObjectView) -> ObjectView:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
            found = get_object(request.user, **{key: kwargs.pop(key) for key in keys})
            page = ObjectPage(request, found, can_edit(request.user, found))
            if request.method == "POST" and not page.can_edit:
                return page.forbidden()
            return view(page, **kwargs)

        return wrapper

    return decorator
