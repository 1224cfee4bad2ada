"""Settings of the public host that serves 码上巡 (rounds.public) to the internet:
DJANGO_SETTINGS_MODULE=inspection.settings.public.

The production settings, with a URL conf that holds only the public pages (no sign-in,
no admin, no API, no internal screen): a county runs a second gunicorn with these settings
on its internet-facing host, beside the internal one, on the same database, media folder
and Redis (README, "The public surface"). Its own DJANGO_ALLOWED_HOSTS name the public
host only.
"""

from inspection.settings.production import *  # noqa: F403

ROOT_URLCONF = "inspection.public_urls"
# Nothing signs in here: no session is needed, and no page is framed.
SESSION_COOKIE_NAME = "public_sessionid"
# Refusals are the public pages' own (no link into the internal site).
CSRF_FAILURE_VIEW = "rounds.public.views.csrf_failure"
