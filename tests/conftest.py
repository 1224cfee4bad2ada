import pytest
from django.db import connection


@pytest.fixture
def on_postgres():
    """Skip a test that checks what only PostgreSQL enforces."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: SQLite does not provide this behaviour")
