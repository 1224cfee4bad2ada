"""The reports screens."""
