"""Middleware of the project: the interface language, the limits of a session, answers
no cache keeps, and the Content Security Policy header built once.

Chinese first: the interface language is the user's explicit choice, else zh-hans.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC
with an English browser would get English screens. Here only the language cookie set
by the language switch (django.views.i18n.set_language) changes the language.
"""

import time

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import patch_vary_headers


class ChineseFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        patch_vary_headers(response, ("Cookie",))
        return response


class SessionLimitsMiddleware:
    """A signed-in session ends after ``SESSION_IDLE_SECONDS`` without a request, and
    ``SESSION_ABSOLUTE_SECONDS`` after signing in whatever happens (an office PC left
    signed in overnight must not stay a way into confidential clues).

    The time of the last request is written at most once a minute, so reading pages
    does not write the session on every request.
    """

    STARTED = "limits_started"
    SEEN = "limits_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated and hasattr(request, "session")
        if signed_in and self.expired(request):
            logout(request)
            if not request.path.startswith("/api/"):
                messages.info(request, translation.gettext("登录已超时，请重新登录。"))
        return self.get_response(request)

    @classmethod
    def signed_in(cls, sender, request, user, **kwargs):
        """``user_logged_in``: the clock of both limits starts now."""
        if request is not None and hasattr(request, "session"):
            now = int(time.time())
            request.session[cls.STARTED] = now
            request.session[cls.SEEN] = now

    def expired(self, request) -> bool:
        now = int(time.time())
        session = request.session
        started = session.setdefault(self.STARTED, now)
        seen = session.get(self.SEEN, now)
        if now - seen > settings.SESSION_IDLE_SECONDS:
            return True
        if now - started > settings.SESSION_ABSOLUTE_SECONDS:
            return True
        if now - seen >= 60 or self.SEEN not in session:
            session[self.SEEN] = now
        return False


class NoStoreMiddleware:
    """Confidential answers stay out of every cache: an office PC is shared, and its
    browser's cache (or a proxy's) must not hand a page of clues or interviewees to the
    next person. Every answer to a signed-in user and every API answer (a token's user is
    known only inside the view) says ``Cache-Control: no-store, private``, unless the view
    set its own (evidence files and exports already say it). Static files are answered by
    WhiteNoise before this runs, and keep their long caching.
    """

    VALUE = "no-store, private"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response and self.confidential(request):
            response["Cache-Control"] = self.VALUE
        return response

    @staticmethod
    def confidential(request) -> bool:
        if request.path.startswith("/api/"):
            return True
        user = getattr(request, "user", None)
        return user is not None and user.is_authenticated


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, the usual header built once.

    django-csp builds the header from the settings for every response (0.2 ms: the
    policy's dataclass copied, every directive joined). Every answer but the API's
    documentation pages (which relax it: ``csp_update`` in inspection/api/urls.py) and a
    page that asked for a nonce (none does) carries the same header; it is built once
    from the settings it was built from, and again when they change (a test's
    ``override_settings``). Anything else is left to django-csp.
    """

    _ADJUSTMENTS = (
        "_csp_config",
        "_csp_update",
        "_csp_replace",
        "_csp_config_ro",
        "_csp_update_ro",
        "_csp_replace_ro",
    )

    def __init__(self, get_response):
        super().__init__(get_response)
        self._built = (None, None, "", "")

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in self._ADJUSTMENTS
        ):
            return super().process_response(request, response)
        if response.status_code in (500, 404) and settings.DEBUG:
            return response  # django-csp leaves Django's debug pages alone
        policy, policy_ro = self._headers()
        for header, value, exempt, setting in (
            (HEADER, policy, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (
                HEADER_REPORT_ONLY,
                policy_ro,
                "_csp_exempt_ro",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            ),
        ):
            if not value or header in response or getattr(response, exempt, False):
                continue
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = value
        # As django-csp: a nonce asked for once the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    def _headers(self) -> tuple[str, str]:
        """The header and the report-only header of the settings in force."""
        config = getattr(settings, "CONTENT_SECURITY_POLICY", None)
        config_ro = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        built_config, built_ro, policy, policy_ro = self._built
        if config is not built_config or config_ro is not built_ro:
            policy = build_policy()
            policy_ro = build_policy(report_only=True)
            self._built = (config, config_ro, policy, policy_ro)
        return policy, policy_ro
