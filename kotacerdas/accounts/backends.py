"""The login backend: Django's ``ModelBackend``, with the person of each request read through SQL
compiled once per process (``kotacerdas.web.compiled``): every signed-in request asks for them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import router

from kotacerdas.accounts.models import User
from kotacerdas.web.compiled import compiled

_ID = -7_231_005  # stands for the person's id in the compiled query


def _by_id(pk: int) -> Any:
    return User._default_manager.filter(pk=pk)


class AccountBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        user: User | None = compiled("user", router.db_for_read(User), _by_id, _ID).first(pk)
        return user if user is not None and self.user_can_authenticate(user) else None
