import pytest
from django.db import connection


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs a fifth of a second a user; tests create hundreds of users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def on_postgres():
    """Skip a test that checks what only PostgreSQL enforces."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite does not provide this behaviour")


# The demo county, seeded once for a module (tests/seeding.py).
from tests.seeding import seeded  # noqa: E402, F401
