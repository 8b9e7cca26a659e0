"""A region's Smart City masterplan: strategic analysis (Bimtek I–II), initiatives (III),
prioritisation, roadmap and Quick Wins (IV). Every write goes through the actions of the sub-context
(planning/<analysis|initiatives|prioritisation|roadmap|quickwins>/actions.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.audit.versioning import Versioned
from kotacerdas.planning.plan_scope import (
    ActiveMasterplans,
    AllRevisions,
    InitiativesInActivePlan,
    OfInitiativeInActivePlan,
    OfOneMasterplan,
    ProblemsInActivePlan,
    masterplan_is_active,
    read_only_error,
)
from kotacerdas.regions.models import Opd, Region


class FundingSource(models.TextChoices):
    APBD = "APBD", _("APBD")
    APBN_DAK = "APBN_DAK", _("APBN/DAK")
    KPBU = "KPBU", _("KPBU")
    CSR = "CSR", _("CSR")
    OTHER = "OTHER", _("Other")


class Masterplan(models.Model):
    """One revision of a region's masterplan: the profile, the period, the vision, and the planning
    settings. A region holds successive revisions (1, 2, …); exactly one is active (see plan_scope)."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="masterplans"
    )
    revision = models.PositiveSmallIntegerField(_("revision"), default=1, editable=False)
    is_active = models.BooleanField(_("active"), default=True, editable=False)
    period_start = models.PositiveSmallIntegerField(_("masterplan period from"))
    period_end = models.PositiveSmallIntegerField(_("masterplan period to"))
    rpjmd_start = models.PositiveSmallIntegerField(_("RPJMD period from"), null=True, blank=True)
    rpjmd_end = models.PositiveSmallIntegerField(_("RPJMD period to"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    area_km2 = models.DecimalField(_("area (km²)"), max_digits=12, decimal_places=3, null=True, blank=True)
    head_vision = models.TextField(_("vision of the regional head"), blank=True)
    head_missions = models.TextField(_("missions of the regional head"), blank=True)
    vision = models.TextField(_("smart city vision"), blank=True)
    missions = models.TextField(_("smart city missions"), blank=True)
    # prioritisation: method "ahp" or "direct"; judgements {"a|b": "3"}; weights {criterion: float}
    weight_method = models.CharField(_("weighting method"), max_length=10, default="direct")
    judgements = models.JSONField(_("pairwise judgements"), default=dict, blank=True)
    weights = models.JSONField(_("criteria weights"), default=dict, blank=True)
    # roadmap constraints: {"2026": "1000"}, {"APBD": {"2026": "800"}}, capacity per OPD id
    budget_ceilings = models.JSONField(_("yearly budget ceilings"), default=dict, blank=True)
    source_ceilings = models.JSONField(_("ceilings per funding source"), default=dict, blank=True)
    opd_capacity = models.PositiveSmallIntegerField(_("initiatives an OPD can run at once"), default=2)
    # {"<opd id>": n}: OPDs whose capacity differs from opd_capacity
    opd_capacities = models.JSONField(_("capacity per OPD"), default=dict, blank=True)
    # quick-win criteria
    qw_max_years = models.PositiveSmallIntegerField(_("finishes within (years)"), default=2)
    qw_cost_ceiling = models.DecimalField(
        _("cost ceiling"), max_digits=18, decimal_places=0, null=True, blank=True
    )
    qw_citizen_benefit = models.BooleanField(_("direct citizen benefit required"), default=True)
    qw_min_readiness = models.DecimalField(
        _("minimum readiness score"), max_digits=3, decimal_places=1, null=True, blank=True
    )

    objects = ActiveMasterplans()  # the active revision; every revision: all_revisions
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["region", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["region", "revision"], name="unique_masterplan_revision"),
            models.UniqueConstraint(
                fields=["region"], condition=Q(is_active=True), name="one_active_masterplan"
            ),
        ]
        verbose_name = _("masterplan")
        verbose_name_plural = _("masterplans")

    def __str__(self) -> str:
        return f"Masterplan {self.region.name} {self.period_start}–{self.period_end}"

    def save(self, *args: object, **kwargs: object) -> None:
        # an earlier revision is read-only; do_start_revision deactivates it with update()
        if self.pk is not None and not masterplan_is_active(Masterplan, pk=self.pk):
            raise read_only_error()
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("planning:overview", args=[self.region.code])

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))


class KeyIndicator(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("indicator"), max_length=200)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=200)

    class Meta:
        ordering = ["name", "year"]
        verbose_name = _("key indicator")
        verbose_name_plural = _("key indicators")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Problem(OfOneMasterplan, Versioned):
    class Origin(models.TextChoices):
        ANALYSIS = "analysis", _("Analysis")
        OPD = "opd", _("OPD")
        CITIZEN = "citizen", _("Citizen input")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="planning_problems"
    )
    # None only for a problem recorded before the region's first masterplan (attached when it is made)
    masterplan = models.ForeignKey(
        Masterplan,
        verbose_name=_("masterplan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="problems",
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("problem"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=40)
    element = models.CharField(_("element"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("supporting data / evidence"), blank=True)
    root_causes = models.TextField(_("root causes"), blank=True)
    opds = models.ManyToManyField(Opd, verbose_name=_("affected OPDs"), blank=True, related_name="+")
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.ANALYSIS)

    objects = ProblemsInActivePlan()
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="unique_problem_code_per_plan"),
            models.UniqueConstraint(
                fields=["region", "code"], condition=Q(masterplan=None), name="unique_problem_code_no_plan"
            ),
        ]
        verbose_name = _("problem")
        verbose_name_plural = _("problems")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("planning:problem", args=[self.region.code, self.pk])


