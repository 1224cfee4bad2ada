"""The findings screens."""
