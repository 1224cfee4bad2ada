"""The team's standalone copy (单机版, docs/DOMAIN.md "Confidentiality"): the package the
office hands a team, the laptop that runs it with no network, and the bundle the team
brings back."""