class Initiative(OfOneMasterplan, Versioned):
    class Type(models.TextChoices):
        POLICY = "policy", _("Policy")
        INSTITUTION = "institution", pgettext_lazy("initiative type", "Institution")
        INFRASTRUCTURE = "infrastructure", _("Infrastructure")
        APPLICATION = "application", _("Application")
        PROGRAMME = "programme", _("Programme")

    class Horizon(models.TextChoices):
        SHORT = "short", _("Short term")
        MEDIUM = "medium", _("Medium term")
        LONG = "long", _("Long term")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PLANNED = "planned", _("Planned")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="planning_initiatives"
    )
    # blank: filled with the region's active masterplan on save (OfOneMasterplan)
    masterplan = models.ForeignKey(
        Masterplan,
        verbose_name=_("masterplan"),
        on_delete=models.CASCADE,
        blank=True,
        editable=False,
        related_name="initiatives",
    )
    carried_over_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=40)
    element = models.CharField(_("element"), max_length=60)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(Opd, verbose_name=_("owning OPD"), on_delete=models.PROTECT, related_name="+")
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    problems = models.ManyToManyField(Problem, verbose_name=_("problems addressed"), blank=True)
    rpjmd_targets = models.TextField(_("RPJMD targets"), blank=True)
    subactivity_codes = models.JSONField(_("sub-kegiatan codes"), default=list, blank=True)
    horizon = models.CharField(_("horizon"), max_length=10, choices=Horizon.choices)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    duration = models.PositiveSmallIntegerField(_("duration (years)"))
    total_cost = models.DecimalField(_("total cost"), max_digits=18, decimal_places=0, null=True, blank=True)
    predecessors = models.ManyToManyField(
        "self", verbose_name=_("predecessors"), symmetrical=False, blank=True, related_name="successors"
    )
    risks = models.TextField(_("risks"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    citizen_benefit = models.BooleanField(_("direct citizen benefit"), default=False)
    earliest_start_year = models.PositiveSmallIntegerField(_("earliest start year"), null=True, blank=True)
    pinned_start_year = models.PositiveSmallIntegerField(_("pinned start year"), null=True, blank=True)
    scores = models.JSONField(_("criteria scores"), default=dict, blank=True)
    # SPBE 2020 indicator codes ("1"…"47") the initiative supports; set through do_set_spbe_codes
    spbe_codes = models.JSONField(_("SPBE indicators"), default=list, blank=True)

    objects = InitiativesInActivePlan()
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "code"], name="unique_initiative_code_per_plan")
        ]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("planning:initiative", args=[self.region.code, self.pk])

    @property
    def end_year(self) -> int:
        return self.start_year + self.duration - 1

    def budget_total(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal(0))


class BudgetLine(models.Model):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=18, decimal_places=0)

    objects = OfInitiativeInActivePlan()
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "year", "source"], name="unique_budget_line")
        ]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return f"{self.year} {self.source} {self.amount}"


class Kpi(Versioned):
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="kpis"
    )
    name = models.CharField(_("KPI"), max_length=200)
    unit = models.CharField(_("unit"), max_length=40)
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=4, null=True, blank=True)
    targets = models.JSONField(_("targets per year"), default=dict, blank=True)  # {"2026": "10"}
    # The initiative's start year the targets were set for: an adopted roadmap that moves the initiative
    # leaves the targets where they are, and "shift the targets" (roadmap.actions.do_shift_kpi_targets)
    # moves them by the difference. None: not known (see migration 0013).
    targets_start_year = models.PositiveSmallIntegerField(
        _("targets set for the start year"), null=True, blank=True, editable=False
    )

    objects = OfInitiativeInActivePlan()
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["id"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        if not masterplan_is_active(Masterplan, initiatives=self.initiative_id):
            raise read_only_error()
        super().save(*args, **kwargs)

    def target_list(self, years: list[int]) -> list[str]:
        return [self.targets.get(str(year), "") for year in years]


# The Quick Wins', the roadmap's and the group AHP's records live in their own modules (this one stays
# near 400 lines); imported here so Django registers them and
# ``from kotacerdas.planning.models import RoadmapRun`` works.
from kotacerdas.planning.analysis_models import (  # noqa: E402, F401
    READINESS_ELEMENTS,
    ProgrammeMapping,
    Statement,
    SwotItem,
)
from kotacerdas.planning.expert_models import ExpertJudgement  # noqa: E402, F401
from kotacerdas.planning.quickwin_models import QuickWin, Risk  # noqa: E402, F401
from kotacerdas.planning.roadmap_models import AdoptedItem, AdoptedPlan, RoadmapRun  # noqa: E402, F401
