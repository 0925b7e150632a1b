import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
# HYPOTHESIS_PROFILE=heavy for a long local run of every property
settings.register_profile(
    "heavy", deadline=None, suppress_health_check=list(HealthCheck), max_examples=1000
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
#: ../shared beside the checkout: the spec, the seed report and the corpus (may be absent)
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_78abebdfa8884d6e.txt"


@pytest.fixture
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"seed report not found at {SEED}")
    return SEED.read_text(encoding="utf-8")
