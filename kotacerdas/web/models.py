"""The kernel's one table: submissions already handled, so a repeat has no second effect."""

from __future__ import annotations

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmittedForm(models.Model):
    """A form's one-time token, or an API client's ``Idempotency-Key``, once its action has run.

    Written in the same transaction as the action (``kotacerdas.web.submissions.once``): a second
    request with the same token waits for the first and then finds this row, so it is answered as the
    first was (``redirect_to`` for a page, ``status`` and ``body`` for the API) and does nothing.
    ``key`` is a digest of the scope, the user and the token; rows older than a day are pruned."""

    key = models.CharField(_("key"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    redirect_to = models.TextField(_("redirect to"), blank=True)
    status = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    body = models.JSONField(
        pgettext_lazy("response content", "body"), null=True, blank=True, encoder=DjangoJSONEncoder
    )

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self) -> str:
        return f"{self.key[:12]}… {self.created_at:%Y-%m-%d %H:%M}"
