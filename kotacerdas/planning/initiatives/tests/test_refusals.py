"""Initiative and KPI actions refuse what does not belong to the region or the period; nothing is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.planning.conftest import add_initiative
from kotacerdas.planning.initiatives.actions import clean_subactivity_codes, do_save_kpi
from kotacerdas.planning.models import Initiative, Kpi

pytestmark = pytest.mark.django_db


def test_predecessors_problems_and_funding_come_from_this_region(
    ayu, dewi, region_a, region_b, plan_a, dinkes_b
) -> None:
    from kotacerdas.planning.analysis.actions import do_save_problem, do_save_profile

    do_save_profile(dewi, region_b, period_start=2026, period_end=2030, vision="Sleman cerdas")
    problem_a = do_save_problem(
        ayu, region_a, code="M-01", title="Antrean", dimension="governance", element="governance.service"
    )
    with pytest.raises(ValidationError) as error:
        add_initiative(dewi, region_b, "X-01", dinkes_b, predecessors=[plan_a["data"]])
    assert error.value.message_dict == {"predecessors": ["Pilih inisiatif dari wilayah ini."]}
    with pytest.raises(ValidationError) as error:
        add_initiative(dewi, region_b, "X-01", dinkes_b, problems=[problem_a])
    assert error.value.message_dict == {"problems": ["Pilih masalah dari wilayah ini."]}
    with pytest.raises(ValidationError) as error:
        add_initiative(dewi, region_b, "X-01", dinkes_b, budget={(2026, "Arisan"): Decimal(1)})
    assert error.value.messages == ["Sumber dana tidak dikenal: Arisan."]
    assert not Initiative.objects.filter(region=region_b).exists()


def test_blank_subactivity_codes_are_left_out() -> None:
    assert clean_subactivity_codes(["", "  "]) == []


def test_kpi_targets_are_numbers_inside_the_period(budi, plan_a) -> None:
    data = plan_a["data"]
    kpi = {"name": "Dataset terbuka", "unit": "dataset", "baseline": None}
    with pytest.raises(ValidationError) as error:
        do_save_kpi(budi, data, targets={2031: "10"}, **kpi)
    assert error.value.message_dict == {
        "targets": [
            "Target untuk 2031 berada di luar periode masterplan (2026–2030): "
            "kosongkan atau pilih tahun di dalam periode."
        ]
    }
    with pytest.raises(ValidationError) as error:
        do_save_kpi(budi, data, targets={2027: "sepuluh"}, **kpi)
    assert error.value.message_dict == {"targets": ["Target harus berupa angka."]}
    assert not Kpi.objects.exists()
    saved = do_save_kpi(budi, data, targets={2026: "", 2027: "10.50"}, **kpi)
    assert saved.targets == {"2027": "10.5"}


def test_a_deleted_kpi_is_gone_and_audited(budi, plan_a) -> None:
    from kotacerdas.audit.models import AuditEntry
    from kotacerdas.planning.initiatives.actions import do_delete_kpi

    kpi = do_save_kpi(budi, plan_a["data"], name="Dataset terbuka", unit="dataset", baseline=None, targets={})
    do_delete_kpi(budi, kpi)
    assert not Kpi.objects.exists()
    assert AuditEntry.objects.filter(action="masterplan.kpi.delete").count() == 1
