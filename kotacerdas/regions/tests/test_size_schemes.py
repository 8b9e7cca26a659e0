"""The city-size class scheme is configurable; changing it reclassifies every kab/kota."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.regions.models import Region, SizeClassSchemeRecord

pytestmark = pytest.mark.django_db


def test_pp26_is_active_by_default() -> None:
    assert SizeClassSchemeRecord.objects.get(is_active=True).code == "pp26-2008"


def test_activating_rkci_recomputes_size_classes(as_ayu, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = as_ayu.post(reverse("regions:size_schemes"), {"code": "rkci-2017"})
    assert response.status_code == 302
    assert SizeClassSchemeRecord.objects.get(is_active=True).code == "rkci-2017"
    regencies = Region.objects.exclude(kind=Region.Kind.PROVINCE)
    assert set(regencies.values_list("size_class", flat=True)) == {"kecil", "sedang", "besar"}
    # RKCI 2017: kecil < 200k <= sedang <= 1M < besar.
    for region in regencies:
        if region.population < 200_000:
            expected = "kecil"
        elif region.population <= 1_000_000:
            expected = "sedang"
        else:
            expected = "besar"
        assert region.size_class == expected, region.code
    assert AuditEntry.objects.get(action="size_scheme.activate").after == {"active_scheme": "rkci-2017"}


def test_an_unknown_scheme_changes_nothing(as_ayu) -> None:
    response = as_ayu.post(reverse("regions:size_schemes"), {"code": "nope"}, follow=True)
    assert "Pilih salah satu skema" in response.content.decode()
    assert SizeClassSchemeRecord.objects.get(is_active=True).code == "pp26-2008"


def test_only_ayu_may_open_it(as_budi) -> None:
    assert as_budi.get(reverse("regions:size_schemes")).status_code == 404
    assert as_budi.post(reverse("regions:size_schemes"), {"code": "rkci-2017"}).status_code == 404
