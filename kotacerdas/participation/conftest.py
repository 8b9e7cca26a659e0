"""Participation fixtures: Budi's open consultation in Salatiga and verified citizens (Warga),
built through the real actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

CITIZEN_PASSWORD = "Rahasia-Warga-2026"


def make_citizen(name: str, email: str, *, verified: bool = True) -> Any:
    from kotacerdas.participation.actions.citizens import (
        do_register_citizen,
        do_verify_email,
        verification_token,
    )

    user = do_register_citizen(
        name=name,
        email=email,
        password=CITIZEN_PASSWORD,
        consent=True,
        address_key=f"test-{email}",
        verify_url=lambda token: f"http://testserver/partisipasi/verifikasi/{token}/",
    )
    if verified:
        do_verify_email(verification_token(user))
    return user


@pytest.fixture
def warga(db: None) -> Any:
    return make_citizen("Andi Warga", "andi@example.org")


@pytest.fixture
def warga2(db: None) -> Any:
    return make_citizen("Citra Warga", "citra@example.org")


@pytest.fixture
def warga3(db: None) -> Any:
    return make_citizen("Dodi Warga", "dodi@example.org")


@pytest.fixture
def as_warga(warga: Any) -> Any:
    client = Client()  # (not the root conftest's helper: mypy checks this file, not the root's)
    client.force_login(warga, backend="kotacerdas.accounts.backends.AccountBackend")
    return client


@pytest.fixture
def consultation(budi: Any, region_a: Any) -> Any:
    from kotacerdas.participation.actions.setup import do_add_phase, do_create_consultation

    found = do_create_consultation(
        budi, region_a, title="Masalah kota untuk masterplan", description="Pengumpulan masalah — Bimtek I"
    )
    today = timezone.localdate()
    do_add_phase(
        budi,
        found,
        name="Pengumpulan masalah — Bimtek I",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=30),
    )
    return found


def post_idea(user: Any, consultation: Any, title: str = "Lampu jalan mati di Sidorejo", **extra: Any) -> Any:
    from kotacerdas.participation.actions.posting import do_submit_idea

    fields = {
        "kind": "problem",
        "text": "Lampu penerangan jalan di Jalan Merak sudah mati sejak tiga bulan lalu.",
        "element": "environment.protection",
        "kecamatan": "Sidorejo",
        "address_key": f"addr-{user.pk}",
    } | extra
    return do_submit_idea(user, consultation, title=title, **fields)


@pytest.fixture
def idea(warga: Any, consultation: Any) -> Any:
    return post_idea(warga, consultation)
