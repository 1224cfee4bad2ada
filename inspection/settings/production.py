"""Production settings: DJANGO_SETTINGS_MODULE=inspection.settings.production."""

import os

from inspection.settings.base import *  # noqa: F403
from inspection.settings.base import REST_FRAMEWORK, env_bool, env_list

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
# localhost is kept for the container health check, which calls /healthz from inside.
ALLOWED_HOSTS = [*env_list("DJANGO_ALLOWED_HOSTS", ""), "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# JSON only: no browsable API in production (its pages render forms and filters, and it
# is a second way in that nothing here needs).
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_RENDERER_CLASSES": ["inspection.api.renderers.OrjsonRenderer"],
}
