from pathlib import Path

import pytest
from hypothesis import settings

# The same examples on every run and no per-example time limit: CI stays deterministic, and a
# slow moment on a shared machine (a model loading on first use) fails no property test.
settings.register_profile("brief", derandomize=True, deadline=None)
settings.load_profile("brief")

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_d5952f6c48d7cd70.txt"


@pytest.fixture()
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def seed_path() -> Path:
    return SEED
