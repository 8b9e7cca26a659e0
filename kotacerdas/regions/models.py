from __future__ import annotations

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.versioning import Versioned
from kotacerdas.core.regions import RegionKind, SizeBand, SizeClassScheme


class Region(models.Model):
    """A province or kabupaten/kota, keyed by its Kemendagri code."""

    class Kind(models.TextChoices):
        PROVINCE = RegionKind.PROVINCE.value, _("Province")
        KABUPATEN = RegionKind.KABUPATEN.value, _("Kabupaten")
        KOTA = RegionKind.KOTA.value, _("Kota")

    code = models.CharField(
        _("Kemendagri code"),
        max_length=5,
        unique=True,
        validators=[RegexValidator(r"^\d{2}(\.\d{2})?$", _("Use the form PP or PP.KK."))],
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, db_index=True)
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regencies",
        limit_choices_to={"kind": Kind.PROVINCE},
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(_("population year"), null=True, blank=True)
    population_source = models.CharField(_("population source"), max_length=200, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    size_class = models.CharField(_("city-size class"), max_length=20, blank=True, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name

    @property
    def is_province(self) -> bool:
        return self.kind == self.Kind.PROVINCE


class SizeClassSchemeRecord(models.Model):
    """A configurable population → size-class scheme; exactly one is active."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=200, blank=True)
    bands = models.JSONField(
        _("bands"),
        help_text=_('Ordered list of {"size_class": ..., "upper_bound": population or null}.'),
    )
    is_active = models.BooleanField(_("active"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("size-class scheme")
        verbose_name_plural = _("size-class schemes")
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=models.Q(is_active=True), name="one_active_size_scheme"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def as_core(self) -> SizeClassScheme:
        return SizeClassScheme(
            code=self.code,
            bands=tuple(SizeBand(b["size_class"], b["upper_bound"]) for b in self.bands),
        )


class Opd(Versioned):
    """An organisational unit (perangkat daerah) of one region."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="opds"
    )
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPDs")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="unique_opd_name_per_region")]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.name})" if self.short_name else self.name


def counts_by_size_class() -> list[tuple[str, int]]:
    """How many kabupaten/kota fall in each size class, smallest class first.

    The order is the active scheme's bands (kecil, sedang, besar, metropolitan), not the alphabet;
    regions without a class (no population) come last with an empty name."""
    from django.db.models import Count

    counts = dict(
        Region.objects.exclude(kind=Region.Kind.PROVINCE)
        .values_list("size_class")
        .annotate(n=Count("id"))
        .order_by()
    )
    scheme = SizeClassSchemeRecord.objects.filter(is_active=True).first()
    order = [band["size_class"] for band in scheme.bands] if scheme else []
    ranked = sorted(
        counts, key=lambda size: (size not in order, order.index(size) if size in order else 0, size)
    )
    return [(size, counts[size]) for size in ranked]
