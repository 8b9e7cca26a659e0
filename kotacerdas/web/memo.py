"""A memo that lives for one request: what several parts of one page would each look up again.

The region page asks "which roles has this person?" in its access check, its edit check, the
navigation's inbox and several sections (issue 17). :class:`RequestMemoMiddleware` opens an empty memo
when a request starts and drops it when the response is built; :func:`request_memo` gives it to whoever
asks during the request, and ``None`` outside one (actions called from tasks, the shell or tests read
the database every time, as before, so nothing can go stale there).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_MEMO: ContextVar[dict[Any, Any] | None] = ContextVar("kotacerdas_request_memo", default=None)


def request_memo() -> dict[Any, Any] | None:
    """The current request's memo, or None outside a request."""
    return _MEMO.get()


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _MEMO.set({})
        try:
            return self.get_response(request)
        finally:
            _MEMO.reset(token)


@contextmanager
def fresh_memo() -> Iterator[None]:
    """An empty memo for the block, the request's own afterwards: what the block looks up is read
    again (after the request's writes: its roles may be among them) and not kept for the request."""
    token = _MEMO.set({})
    try:
        yield
    finally:
        _MEMO.reset(token)
