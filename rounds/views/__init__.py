"""The rounds screens."""
