"""Settings used by default: development and tests, configured by the environment."""

from inspection.settings.base import *  # noqa: F403
