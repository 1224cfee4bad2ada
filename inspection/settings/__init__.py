"""Settings used by default: development and tests, configured by the environment.

They add the ``demo`` app (the demo county and the benchmark's data sets: ``seed_demo``,
``seed_scale``), which production settings do not install."""

from inspection.settings.base import *  # noqa: F403
from inspection.settings.base import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
