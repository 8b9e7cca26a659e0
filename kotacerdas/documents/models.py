"""The books of a region: settings, free texts, generated versions with their recipe, review state."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.core.books.names import file_name
from kotacerdas.jobs.models import HeartbeatJob


class OutlineOverride(models.Model):
    """The national admin's changes to the default book outline for one programme year (YAML)."""

    year = models.PositiveSmallIntegerField(_("programme year"), unique=True)
    yaml = models.TextField(_("outline override (YAML)"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("outline override")
        verbose_name_plural = _("outline overrides")

    def __str__(self) -> str:
        return str(self.year)


class BookSettings(models.Model):
    """A region's choices: optional books, its own DOCX template and logo."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="book_settings"
    )
    extra_books = models.JSONField(_("optional books"), default=list, blank=True)
    template = models.CharField(_("DOCX template"), max_length=255, blank=True)  # stored name
    template_name = models.CharField(_("template file name"), max_length=200, blank=True)
    template_sha256 = models.CharField(_("template checksum"), max_length=64, blank=True)
    logo = models.CharField(_("logo"), max_length=255, blank=True)  # stored name
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("book settings")
        verbose_name_plural = _("book settings")

    def __str__(self) -> str:
        return str(self.region)


class BookText(models.Model):
    """A free-text section (kata pengantar, narrative paragraphs) kept with the masterplan."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="book_texts"
    )
    key = models.SlugField(_("section key"), max_length=40)
    text = models.TextField(_("text"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("updated by"), on_delete=models.SET_NULL, null=True
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["region", "key"]
        verbose_name = _("book text")
        verbose_name_plural = _("book texts")
        constraints = [models.UniqueConstraint(fields=["region", "key"], name="unique_book_text_key")]

    def __str__(self) -> str:
        return self.key


class BookVersionQuerySet(models.QuerySet["BookVersion"]):
    def listed(self) -> BookVersionQuerySet:
        """Versions for a list, a card or an inbox line: ``data``, the snapshot of the whole masterplan
        each version was made from (tens to hundreds of KB of JSON), is left unread."""
        return self.defer("data")


class BookVersion(HeartbeatJob):
    """One generation of a region's books, with its recipe and its review state.

    A background job with a heartbeat (kotacerdas/jobs/liveness.py): a version whose worker died
    is marked failed instead of "running" for ever.
    """

    job_abandoned_message = _(
        "The generation stopped because the worker process stopped; please generate the books again."
    )

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    class Review(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved by the mentor")
        RATIFIED = "ratified", _("ratified")
        PUBLISHED = "published", _("published")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="book_versions"
    )
    number = models.PositiveIntegerField(_("version"))
    programme_year = models.PositiveSmallIntegerField(_("programme year"))
    formats = models.CharField(_("formats"), max_length=20, default="docx")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    data_hash = models.CharField(_("data hash"), max_length=64, blank=True)
    recipe = models.JSONField(_("recipe"), default=dict, blank=True)
    missing = models.JSONField(_("missing data"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    review = models.CharField(_("review state"), max_length=10, choices=Review.choices, default=Review.DRAFT)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    perkada_number = models.CharField(_("Perkada number"), max_length=120, blank=True)
    perkada_date = models.DateField(_("Perkada date"), null=True, blank=True)
    signed_scan = models.CharField(_("signed scan"), max_length=255, blank=True)  # stored name
    signed_scan_type = models.CharField(_("scan file type"), max_length=10, blank=True)
    ratified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ratified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    ratified_at = models.DateTimeField(_("ratified"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False)

    objects = BookVersionQuerySet.as_manager()

    class Meta:
        ordering = ["region", "-number"]
        verbose_name = _("book version")
        verbose_name_plural = _("book versions")
        constraints = [models.UniqueConstraint(fields=["region", "number"], name="unique_book_version")]

    def __str__(self) -> str:
        return f"{self.region} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.region.code, self.number])

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class BookFile(models.Model):
    """One generated file (a book in one format) of a version."""

    version = models.ForeignKey(
        BookVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="files"
    )
    book_key = models.CharField(_("book"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=5)
    stored_name = models.CharField(_("file"), max_length=255)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["version", "order", "format"]
        verbose_name = _("book file")
        verbose_name_plural = _("book files")

    def __str__(self) -> str:
        return f"{self.title} ({self.format.upper()})"

    @property
    def download_name(self) -> str:
        """``Buku-II-Masterplan-Kota-Salatiga-v3.pdf``: book, region and version in safe ASCII."""
        words = self.title.split()  # "Buku II Masterplan Smart City"
        if len(words) < 2 or words[0] != "Buku":
            return self.stored_name.rsplit("/", 1)[-1]
        version = self.version
        return file_name(words[1], self.book_key, self.format, version.region.name, version.number)


class BookChapter(models.Model):
    """A chapter of a generated book: what mentors comment on (a discussion thread per chapter)."""

    version = models.ForeignKey(
        BookVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="chapters"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    book_key = models.CharField(_("book"), max_length=40)
    book_title = models.CharField(_("book title"), max_length=200)
    chapter_key = models.CharField(_("chapter"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["version", "order"]
        verbose_name = _("book chapter")
        verbose_name_plural = _("book chapters")

    def __str__(self) -> str:
        return f"{self.book_title} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("documents:version", args=[self.region.code, self.version.number]) + f"#bab-{self.pk}"
