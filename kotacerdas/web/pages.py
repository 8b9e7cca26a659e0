"""The shared page layer: the one way a page is written in every bounded context.

A page parses input, calls exactly one action, and renders. What is the same on every page lives
here, so no view repeats it:

- ``region_page(get_region, can_edit)`` builds a decorator for region-scoped pages. The access
  getter runs first, so a region the person may not open is a 404 (nothing leaks). A member who may
  open the region but lacks the edit right gets **403** on every POST, in every app, before the view
  runs; GET pages render read-only (``page.can_edit`` is False).
- ``attempt(form, call)`` runs an action and shows its ``ValidationError`` on the form; no view
  catches ``ValidationError`` itself. An action's refusal of the person (``PermissionDenied``, e.g.
  ``ActionNotAllowed``: a period locked, a role withdrawn since the page was opened) is shown on the
  form too, with what they typed, and the page answers 403.
- ``render_page`` answers 403 when a form carries such a refusal, 400 when a bound form has other
  errors, 200 otherwise.
- ``RegionPage.save`` (POST + valid form + action → message + redirect), ``RegionPage.run`` (a button
  without a form), ``list_and_add`` and ``delete_view`` cover the list/add/edit/delete pages.
- Once per submission: each of them runs its action in one transaction with the form's one-time
  token (``kotacerdas.web.submissions``), so a double click or a resent form does nothing twice; the
  repeat gets the first answer's redirect and "This form has already been sent". A unique clash
  the action could not foresee (two people adding the same code at once) is a 400 with a message on
  the form, never a 500.

- ``object_page(get_object, can_edit)`` (``kotacerdas.web.object_pages``) is the same for pages
  scoped by one record rather than by a region alone (a programme candidacy, a deliverable).

The kernel imports no feature app: the region getter and the edit check are passed in by each app
(see ``kotacerdas.planning.pages`` for a worked example and docs/explanation/architecture.md).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render, resolve_url
from django.utils.translation import gettext_lazy

from kotacerdas.web.forms import apply_validation_error, show_removed_nul
from kotacerdas.web.submissions import AlreadySubmitted, form_token, once

if TYPE_CHECKING:  # the stubs' name for a lazily translated string; not importable at run time
    from django.utils.functional import _StrPromise as Promise

T = TypeVar("T")
R = TypeVar("R", bound=models.Model)
M = TypeVar("M", bound=models.Model)

# What a page answers when it cannot find what it asks for is a 404 raised by the getter.
RegionGetter = Callable[[Any, str], R]
EditCheck = Callable[[Any, R], bool]
# A flash message: text (lazy at module level), or a function of the action's result.
Message: TypeAlias = "str | Promise | Callable[[Any], str]"
Target = str | Callable[[Any], str] | None


class Failed:
    """What ``attempt`` returns when the action refused: its errors are on the form."""

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "FAILED"


FAILED = Failed()


logger = logging.getLogger(__name__)

# The code of a refusal shown on a form (``attempt``), by which ``form_status`` answers 403.
REFUSED = "not_allowed"

ALREADY_SENT = gettext_lazy("This form has already been sent; it was not saved twice.")
CLASH_ON_FIELD = gettext_lazy(
    "A record with this value already exists (perhaps saved just now by someone else); reload the page."
)
NOT_ALLOWED = gettext_lazy("You may not do this.")
CLASH = gettext_lazy(
    "This clashes with a record that already exists (perhaps saved just now by someone else); "
    "reload the page."
)


def _clash_columns(error: IntegrityError) -> list[str]:
    """The columns of a unique clash as the database names them (PostgreSQL or SQLite), if it says."""
    detail = getattr(getattr(error.__cause__, "diag", None), "message_detail", None) or ""
    found = re.search(r"Key \(([^)]*)\)=", detail)  # PostgreSQL: Key (region_id, code)=(1, M-01) …
    if found:
        return [column.strip().strip('"') for column in found.group(1).split(",")]
    text = str(error)  # SQLite: UNIQUE constraint failed: planning_problem.region_id, planning_problem.code
    if text.startswith("UNIQUE constraint failed:"):
        return [column.strip().rsplit(".", 1)[-1] for column in text.split(":", 1)[1].split(",")]
    return []


def _show_clash(form: forms.BaseForm, error: IntegrityError) -> None:
    """A clash the action could not foresee (a concurrent save): on the form's field when named."""
    logger.warning("integrity error shown on a form: %s", error)
    names = [column.removesuffix("_id") for column in _clash_columns(error)]
    field = next((name for name in reversed(names) if name in form.fields), None)
    form.add_error(field, str(CLASH_ON_FIELD if field else CLASH))


