"""What the laptop remembers of the package it runs (docs/DOMAIN.md "Confidentiality": the
单机版): a JSON file beside its database (``VAR_DIR/standalone.json``), written once when
the package is loaded: the package, the team, the key the bundle is sealed with, and the
highest pk of each model at load — what is above it was made on the laptop.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

FILE_NAME = "standalone.json"


@dataclass(frozen=True)
class StandaloneState:
    package: str  # the package's uuid
    team: int
    team_name: str
    round: int
    made_at: str  # the package's date (ISO)
    loaded_at: str
    bundle_key: str
    max_pks: dict  # {"app.model": highest pk at load}
    # A random name of this laptop, drawn at load: two laptops loading one package number
    # their records alike, and a bundle's refs must still name each record once.
    laptop: str = ""

    def made_on_laptop(self, label: str, pk) -> bool:
        return pk is not None and pk > self.max_pks.get(label, 0)

    def ref(self, label: str, pk) -> str:
        """The name a bundle gives the record ``label`` #pk made here: ``app.model:pk@laptop``
        (what an import remembers as brought back)."""
        return f"{label}:{pk}@{self.laptop}" if self.laptop else f"{label}:{pk}"


def state_path() -> Path:
    return Path(settings.VAR_DIR) / FILE_NAME


def read_state() -> StandaloneState | None:
    """The loaded package's state, or None where no package was loaded (the central system)."""
    path = state_path()
    if not path.exists():
        return None
    return StandaloneState(**json.loads(path.read_text(encoding="utf-8")))


def write_state(state: StandaloneState) -> None:
    path = state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state.__dict__, ensure_ascii=False, indent=1), encoding="utf-8")
    path.chmod(0o600)  # it holds the bundle's key
