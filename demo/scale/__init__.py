"""Scale data sets for the benchmark (``manage.py seed_scale``, ``python -m bench``).

Realistic rows written fast: COPY on PostgreSQL (``writer.py``), from deterministic
generators (one seeded random stream per stage), respecting every constraint of the
models. History tables (django-simple-history) are not filled. Presets: ``province``
(54,300 villages), ``county`` (600) and ``tiny`` (for the tests).
"""

from demo.scale.presets import PRESETS, Preset
from demo.scale.seed import scale_seed, scale_seeded

__all__ = ["PRESETS", "Preset", "scale_seed", "scale_seeded"]
