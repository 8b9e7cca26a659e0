"""The access getters answer a visitor who is not logged in with nothing, and a superuser as Ayu."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from rest_framework import exceptions

from kotacerdas.accounts.access import (
    IsNationalAdmin,
    can_manage_region,
    is_national_admin,
    memberships_of,
    opds_of_user,
    visible_regions,
)
from kotacerdas.accounts.models import User

pytestmark = pytest.mark.django_db


def test_a_visitor_has_no_memberships_regions_or_opds(sari, region_a) -> None:
    visitor = AnonymousUser()
    assert list(memberships_of(visitor)) == []
    assert list(visible_regions(visitor)) == []
    assert list(opds_of_user(visitor)) == []
    assert not can_manage_region(visitor, region_a)
    assert [opd.name for opd in opds_of_user(sari)] == ["Dinas Kesehatan"]


def test_a_superuser_is_a_national_admin_without_a_membership(region_a) -> None:
    root = User.objects.create_superuser("root", password="x-very-long-pass-1")
    assert is_national_admin(root)
    assert region_a in visible_regions(root)


def api_request(user):
    request = RequestFactory().get("/api/v1/index-runs/")
    request.user = user
    return request


def test_the_national_admin_api_permission(ayu, budi) -> None:
    permission = IsNationalAdmin()
    assert permission.has_permission(api_request(AnonymousUser()), None) is False
    with pytest.raises(exceptions.NotFound):
        permission.has_permission(api_request(budi), None)
    assert permission.has_permission(api_request(ayu), None) is True
