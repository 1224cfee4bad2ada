"""The rectification screens."""
