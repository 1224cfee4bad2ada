"""Tooling, not product: the demo county (``seed_demo``) and the scale data sets of the
benchmark (``seed_scale``). Development and test settings install this app; production
settings do not, and the image does not ship it."""
