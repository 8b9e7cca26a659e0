"""The region set-up actions refuse on their own, whatever page or script calls them."""

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.regions.actions import do_activate_size_scheme, do_create_opd
from kotacerdas.regions.models import Opd, SizeClassSchemeRecord

pytestmark = pytest.mark.django_db


def test_sari_may_not_add_an_opd(sari, region_a) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya koordinator wilayah ini yang boleh mengubah"):
        do_create_opd(sari, region_a, name="Dinas Perhubungan")
    assert not Opd.objects.filter(name="Dinas Perhubungan").exists()


def test_a_name_of_only_spaces_is_refused(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_create_opd(budi, region_a, name=" \t ")
    assert error.value.message_dict == {"name": ["Isi nama OPD."]}
    assert not Opd.objects.filter(region=region_a).exists()


def test_budi_may_not_change_the_size_class_scheme(budi) -> None:
    rkci = SizeClassSchemeRecord.objects.get(code="rkci-2017")
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional"):
        do_activate_size_scheme(budi, rkci)
    assert SizeClassSchemeRecord.objects.get(is_active=True).code == "pp26-2008"
    assert not AuditEntry.objects.filter(action="size_scheme.activate").exists()
