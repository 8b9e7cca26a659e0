"""Shared fixtures: the personas of DESIGN.md §2, built through the real actions.

Ayu is bootstrapped directly (someone has to be the first national admin);
everyone else is created by Ayu through kotacerdas.accounts.actions, exactly
as the People page does.
"""

from __future__ import annotations

import os

import pytest
from django.test import Client

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run "inside" it unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "rahasia-kota-123"  # test-only password
REGION_A = "33.73"  # Kota Salatiga: Budi's region
REGION_B = "34.04"  # Kabupaten Sleman: Dewi's region


@pytest.fixture
def ayu(db):
    from kotacerdas.accounts.models import Membership, Role, User

    user = User.objects.create_user("ayu", password=PASSWORD, first_name="Ayu")
    Membership.objects.create(user=user, role=Role.NATIONAL_ADMIN)
    return user


@pytest.fixture
def region_a(db):
    from kotacerdas.regions.models import Region

    return Region.objects.get(code=REGION_A)


@pytest.fixture
def region_b(db):
    from kotacerdas.regions.models import Region

    return Region.objects.get(code=REGION_B)


@pytest.fixture
def dinkes_a(ayu, region_a):
    from kotacerdas.regions.actions import do_create_opd

    return do_create_opd(ayu, region_a, name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def dinkes_b(ayu, region_b):
    from kotacerdas.regions.actions import do_create_opd

    return do_create_opd(ayu, region_b, name="Dinas Kesehatan", short_name="Dinkes")


def make_person(ayu, username, role, region=None, opd=None):
    from kotacerdas.accounts.actions import do_add_membership, do_create_user

    user = do_create_user(ayu, username=username, password=PASSWORD, first_name=username.capitalize())
    do_add_membership(ayu, user, role=role, region=region, opd=opd)
    return user


@pytest.fixture
def budi(ayu, region_a):
    return make_person(ayu, "budi", "coordinator", region_a)


@pytest.fixture
def dewi(ayu, region_b):
    return make_person(ayu, "dewi", "coordinator", region_b)


@pytest.fixture
def sari(ayu, region_a, dinkes_a):
    return make_person(ayu, "sari", "opd_contributor", region_a, dinkes_a)


@pytest.fixture
def tono(ayu, region_a):
    return make_person(ayu, "tono", "assessor", region_a)


@pytest.fixture
def rina(ayu, region_a):
    return make_person(ayu, "rina", "mentor", region_a)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def as_ayu(ayu):
    return logged_in(ayu)


@pytest.fixture
def as_budi(budi):
    return logged_in(budi)


@pytest.fixture
def as_sari(sari):
    return logged_in(sari)
