"""The login backend: Django's ``ModelBackend``, with the person of each request read through SQL
compiled once per process (``kotacerdas.web.compiled``): every signed-in request asks for them.

In a request the person is read together with their roles, in one query (their memberships, each
with the person's row joined): every signed-in page asks for both, and one round trip fewer is ~0.2 ms
of a page's CPU on PostgreSQL (issue 13, item 11). A person without a membership has no row there and
is read alone, as outside a request."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import router

from kotacerdas.accounts.access import keep_roles
from kotacerdas.accounts.models import Membership, User
from kotacerdas.web.compiled import compiled
from kotacerdas.web.memo import request_memo

_ID = -7_231_005  # stands for the person's id in the compiled query


def _by_id(pk: int) -> Any:
    return User._default_manager.filter(pk=pk)


def _memberships_with_person(pk: int) -> Any:
    return Membership.objects.filter(user_id=pk).select_related("user").order_by()


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        in_request = request_memo() is not None
        user = _with_roles(pk) if in_request else None
        if user is None:
            user = compiled("user", router.db_for_read(User), _by_id, _ID).first(pk)
            if user is not None and in_request:
                keep_roles(pk, [])  # no membership: that was read already
        return user if user is not None and self.user_can_authenticate(user) else None


def _with_roles(pk: int) -> User | None:
    """The person with their roles kept for the request, or None when they have no membership."""
    query = compiled("user with roles", router.db_for_read(Membership), _memberships_with_person, _ID)
    memberships = query.objects(pk)
    if not memberships:
        return None
    keep_roles(pk, [(m.role, m.region_id, m.opd_id) for m in memberships])
    user: User = memberships[0].user
    return user
