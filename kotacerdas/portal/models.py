"""The public portal's records: published snapshots, whether a region is public, socialisation events.

A ``Snapshot`` is what the public sees of a region: the parts Budi chose, frozen as JSON when he
published, with who, when and a hash of the content. It is written once and never changed; publishing
again writes a new one and the newest is shown. ``RegionPortal`` says whether the region is public at
all (unpublishing hides it: its public pages answer 404) and points at the newest snapshot.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.versioning import Versioned
from kotacerdas.regions.models import Region


class ImmutableError(Exception):
    """A published snapshot is never changed or deleted once written."""


class Snapshot(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    parts = models.JSONField(_("published parts"), default=list)
    content = models.JSONField(_("content"))
    summary = models.JSONField(_("summary"), default=dict)  # what the national page shows of it
    content_hash = models.CharField(_("content hash"), max_length=64)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("published snapshot")
        verbose_name_plural = _("published snapshots")

    def __str__(self) -> str:
        return f"{self.region_id} · {self.published_at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and Snapshot.objects.filter(pk=self.pk).exists():
            raise ImmutableError("a published snapshot is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("a published snapshot is never deleted")


class RegionPortal(models.Model):
    """Whether a region's portal is public, and its newest snapshot."""

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="portal"
    )
    is_public = models.BooleanField(_("public"), default=False)
    current = models.ForeignKey(
        Snapshot, verbose_name=_("current snapshot"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("region portal")
        verbose_name_plural = _("region portals")

    def __str__(self) -> str:
        return str(self.region)


class Event(Versioned):
    """A socialisation event of the region's masterplan, with its audience per stakeholder group."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200)
    from_government = models.PositiveIntegerField(_("government"), default=0)
    from_business = models.PositiveIntegerField(_("business"), default=0)
    from_academia = models.PositiveIntegerField(_("academia"), default=0)
    from_community = models.PositiveIntegerField(_("community"), default=0)
    from_media = models.PositiveIntegerField(_("media"), default=0)
    head_count = models.PositiveIntegerField(_("total head count"))
    summary = models.TextField(_("summary"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("socialisation event")
        verbose_name_plural = _("socialisation events")

    def __str__(self) -> str:
        return self.title


class EventFile(models.Model):
    """A material (PDF, DOCX, XLSX) or photo (PNG, JPG) of an event; public only when marked so."""

    class Kind(models.TextChoices):
        MATERIAL = "material", _("material")
        PHOTO = "photo", _("photo")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=200)
    stored_name = models.CharField(_("file"), max_length=255)
    download_name = models.CharField(_("file name"), max_length=200)
    format = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(max_length=64)
    is_public = models.BooleanField(_("show on the public page"), default=False)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("event file")
        verbose_name_plural = _("event files")

    def __str__(self) -> str:
        return self.label
