"""The forms of the reports screens, one module per screen."""
