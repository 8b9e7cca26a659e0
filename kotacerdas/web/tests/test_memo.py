"""The request memo, and a fresh one for what must be read again after the request's writes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from kotacerdas.web.memo import RequestMemoMiddleware, fresh_memo, request_memo


def test_a_fresh_memo_starts_empty_keeps_nothing_for_the_request_and_gives_the_request_its_own_back() -> None:
    seen: dict[str, object] = {}

    def view(request: HttpRequest) -> HttpResponse:
        memo = request_memo()
        assert memo is not None
        memo["roles"] = "read before the write"
        with fresh_memo():
            inner = request_memo()
            seen["inner"] = dict(inner or {})
            assert inner is not None
            inner["roles"] = "read after the write"
        seen["outer"] = dict(request_memo() or {})
        return HttpResponse()

    RequestMemoMiddleware(view)(HttpRequest())
    assert seen == {"inner": {}, "outer": {"roles": "read before the write"}}
    assert request_memo() is None  # outside a request: none
