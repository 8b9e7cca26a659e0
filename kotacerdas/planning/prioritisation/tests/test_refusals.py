"""The prioritisation's actions refuse with a specific message and leave weights and scores as they were."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.planning.models import ExpertJudgement, Initiative, Masterplan
from kotacerdas.planning.prioritisation import actions
from kotacerdas.planning.prioritisation.actions import CRITERIA_IDS

pytestmark = pytest.mark.django_db
EQUAL = {(a, b): "1" for i, a in enumerate(CRITERIA_IDS) for b in CRITERIA_IDS[i + 1 :]}


def test_without_a_masterplan_nothing_is_weighed(budi, rina, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        actions.do_set_ahp_weights(budi, region_a, EQUAL)
    assert error.value.messages == ["Isi profil wilayah dan periode masterplan terlebih dahulu."]
    with pytest.raises(ValidationError) as error:
        actions.do_save_expert_judgements(rina, region_a, EQUAL)
    assert error.value.messages == ["Isi profil wilayah dan periode masterplan terlebih dahulu."]
    assert not ExpertJudgement.objects.exists()


def weighting(region):  # type: ignore[no-untyped-def]
    masterplan = Masterplan.objects.get(region=region)
    return (masterplan.weight_method, masterplan.weights, masterplan.judgements)


def test_only_the_coordinator_sets_weights_and_scores(sari, region_a, plan_a) -> None:
    before = weighting(region_a)
    refusal = "Hanya koordinator wilayah ini yang dapat mengubah masterplan-nya"
    with pytest.raises(ActionNotAllowed, match=refusal):
        actions.do_set_ahp_weights(sari, region_a, EQUAL)
    with pytest.raises(ActionNotAllowed, match=refusal):
        actions.do_set_direct_weights(sari, region_a, dict.fromkeys(CRITERIA_IDS, Decimal(1)))
    with pytest.raises(ActionNotAllowed, match=refusal):
        actions.do_set_scores(sari, region_a, {plan_a["data"].pk: {"impact": 5}})
    with pytest.raises(ActionNotAllowed, match=refusal):
        actions.do_use_group_weights(sari, region_a)
    assert weighting(region_a) == before


def test_incomplete_comparisons_are_refused(budi, region_a, plan_a) -> None:
    incomplete = dict(list(EQUAL.items())[:3])
    before = weighting(region_a)
    with pytest.raises(ValidationError) as error:
        actions.do_set_ahp_weights(budi, region_a, incomplete)
    assert error.value.messages[0].startswith("Perbandingan belum lengkap atau tidak sah: ")
    assert weighting(region_a) == before


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"impact": Decimal(1)}, "Beri setiap kriteria bobot 0 atau lebih."),
        (
            dict.fromkeys(CRITERIA_IDS, Decimal(1)) | {"cost": Decimal(-1)},
            "Beri setiap kriteria bobot 0 atau lebih.",
        ),
        (dict.fromkeys(CRITERIA_IDS, Decimal(0)), "Setidaknya satu bobot harus lebih dari 0."),
    ],
)
def test_direct_weights_cover_every_criterion_and_are_not_all_zero(
    budi, region_a, plan_a, weights, message
) -> None:
    actions.do_set_ahp_weights(budi, region_a, EQUAL)
    before = weighting(region_a)
    with pytest.raises(ValidationError) as error:
        actions.do_set_direct_weights(budi, region_a, weights)
    assert error.value.messages == [message]
    assert weighting(region_a) == before


def test_scores_are_for_this_regions_initiatives_from_1_to_5(budi, dewi, region_a, region_b, plan_a) -> None:
    data = plan_a["data"]
    with pytest.raises(ValidationError) as error:
        actions.do_set_scores(budi, region_a, {data.pk: {"impact": 6}})
    assert error.value.messages == ["Skor berkisar 1 (rendah) sampai 5 (tinggi)."]
    with pytest.raises(ValidationError) as error:
        actions.do_set_scores(dewi, region_b, {data.pk: {"impact": 3}})
    assert error.value.messages == ["Pilih inisiatif dari wilayah ini."]
    assert Initiative.objects.get(pk=data.pk).scores == data.scores


def test_only_the_regions_people_judge_and_one_expert_is_no_group(budi, dewi, region_a, plan_a) -> None:
    refusal = "Hanya koordinator, anggota OPD, dan mentor wilayah ini yang memberikan penilaian"
    with pytest.raises(ActionNotAllowed, match=refusal):
        actions.do_save_expert_judgements(dewi, region_a, EQUAL)
    actions.do_save_expert_judgements(budi, region_a, EQUAL)
    before = weighting(region_a)
    with pytest.raises(ValidationError) as error:
        actions.do_use_group_weights(budi, region_a)
    assert error.value.messages == ["Bobot kelompok memerlukan penilaian dari sedikitnya 2 pakar."]
    assert weighting(region_a) == before
