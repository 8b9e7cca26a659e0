"""Discussion is generic: its own tests comment on a region's OPD, registered here only."""

import pytest

from kotacerdas.discussion import registry
from kotacerdas.regions.models import Opd


@pytest.fixture
def commentable_opds():
    registry.register(Opd)
    yield
    registry.unregister(Opd)