def attempt(form: forms.BaseForm, call: Callable[[], T], savepoint: bool = True) -> T | Failed:
    """Run one action; on ``ValidationError`` put its messages on the form and return ``FAILED``.

    ``FAILED`` is falsy and distinct from ``None``, so an action that returns nothing still counts
    as done (``if attempt(...) is not FAILED``). The action runs in a savepoint: a unique clash it
    could not foresee (``IntegrityError``, e.g. two people adding the same code at once) is shown on
    the form too, and the request's transaction stays usable. ``savepoint=False`` when the caller
    rolls its whole transaction back on ``FAILED`` anyway (``save_form``): two round trips fewer.

    A refusal of the person (``PermissionDenied``) is put on the form as a non-field error with the
    code ``REFUSED``, so what they typed is not lost and the page answers 403 (``form_status``).

    A field whose text held a NUL (removed on the way in) refuses the form before the action runs:
    the person sees the text without it and saves again knowingly."""
    if show_removed_nul(form):
        return FAILED
    try:
        with transaction.atomic(savepoint=savepoint):
            return call()
    except PermissionDenied as refusal:
        form.add_error(None, ValidationError(str(refusal) or str(NOT_ALLOWED), code=REFUSED))
        return FAILED
    except ValidationError as error:
        apply_validation_error(form, error)  # type: ignore[arg-type]
        return FAILED
    except IntegrityError as error:
        _show_clash(form, error)
        return FAILED


def repeated(request: HttpRequest, repeat: AlreadySubmitted) -> HttpResponse:
    """The answer to a form sent twice: where the first went, and why nothing happened now."""
    messages.info(request, ALREADY_SENT)
    first = repeat.record.redirect_to if repeat.record is not None else ""
    return redirect(first or request.path)


def run_action(request: HttpRequest, call: Callable[[], T], done: Message) -> T | Failed:
    """Run one action from a button without a form: its refusal or ``done`` becomes a flash message.

    Once per submission, as ``save_form``: a repeat is refused with ``ALREADY_SENT`` (``FAILED``)."""
    try:
        with once(request.user, form_token(request)) as claim:
            try:
                with transaction.atomic(savepoint=False):  # a refusal rolls the whole transaction back
                    result = call()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                claim.give_up()
                return FAILED
            except IntegrityError as error:
                logger.warning("integrity error shown as a message: %s", error)
                messages.error(request, str(CLASH))
                claim.give_up()
                return FAILED
    except AlreadySubmitted:
        messages.info(request, ALREADY_SENT)
        return FAILED
    messages.success(request, done(result) if callable(done) else done)
    return result


def refused(form: forms.BaseForm) -> bool:
    """Whether an action refused the person who sent this form (``attempt``)."""
    return form.is_bound and form.has_error(NON_FIELD_ERRORS, code=REFUSED)


def form_status(*bound: forms.BaseForm | None) -> int:
    """403 when an action refused the person (``attempt``); 400 when any bound form has errors (the
    user sent something to correct); else 200."""
    sent = [f for f in bound if f is not None and f.is_bound and f.errors]
    if any(refused(f) for f in sent):
        return 403
    return 400 if sent else 200


def render_page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *bound: forms.BaseForm | None,
    status: int | None = None,
) -> HttpResponse:
    return render(request, template, dict(context), status=status or form_status(*bound))


def forbidden(request: HttpRequest, region: models.Model | None = None) -> HttpResponse:
    """A member who may look but not change: 403 with the shared explanation page."""
    return render(request, "403.html", {"region": region}, status=403)


