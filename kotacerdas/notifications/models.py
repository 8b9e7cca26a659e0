"""In-app notifications: each person's own queue."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.notifications.kinds import render_text


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("details"), default=dict)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_queue")]

    def __str__(self) -> str:
        return f"{self.recipient} · {self.kind}"

    @property
    def text(self) -> str:
        return render_text(self.kind, self.params)


class DigestSetting(models.Model):
    """A person's daily inbox e-mail: sent unless they turn it off, at most once a day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="digest_setting",
    )
    enabled = models.BooleanField(_("daily e-mail summary"), default=True)
    last_sent_on = models.DateField(_("last sent on"), null=True, blank=True)

    class Meta:
        verbose_name = _("daily e-mail summary setting")
        verbose_name_plural = _("daily e-mail summary settings")

    def __str__(self) -> str:
        return f"{self.user} · {'on' if self.enabled else 'off'}"
