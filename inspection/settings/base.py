"""Settings shared by every environment, read from environment variables.

DATABASE_URL   default: an SQLite file under var/ (git-ignored)
REDIS_URL      absent: Celery tasks run in-process (INSPECTION_TASKS_IN_PROCESS)
DJANGO_SECRET_KEY, DJANGO_DEBUG, DJANGO_ALLOWED_HOSTS
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# What a run keeps (git-ignored): the SQLite database by default, uploads, collected static
# files, the embedded scheduler's state (inspection/embedded.py).
VAR_DIR = Path(os.environ.get("INSPECTION_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get(
    "DJANGO_SECRET_KEY", "development-only-secret-key-do-not-use-in-production"
)
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "inspection.apps.OfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "simple_history",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "inspection",
    "rounds",
    "findings",
    "rectification",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "inspection.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, the usual header built once.
    "inspection.middleware.ContentSecurityPolicyMiddleware",
    "inspection.middleware.SessionLimitsMiddleware",
    "inspection.middleware.NoStoreMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its lock-out page.
    "axes.middleware.AxesMiddleware",
]

# The team's standalone copy (单机版, scripts/standalone.sh): a banner on every page, and what
# needs the office refused (rectification/standalone/web.py).
INSPECTION_STANDALONE = env_bool("INSPECTION_STANDALONE", False)
if INSPECTION_STANDALONE:
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "rectification.standalone.web.StandaloneMiddleware",
    )

ROOT_URLCONF = "inspection.urls"
WSGI_APPLICATION = "inspection.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "inspection.navigation.navigation",
                "inspection.navigation.drafts",
                "rectification.standalone.web.standalone",
            ],
        },
    },
]

# One field template for every form: {{ field.as_field_group }} (templates/includes/field.html).
FORM_RENDERER = "inspection.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        # Unset or empty (DATABASE_URL= …): the embedded default.
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # On SQLite several threads write at once (the server's requests, the task thread, the
    # scheduler: inspection/embedded.py). WAL lets readers go on beside the one writer;
    # IMMEDIATE takes the write lock when a transaction begins, so a writer waits its turn
    # (up to `timeout` seconds) instead of failing "database is locked" when a transaction
    # that began by reading starts to write.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A streaming replica (PostgreSQL hot standby) of the primary: lists, statistics, the
# dashboard and the workbook builds read it; writes, transactions and a user's requests
# after their own write read the primary (inspection/replica/, docs/DEPLOYMENT.md).
# Unset: one database, nothing routed.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
# The most a user who wrote is kept on the primary waiting for the replica to replay it.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DATABASE_REPLICA_PIN_SECONDS", "300"))
# The most an export build waits for the replica to replay what its request wrote.
DATABASE_REPLICA_WAIT_SECONDS = float(os.environ.get("DATABASE_REPLICA_WAIT_SECONDS", "10"))
# After the replica failed to answer, the primary alone for this long (each process).
DATABASE_REPLICA_RETRY_SECONDS = float(os.environ.get("DATABASE_REPLICA_RETRY_SECONDS", "10"))
if DATABASE_REPLICA_URL:
    if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs a PostgreSQL DATABASE_URL.")
    _replica = dj_database_url.parse(DATABASE_REPLICA_URL)
    DATABASES["replica"] = {
        **DATABASES["default"],
        **{key: _replica[key] for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT")},
        "OPTIONS": {
            **DATABASES["default"].get("OPTIONS", {}),
            # An unreachable replica costs a request this long once, then is left alone
            # for DATABASE_REPLICA_RETRY_SECONDS.
            "connect_timeout": int(os.environ.get("DATABASE_REPLICA_CONNECT_TIMEOUT", "2")),
        },
        # Tests never create it: it is the test database under a second name.
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["inspection.replica.router.ReplicaRouter"]
    # Routes the requests of lists and figures, and pins a user who wrote to the primary.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
        "inspection.replica.middleware.ReplicaReadsMiddleware",
    )

AUTH_USER_MODEL = "inspection.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in for a user name and address that failed too often.
    "inspection.auth_backends.LockoutBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in lock-out (django-axes): 5 failures for one user name from one address lock
# that pair out for 30 minutes; a success clears the count.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
# Behind the reverse proxy the client address is the last hop it adds.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("AXES_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Content Security Policy (django-csp): scripts and styles only from our own static files
# (no inline code anywhere in the templates), nothing framed, forms post only to us.
# The API documentation pages relax it for themselves (inspection/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Sessions end after 30 minutes idle and 12 hours after signing in, whichever is first.
SESSION_IDLE_SECONDS = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(12 * 3600)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
# The team's unsent drafts (static/js/drafts.js) are dropped from the browser this many
# hours after they were last typed into; also on the sign-in page and at sign-out.
INSPECTION_DRAFT_TTL_HOURS = float(os.environ.get("INSPECTION_DRAFT_TTL_HOURS", "12"))
# Days an API token lasts from its issue: the default, and the most an issuer may choose.
INSPECTION_API_TOKEN_DAYS = int(os.environ.get("INSPECTION_API_TOKEN_DAYS", "90"))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGIN_URL = "inspection:login"
LOGIN_REDIRECT_URL = "inspection:home"
LOGOUT_REDIRECT_URL = "inspection:login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["inspection.formats"]  # the phone's short dates (MONTH_DAY_FORMAT)
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# A filter's empty choice reads 全部 on every list, whether or not the filter names its
# own (django-filter's default is "---------").
FILTERS_EMPTY_CHOICE_LABEL = _("全部")

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploaded evidence lives outside the static root and is never served as static files.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
# A failed CSRF check: JSON under /api/, Django's page elsewhere.
CSRF_FAILURE_VIEW = "inspection.views.csrf_failure"

# Celery: without REDIS_URL every task runs in-process and its errors propagate.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Without REDIS_URL: "thread" runs a queued task in a background thread of the process once
# the request's transaction commits (an export builds while its page shows the progress);
# "eager" runs it inside the request (the test suite's choice). inspection/embedded.py.
INSPECTION_TASKS_IN_PROCESS = os.environ.get("INSPECTION_TASKS_IN_PROCESS", "thread")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60

# The cache (statistics answers keyed by their data version): Redis where REDIS_URL is
# set, shared by every process; else each process's memory.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}
# Sessions are read from Redis where it is shared by every process, and written through
# to the database: a request reads its session without a query. Not with each process's
# own memory: a session signed out in one process would live on in the others' copies.
# Redis down: read from the database alone (inspection/sessions.py).
SESSION_ENGINE = (
    "inspection.sessions"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
# The parts a county-wide statistics answer is summed from, each cached under the version
# of its towns (reports.statistics.partitioned; PostgreSQL only; 1 = the whole answer alone).
INSPECTION_STATISTICS_PARTS = int(os.environ.get("INSPECTION_STATISTICS_PARTS", "64"))
# What each process keeps of those parts in its own memory (bytes of JSON; 0: none).
INSPECTION_STATISTICS_LOCAL_BYTES = int(
    os.environ.get("INSPECTION_STATISTICS_LOCAL_BYTES", str(128 * 1024 * 1024))
)
# How long a cached statistics answer is kept (a new data version makes it unused at once).
INSPECTION_STATISTICS_CACHE_SECONDS = int(
    os.environ.get("INSPECTION_STATISTICS_CACHE_SECONDS", str(6 * 3600))
)

# Rectification deadlines after feedback (days); settings, not constants.
INSPECTION_PLAN_DUE_DAYS = int(os.environ.get("INSPECTION_PLAN_DUE_DAYS", "15"))
INSPECTION_REPORT_DUE_DAYS = int(os.environ.get("INSPECTION_REPORT_DUE_DAYS", "60"))
# 主要负责人组织落实整改情况报告 (2015 条例 第27条): due with the report unless set apart.
INSPECTION_HEAD_REPORT_DUE_DAYS = int(
    os.environ.get("INSPECTION_HEAD_REPORT_DUE_DAYS", str(INSPECTION_REPORT_DUE_DAYS))
)
INSPECTION_TIME_LIMITED_DUE_DAYS = int(os.environ.get("INSPECTION_TIME_LIMITED_DUE_DAYS", "60"))
# 立行立改: items fixed on the spot still close with evidence, within this many days of the
# on-site order (never past the leaving date), or of feedback for a problem not ordered.
INSPECTION_IMMEDIATE_DUE_DAYS = int(os.environ.get("INSPECTION_IMMEDIATE_DUE_DAYS", "7"))
# The commission owes the office a result this many days after a transfer.
INSPECTION_CLUE_RESULT_DUE_DAYS = int(os.environ.get("INSPECTION_CLUE_RESULT_DUE_DAYS", "90"))
# A department owes the office its reply to a 交办事项 or a 巡察建议书 this many days after.
INSPECTION_MATTER_REPLY_DAYS = int(os.environ.get("INSPECTION_MATTER_REPLY_DAYS", "30"))
# A unit owes the office its reply to a 督办函 or 提示函 this many days after it is sent.
INSPECTION_SUPERVISION_REPLY_DAYS = int(
    os.environ.get("INSPECTION_SUPERVISION_REPLY_DAYS", "10")
)
# The 密级 of a kind of document where the county's differs from the kind's own
# ("interview_record=secret,…"; levels: internal, secret, confidential). A new document
# takes it; its later versions keep the first one's.
INSPECTION_DOCUMENT_CLASSIFICATIONS = {
    kind.strip(): level.strip()
    for kind, _, level in (
        pair.partition("=")
        for pair in os.environ.get("INSPECTION_DOCUMENT_CLASSIFICATIONS", "").split(",")
    )
    if kind.strip() and level.strip()
}

# The 密级 of a kind of record on the screens, by model label ("rounds.interview=secret,…";
# levels as above): clues and their papers are above 内部 (docs/DOMAIN.md,
# "Confidentiality"), every model not named is 内部 (inspection/classification.py).
INSPECTION_RECORD_CLASSIFICATIONS = {
    "findings.clue": "secret",
    "findings.cluesubject": "secret",
    "findings.clueevidence": "secret",
    "findings.transferletter": "secret",
} | {
    label.strip().lower(): level.strip()
    for label, _, level in (
        pair.partition("=")
        for pair in os.environ.get("INSPECTION_RECORD_CLASSIFICATIONS", "").split(",")
    )
    if label.strip() and level.strip()
}

# The county's party committee as the official workbooks name it ("武进区委", "XX县委":
# "XX县委第三轮巡察工作情况统计表") and the office that fills them in (填报单位; default:
# the committee's 巡察工作领导小组办公室).
INSPECTION_COUNTY_COMMITTEE = os.environ.get("INSPECTION_COUNTY_COMMITTEE", "县委")
INSPECTION_OFFICE_NAME = os.environ.get("INSPECTION_OFFICE_NAME", "")
# The county the upward tables (统计报送) are sent for: its name and 6-digit division code
# (empty: the code the towns' 9-digit codes share).
INSPECTION_COUNTY_NAME = os.environ.get("INSPECTION_COUNTY_NAME", "")
INSPECTION_COUNTY_CODE = os.environ.get("INSPECTION_COUNTY_CODE", "")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header makes a failed login a 401, not a 403.
        "inspection.api.authentication.ApiTokenAuthentication",
        "inspection.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["inspection.api.permissions.RecordReader"],
    "DEFAULT_FILTER_BACKENDS": ["inspection.api.filtering.FilterBackend"],
    # orjson writes the same JSON several times faster; browsers keep the browsable API.
    "DEFAULT_RENDERER_CLASSES": [
        "inspection.api.renderers.OrjsonRenderer",
        "inspection.api.renderers.BrowsableAPIRenderer",
    ],
    # Django's size limit on JSON too, parse errors in the user's language (parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "inspection.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "inspection.api.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "inspection.api.pagination.IdCursorPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "inspection.api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    # ASCII: client generators make the package name from the title (a Chinese one gives a
    # package pip cannot install); the system's Chinese name opens the description.
    "TITLE": "Village Inspection API",
    "DESCRIPTION": (
        "村级巡察工作管理系统 API。"
        "县委巡察办对村巡察：村(社区)名册、巡察轮次、现场工作、问题、线索与整改台账。"
        "Authenticate with a session or `Authorization: Bearer <token>`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Choice sets that share field names across apps get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "RoundStatusEnum": "rounds.choices.RoundStatus",
        "RoundModeEnum": "rounds.choices.RoundMode",
        "RectificationModeEnum": "rectification.choices.RectificationMode",
        "ItemStatusEnum": "rectification.choices.ItemStatus",
        "ProblemStatusEnum": "findings.choices.ProblemStatus",
        "ClueStatusEnum": "findings.choices.ClueStatus",
        "PetitionStatusEnum": "rounds.choices.PetitionStatus",
        "VerificationMethodEnum": "rectification.choices.VerificationMethod",
        "ReceivingBodyEnum": "inspection.choices.ReceivingBody",
        "ClueReceivingBodyEnum": "findings.choices.CLUE_RECEIVING_BODY_CHOICES",
        "ThematicReportKindEnum": "findings.choices.ThematicReportKind",
        # "outcome" and "stage" name a clue's and a report decision's, an alert's and a
        # report's: one enum each.
        "ClueOutcomeEnum": "findings.choices.ClueOutcome",
        "DecisionOutcomeEnum": "findings.choices.DecisionOutcome",
        "ReportStageEnum": "findings.choices.ReportStage",
        "AlertStageEnum": "inspection.choices.AlertStage",
        # 问责 (issue 19): "form" is an order's and a decision's, "kind" and "body" several.
        "OrderFormEnum": "rectification.choices.OrderForm",
        "AccountabilityFormEnum": "rectification.choices.AccountabilityForm",
        "FirstFormKindEnum": "rectification.choices.FirstFormKind",
        "DecidingBodyEnum": "rectification.choices.DecidingBody",
        # An alert's and a submission's paper; a letter's kind beside the others' kinds.
        "FeedbackDocumentEnum": "rectification.choices.FeedbackDocument",
        "SupervisionLetterKindEnum": "rectification.supervision_choices.LetterKind",
        # Issue 21: an export's kind (statistics or clue workbook).
        "ExportKindEnum": "reports.models.ExportKind",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "inspection.api.schema.drop_parameter_titles",
        "inspection.api.schema.add_error_responses",
        "inspection.api.schema.add_examples",
    ],
}

# One console handler, on the root logger. Django's own "django" logger loses the console
# handler of its default configuration (it printed every django.request record a second
# time, under DEBUG); a routine 403/404 is one line, without the traceback Django adds.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"routine_refusals": {"()": "inspection.log_filters.RoutineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"filters": ["routine_refusals"]},
    },
}

# ---------------------------------------------------------------------------------------
# Alerts (三色预警) and their channels (issue 5). The beat schedule is in inspection/celery.py.
# Stages: green when at most GREEN days are left before a due date, yellow at most YELLOW,
# red once it has passed; days are calendar days, or Chinese working days (法定节假日 and
# 调休, from chinese_calendar) with INSPECTION_ALERT_WORKING_DAYS on.
INSPECTION_ALERT_GREEN_DAYS = int(os.environ.get("INSPECTION_ALERT_GREEN_DAYS", "20"))
INSPECTION_ALERT_YELLOW_DAYS = int(os.environ.get("INSPECTION_ALERT_YELLOW_DAYS", "10"))
INSPECTION_ALERT_WORKING_DAYS = env_bool("INSPECTION_ALERT_WORKING_DAYS", False)
# A digest lists at most this many alerts, most urgent first, and counts the rest.
INSPECTION_ALERT_DIGEST_LIMIT = int(os.environ.get("INSPECTION_ALERT_DIGEST_LIMIT", "200"))
# Digests by e-mail to users with an address (Django's mail settings below).
INSPECTION_ALERT_EMAIL = env_bool("INSPECTION_ALERT_EMAIL", True)
# The office's messaging system: a signed JSON POST per digest; empty URL: no webhook.
INSPECTION_WEBHOOK_URL = os.environ.get("INSPECTION_WEBHOOK_URL", "")
INSPECTION_WEBHOOK_SECRET = os.environ.get("INSPECTION_WEBHOOK_SECRET", "")
INSPECTION_WEBHOOK_TIMEOUT = float(os.environ.get("INSPECTION_WEBHOOK_TIMEOUT", "10"))
# E-mail and webhook retries: exponential backoff from BACKOFF seconds, at most BACKOFF_MAX
# apart (well under the Redis visibility timeout), MAX_RETRIES after the first attempt.
INSPECTION_DELIVERY_MAX_RETRIES = int(os.environ.get("INSPECTION_DELIVERY_MAX_RETRIES", "5"))
INSPECTION_DELIVERY_BACKOFF = int(os.environ.get("INSPECTION_DELIVERY_BACKOFF", "30"))
INSPECTION_DELIVERY_BACKOFF_MAX = int(os.environ.get("INSPECTION_DELIVERY_BACKOFF_MAX", "600"))
# Links in e-mails and webhook messages start with this address.
INSPECTION_SITE_URL = os.environ.get("INSPECTION_SITE_URL", "http://127.0.0.1:8000")
# Django's mail settings; without EMAIL_HOST mail is written to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "县委巡察办 <noreply@localhost>")

# Excel summaries (统计汇总表) built by the worker.
INSPECTION_EXPORT_RETENTION_DAYS = int(os.environ.get("INSPECTION_EXPORT_RETENTION_DAYS", "7"))
INSPECTION_EXPORT_MAX_PENDING = int(os.environ.get("INSPECTION_EXPORT_MAX_PENDING", "3"))
# Outbox: a delivery or an export job older than this whose task never ran is sent again
# (younger ones may still be on their way through the broker).
INSPECTION_OUTBOX_GRACE_SECONDS = int(os.environ.get("INSPECTION_OUTBOX_GRACE_SECONDS", "120"))
INSPECTION_EXPORT_TIME_LIMIT = int(os.environ.get("INSPECTION_EXPORT_TIME_LIMIT", "900"))
INSPECTION_EXPORT_CHUNK_SIZE = int(os.environ.get("INSPECTION_EXPORT_CHUNK_SIZE", "2000"))

# 码上巡 (rounds.public): the public intake the 进驻公告's QR code leads to. Its pages are
# served at INSPECTION_PUBLIC_PREFIX by this site (development, tests) and by the public
# host's own settings (inspection/settings/public.py); the QR encodes
# INSPECTION_PUBLIC_BASE_URL + "/" + prefix + code + "/".
INSPECTION_PUBLIC_BASE_URL = os.environ.get("INSPECTION_PUBLIC_BASE_URL", INSPECTION_SITE_URL)
INSPECTION_PUBLIC_PREFIX = "gs/"
# 受理范围 printed on a new notice unless the office writes its own.
INSPECTION_PUBLIC_ACCEPTED_SCOPE = os.environ.get(
    "INSPECTION_PUBLIC_ACCEPTED_SCOPE",
    "主要受理反映被巡察村（社区）党组织领导班子及其成员、村务监督委员会成员等的问题，"
    "重点是群众身边不正之风和腐败问题、基层党组织软弱涣散问题、集体“三资”管理问题。"
    "不属于巡察受理范围的信访问题，按规定转交有关部门处理。",
)
# Rate limits, counted in the cache: reports from one client address, and to one code,
# within the window. The 61st report from one address within an hour is refused.
INSPECTION_PUBLIC_LIMIT_WINDOW_SECONDS = int(
    os.environ.get("INSPECTION_PUBLIC_LIMIT_WINDOW_SECONDS", "3600")
)
INSPECTION_PUBLIC_LIMIT_PER_ADDRESS = int(
    os.environ.get("INSPECTION_PUBLIC_LIMIT_PER_ADDRESS", "60")
)
INSPECTION_PUBLIC_LIMIT_PER_CODE = int(os.environ.get("INSPECTION_PUBLIC_LIMIT_PER_CODE", "200"))
# Reverse proxies in front of the public host that append to X-Forwarded-For: the client
# address is the entry the outermost of them added (0: the peer's address, REMOTE_ADDR).
INSPECTION_PUBLIC_PROXY_COUNT = int(
    os.environ.get("INSPECTION_PUBLIC_PROXY_COUNT", os.environ.get("AXES_PROXY_COUNT", "0"))
)
# What one report may carry.
INSPECTION_PUBLIC_TEXT_MAX_CHARS = 3000
INSPECTION_PUBLIC_MAX_PHOTOS = 4
INSPECTION_PUBLIC_PHOTO_MAX_BYTES = 8 * 1024 * 1024
INSPECTION_PUBLIC_PHOTOS_MAX_BYTES = 20 * 1024 * 1024
