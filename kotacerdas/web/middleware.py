from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext as _

from kotacerdas.core.spreadsheet import has_control, strip_control
from kotacerdas.web.inbox import write_may_move_inbox
from kotacerdas.web.inbox_badge import BADGE_SESSION_KEY, recount_badge
from kotacerdas.web.writes import written_in_request


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the person chose another language.

    Django's LocaleMiddleware follows the browser's Accept-Language, which on
    many office computers in Indonesia says English. The product speaks
    Indonesian first, so only the language cookie (set by the language switch)
    overrides LANGUAGE_CODE.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class NulRemovedPost(QueryDict):
    """Form data whose NUL characters were removed; ``nul_fields`` names the fields that held one.

    The page layer (``kotacerdas.web.pages.attempt``) refuses such a form with an error on those
    fields, so the person sees the text (now without the NUL) and saves it again knowingly."""

    nul_fields: frozenset[str] = frozenset()


class RejectNullBytesMiddleware:
    """Keep NUL bytes away from the database: PostgreSQL text cannot hold them, so such input would
    otherwise surface as a database error (a 500) wherever it reaches a query.

    In a path, a query or a form field's *name* (which nobody types), and anywhere in an API request,
    the request is answered 400. In a page's form field *value* (pasted text can carry one) the NUL
    is removed and the field is noted (``NulRemovedPost``), so the form comes back with an error on
    that field and with what was typed.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            message = _("The request contains invalid characters.")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponseBadRequest(message)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _without_nul(request.POST)  # type: ignore[assignment]
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        if "\x00" in request.path:
            return True
        values = [*request.GET.keys(), *(v for vs in request.GET.lists() for v in vs[1])]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            values += list(request.POST.keys())
            if request.path.startswith("/api/"):  # no form to show it on: refused (docs/reference/api.md)
                values += [v for vs in request.POST.lists() for v in vs[1]]
        return any("\x00" in value for value in values)


def _without_nul(data: QueryDict) -> QueryDict:
    held = frozenset(key for key, values in data.lists() if any("\x00" in value for value in values))
    if not held:
        return data
    clean = NulRemovedPost(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        clean.setlist(key, [value.replace("\x00", "") for value in values])
    clean.nul_fields = held
    clean._mutable = False
    return clean


class StripControlCharactersMiddleware:
    """Remove control characters (other than tab and line breaks) from every submitted form value.

    Nobody types ``\x0b`` or ``\x1b`` on purpose; they arrive by pasting from other programs and later
    break every export (XLSX and DOCX cannot hold them). Cleaning here, once, means no form, action or
    output has to think about them. NUL is refused earlier (RejectNullBytesMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and request.content_type in FORM_TYPES:
            request.POST = _cleaned(request.POST)  # type: ignore[assignment]
        return self.get_response(request)


def _cleaned(data: QueryDict) -> QueryDict:
    if not any(has_control(value) for values in data.lists() for value in values[1]):
        return data
    clean = type(data)(mutable=True, encoding=data.encoding)  # a NulRemovedPost stays one
    for key, values in data.lists():
        clean.setlist(key, [strip_control(value) for value in values])
    if isinstance(data, NulRemovedPost):
        clean.nul_fields = data.nul_fields  # type: ignore[attr-defined]
    clean._mutable = False
    return clean


UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class InboxBadgeMiddleware:
    """Count the navigation's kept inbox anew after a write by a signed-in person that can move it.

    The count is kept in the session for ``INBOX_BADGE_SECONDS`` (kotacerdas.web.inbox); a person's
    own save must show at once, so the write's response counts anew — when the save wrote a record
    type an inbox source reads (``InboxSource.reads``; ``kotacerdas.web.writes`` notes what the request
    wrote). A draft KPI report saved again keeps the count (and its session write and the next page's
    recount are saved: a third of a report save's CPU, issue 13). Counting in the write's response
    rather than dropping the count for the next page to count saves two session writes per save
    when the count did not change (issue 13, item 11). Counted after the view, so a count kept while
    the write's own response was rendered is corrected too. Sits inside RequestMemoMiddleware, whose
    memo holds what was written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in UNSAFE_METHODS and self._keeps_a_badge(request):
            written = written_in_request()
            if write_may_move_inbox(written):
                recount_badge(request, written)
        return response

    @staticmethod
    def _keeps_a_badge(request: HttpRequest) -> bool:
        session = getattr(request, "session", None)
        return session is not None and BADGE_SESSION_KEY in session and request.user.is_authenticated


class MethodNotAllowedPageMiddleware:
    """Give a 405 that has no body (``require_POST`` and friends) the shared explanation page.

    A form's target opened as a page (Enter in the address bar after a refused upload, a link copied
    from there) would otherwise show the browser's own error page, in English and with no way back.
    The status and the ``Allow`` header stay; the page links to the address one level up, where the
    form usually lives, when that address exists. The API answers its own 405s in JSON.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.path.startswith("/api/"):
            return response
        if response.streaming or response.content:  # a 405 that says something already
            return response
        page = render(request, "405.html", {"back": _page_above(request.path)}, status=405)
        response.content = page.content
        response["Content-Type"] = page["Content-Type"]
        return response


def _page_above(path: str) -> str | None:
    """The address one level above ``path`` when it is one of ours (``/r/1/x/hapus/`` → ``/r/1/x/``)."""
    parent = path.rstrip("/").rsplit("/", 1)[0] + "/"
    if parent == "/":
        return None  # the page offers the home page under its own name
    try:
        resolve(parent)
    except Resolver404:
        return None
    return parent