def save_form(
    request: HttpRequest,
    form: forms.BaseForm,
    call: Callable[[dict[str, Any]], T],
    done: Message,
    then: Target = None,
) -> HttpResponse | None:
    """POST with a valid form → run the action on ``cleaned_data`` → flash ``done`` → redirect.

    Returns None when the page should render (GET, invalid form, or the action refused: its errors
    are on the form). ``then`` is a URL, a function of the action's result, or None for this page.

    The form's one-time token is recorded in the action's transaction: the same form sent again
    (a double click, a resent request) is redirected where the first went, with ``ALREADY_SENT``,
    and the action does not run twice."""
    if request.method != "POST" or not form.is_valid():
        return None
    expected = "" if callable(then) else resolve_url(then or request.path)  # recorded with the token
    try:
        with once(request.user, form_token(request), redirect_to=expected) as claim:
            # no savepoint of its own: a refusal gives up, which rolls the whole transaction back
            result = attempt(form, lambda: call(form.cleaned_data), savepoint=False)
            if result is FAILED:
                claim.give_up()
                return None
            target = resolve_url((then(result) if callable(then) else then) or request.path)
            claim.answer(redirect_to=target)
    except AlreadySubmitted as repeat:
        return repeated(request, repeat)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(target)


@dataclass(frozen=True)
class PageCalls:
    """What every page on the layer offers its view: the person, the sent data, save and run."""

    request: HttpRequest

    @property
    def user(self) -> Any:
        return self.request.user

    @property
    def post(self) -> Any:
        """The POST data, or None on GET (to bind forms only when something was sent)."""
        return self.request.POST if self.request.method == "POST" else None

    @property
    def files(self) -> Any:
        """The uploaded files, or None on GET (a form given ``FILES`` on GET would count as sent)."""
        return self.request.FILES if self.request.method == "POST" else None

    def save(
        self,
        form: forms.BaseForm,
        call: Callable[[dict[str, Any]], T],
        done: Message,
        then: Target = None,
    ) -> HttpResponse | None:
        return save_form(self.request, form, call, done, then)

    def run(self, call: Callable[[], T], done: Message) -> T | Failed:
        return run_action(self.request, call, done)


@dataclass(frozen=True)
class RegionPage(PageCalls, Generic[R]):
    """What a region-scoped view receives instead of (request, code)."""

    region: R
    can_edit: bool

    def render(
        self, template: str, context: Mapping[str, Any], *bound: forms.BaseForm | None
    ) -> HttpResponse:
        full = {"region": self.region, "can_edit": self.can_edit, **context}
        return render_page(self.request, template, full, *bound)

    def forbidden(self) -> HttpResponse:
        return forbidden(self.request, self.region)


PageView = Callable[..., HttpResponse]


def region_page(
    get_region: RegionGetter[R], can_edit: EditCheck[R]
) -> Callable[[Callable[..., HttpResponse]], PageView]:
    """Decorator factory for pages under ``r/<code>/``: login, access getter, edit right on POST.

    Usage, once per app::

        masterplan_page = region_page(get_region_for_user, can_edit_masterplan)

        @masterplan_page
        def indicators(page: RegionPage[Region]) -> HttpResponse: ...
    """

    def decorator(view: Callable[..., HttpResponse]) -> PageView:
        @login_required
        @wraps(view)
        def wrapper(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
            region = get_region(request.user, code)
            page = RegionPage(request, region, can_edit(request.user, region))
            if request.method == "POST" and not page.can_edit:
                return page.forbidden()
            return view(page, *args, **kwargs)

        return wrapper

    return decorator


def list_and_add(
    page: RegionPage[Any],
    form: forms.BaseForm,
    add: Callable[[dict[str, Any]], Any],
    *,
    done: Message,
    template: str,
    context: Mapping[str, Any],
) -> HttpResponse:
    """A list of records with an add form on the same page: one action, back to the list."""
    return page.save(form, add, done) or page.render(template, {"form": form, **context}, form)


def delete_view(
    decorator: Callable[[Callable[..., HttpResponse]], PageView],
    get_object: Callable[[Any, int], M],
    delete: Callable[[Any, M], object],
    *,
    done: str | Promise,
    back: str,
) -> PageView:
    """A POST-only delete: the object through its access getter, one action, back to ``back``.

    ``get_object(region, pk)`` must raise 404 for a record of another region; ``back`` is a URL
    name taking the region code."""

    def view(page: RegionPage[Any], **kwargs: int) -> HttpResponse:
        if page.request.method != "POST":  # after login and the region check, as require_POST would be
            return HttpResponseNotAllowed(["POST"])
        (pk,) = kwargs.values()
        obj = get_object(page.region, pk)
        page.run(lambda: delete(page.user, obj), done)
        return redirect(back, code=page.region.code)

    return decorator(view)
