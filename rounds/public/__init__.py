"""码上巡: the public surface the 进驻公告's QR code leads to (docs/DOMAIN.md, "On site").

No account: a villager reports anonymously or by name, with text and photos, and the report
lands as a petition (channel 码上巡) of the village's assignment for its team. Its own URL
module (``rounds.public.urls``) and settings (``inspection/settings/public.py``) let a
county serve it from an internet-facing host while the rest stays on the internal network.
"""
