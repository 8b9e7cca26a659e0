"""One env-driven settings module (see docs/reference/settings.md).

Defaults give the embedded set-up: SQLite under ./var, tasks run immediately,
e-mail written as files under ./var/mail. Production sets KOTACERDAS_ENV=production, DATABASE_URL,
SECRET_KEY (or SECRET_KEY_FILE) and ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from kotacerdas.envconfig import ConfigError, env, env_bool, env_int, env_list
from kotacerdas.release import code_fingerprint

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env("KOTACERDAS_VAR_DIR") or PROJECT_DIR / "var")

PRODUCTION = env("KOTACERDAS_ENV", "development") == "production"
DEBUG = env_bool("DEBUG", default=not PRODUCTION)

SECRET_KEY = env("SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise ConfigError("SECRET_KEY (or SECRET_KEY_FILE) must be set when KOTACERDAS_ENV=production")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "axes",
    # two-factor login (TOTP apps + static backup codes): docs/how-to/enrol-two-factor.md
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "captcha",
    "kotacerdas.accounts",
    "kotacerdas.regions",
    "kotacerdas.audit",
    "kotacerdas.assessment",
    "kotacerdas.discussion",
    "kotacerdas.planning",
    "kotacerdas.programme",
    "kotacerdas.monitoring",
    "kotacerdas.notifications",
    "kotacerdas.documents",
    "kotacerdas.evaluation",
    "kotacerdas.participation",
    "kotacerdas.portal",
    "kotacerdas.api",
    "kotacerdas.web",
    "kotacerdas.home",
    "kotacerdas.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kotacerdas.web.middleware.IndonesianFirstLocaleMiddleware",
    "kotacerdas.web.middleware.RejectNullBytesMiddleware",
    "kotacerdas.web.middleware.StripControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kotacerdas.web.memo.RequestMemoMiddleware",
    "kotacerdas.web.middleware.InboxBadgeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "kotacerdas.web.middleware.MethodNotAllowedPageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "kotacerdas.accounts.two_factor.TwoFactorMiddleware",
    "csp.middleware.CSPMiddleware",
]

# Content-Security-Policy on every HTML page (django-csp): scripts and everything else only from our own
# origin, never inline, so an escaped-but-missed payload still cannot run. Inline *style attributes* stay
# allowed (indentation of assessment rows, chart widths); they cannot execute code. The browsable API docs
# (Swagger UI / ReDoc from the sidecar package) bootstrap with inline scripts and are excluded.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/api/v1/docs", "/api/v1/redoc"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

ROOT_URLCONF = "kotacerdas.urls"
WSGI_APPLICATION = "kotacerdas.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% submission_token %} in every POST form, next to {% csrf_token %} (kotacerdas.web.submissions)
            # {% fixed_url %}: an address without arguments, reversed once (kotacerdas.web.templatetags.links)
            "builtins": [
                "kotacerdas.web.templatetags.submission",
                "kotacerdas.web.templatetags.numbers",
                "kotacerdas.web.templatetags.links",
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kotacerdas.home.context_processors.navigation",
            ],
        },
    },
]

# Django's own widget templates through Jinja2, several times faster than the template language
# (kotacerdas.web.form_rendering explains why and what stays as it was)
FORM_RENDERER = "kotacerdas.web.form_rendering.WidgetRenderer"

DATABASE_URL = env("DATABASE_URL") or ""
if not DATABASE_URL:
    (VAR_DIR / "static").mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'kotacerdas.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# Tests: a transactional test's serialized copy leaves out the content types and permissions. A flush
# re-makes them (post_migrate) under ids that need not match the copy, and restoring the copy on top
# clashed on (app_label, model).
TEST_NON_SERIALIZED_APPS = ["django.contrib.contenttypes", "django.contrib.auth"]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "kotacerdas.accounts.backends.AccountBackend",  # Django's ModelBackend; its per-request read compiled
]
# A session lasts a working day (10 hours) from sign-in: a Bimtek's 200 people sign in once each, and a
# password is checked only at sign-in (PBKDF2 costs ~200 ms of CPU; each request checks the session).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 10 * 60 * 60)
SESSION_ENGINE = "kotacerdas.accounts.sessions"  # Django's database sessions, read with SQL compiled once
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login rate limit (django-axes): after AXES_FAILURE_LIMIT failures for one
# username from one address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "kotacerdas.accounts.client_address.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind a reverse proxy (docs/how-to/deploy.md) set TRUSTED_PROXY_COUNT to the number of proxies that
# append to X-Forwarded-For; otherwise every client looks like the proxy and one attacker locks Ayu out
# for everyone. 0 (the default) trusts no header.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# A second limit per address alone (any usernames), higher than the per-account one: it stops one
# address from trying a password on every account without locking a known person out elsewhere.
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "kotacerdas.accounts.client_address.client_address"

# The region page's cards, rendered, kept per process against the region's change stamp
# (kotacerdas/web/region_sections.py): a stale card cannot be served because the stamp is read from the
# database on every view, so each gunicorn worker may keep its own copy. TIMEOUT bounds what a write
# made outside the audited actions (a shell session) can leave on screen.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "region_sections": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "region-sections",
        "TIMEOUT": 300,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
# In production the workers of a server also share what they built (a file per fragment under VAR_DIR):
# after a restart each region's cards are built once, not once per worker (issue 13: 100 regions built by
# each of 3 workers held 1,000 people's first 30 s at p95 2.4 s). A process's own copy may outlive the
# shared one it came from, so what a shell session changed shows for at most twice TIMEOUT. The files
# outlive a restart but not an upgrade: their keys begin with the code's fingerprint (kotacerdas/release.py).
if env_bool("REGION_SECTIONS_SHARED", PRODUCTION):
    CACHES["region_sections_shared"] = {
        "BACKEND": "kotacerdas.web.region_cache.SharedFragmentCache",
        "LOCATION": str(VAR_DIR / "cache" / "region-sections"),
        "TIMEOUT": 300,
        "KEY_PREFIX": code_fingerprint(),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
# Under the tests every card served from that cache is rendered again and compared (a stale card fails
# the test that viewed it): the whole suite checks the invalidation.
REGION_SECTIONS_VERIFY_CACHE = env_bool("REGION_SECTIONS_VERIFY_CACHE", False)
# Likewise every inbox count made with the SQL kept per shape of roles and day (kotacerdas/web/inbox.py)
# is checked under the tests against the sources' own querysets.
INBOX_VERIFY_COMPILED = env_bool("INBOX_VERIFY_COMPILED", False)

LANGUAGE_CODE = "id"
FORMAT_MODULE_PATH = ["kotacerdas.formats"]  # one date format on every page (kotacerdas/formats)
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", "Asia/Jakarta")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "kotacerdas.web.vendor.VendorFinder",  # plotly.min.js from the plotly wheel (roadmap chart)
]
STATIC_ROOT = Path(env("STATIC_ROOT") or VAR_DIR / "static")
# WhiteNoise serves collected files in production; in development and tests the
# staticfiles finders serve them straight from the apps.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "kotacerdas.web.static_storage.StaticStorage"  # WhiteNoise's, each address kept
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploaded evidence lives outside the web root and is served only through views
# that check access; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env("MEDIA_ROOT") or VAR_DIR / "media")

TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}
# A running job whose heartbeat is older than this is marked failed (its worker died); a live job
# beats every quarter of it (at most every 30 s). See kotacerdas/jobs/liveness.py.
JOB_STALE_AFTER_SECONDS = env_int("JOB_STALE_AFTER_SECONDS", 180)
# LibreOffice's DOCX → PDF conversion of one book set is killed (with its process group) after this.
BOOKS_CONVERT_TIMEOUT_SECONDS = env_int("BOOKS_CONVERT_TIMEOUT_SECONDS", 300)
# The result letters' PDFs are prepared by a background job, a LibreOffice run per batch of up to ten
# letters: a run is stopped after this and the job fails (the next download queues it again). See
# evaluation/letter_pdfs.py.
LETTER_PDF_TIMEOUT_SECONDS = env_int("LETTER_PDF_TIMEOUT_SECONDS", 60)
# The worker runs the daily chores (monitoring reminders, …) on its first tick of a day; it looks
# this often. See kotacerdas/jobs/chores.py.
CHORES_INTERVAL_SECONDS = env_int("CHORES_INTERVAL_SECONDS", 600)
for _name in (
    "JOB_STALE_AFTER_SECONDS",
    "BOOKS_CONVERT_TIMEOUT_SECONDS",
    "LETTER_PDF_TIMEOUT_SECONDS",
    "CHORES_INTERVAL_SECONDS",
):
    if globals()[_name] < 1:
        raise ConfigError(f"{_name} must be at least 1 (seconds)")
# The navigation's inbox count is kept in the person's session this long (0: counted on every page).
# Their own writes and the inbox page correct it at once; other people's changes show within it.
# See docs/reference/inbox.md.
INBOX_BADGE_SECONDS = env_int("INBOX_BADGE_SECONDS", 60)
if INBOX_BADGE_SECONDS < 0:
    raise ConfigError("INBOX_BADGE_SECONDS must be 0 or more (seconds)")

# Two-factor login: the issuer name the authenticator app shows next to the account.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "kotacerdas")

# Retention (UU PDP 27/2022, docs/explanation/personal-data.md): `kotacerdas manage apply_retention`
# deletes evidence files of closed work older than EVIDENCE_RETENTION_DAYS and blanks the before/after
# snapshots of audit entries older than AUDIT_SNAPSHOT_RETENTION_DAYS (who did what, when, stays).
EVIDENCE_RETENTION_DAYS = env_int("EVIDENCE_RETENTION_DAYS", 10 * 365)
AUDIT_SNAPSHOT_RETENTION_DAYS = env_int("AUDIT_SNAPSHOT_RETENTION_DAYS", 5 * 365)
for _name in ("EVIDENCE_RETENTION_DAYS", "AUDIT_SNAPSHOT_RETENTION_DAYS"):
    if globals()[_name] < 1:
        raise ConfigError(f"{_name} must be at least 1 (days)")
# The captcha of citizens' forms (django-simple-captcha): images made on our server, no third party.
# No audio (that would need flite); tests turn on the package's test mode (conftest.py).
CAPTCHA_LENGTH = 5
CAPTCHA_TIMEOUT = 30  # minutes a picture stays valid: writing an idea takes a while
CAPTCHA_FLITE_PATH = None
# Citizen participation rate limits per hour: kind → (per account, per address)
# (docs/reference/participation.md)
PARTICIPATION_RATE_LIMITS = {
    "signup": (1, env_int("PARTICIPATION_SIGNUPS_PER_ADDRESS", 5)),
    "idea": (env_int("PARTICIPATION_IDEAS_PER_ACCOUNT", 5), env_int("PARTICIPATION_IDEAS_PER_ADDRESS", 15)),
    "comment": (20, 60),
    "support": (60, 200),
}

# Outside production e-mails are written as files under VAR_DIR/mail (one file per sending run), not
# printed: the daily chores' first tick at `kotacerdas up` sent a screenful of reminders around the logins.
_EMAIL_DEFAULT = "console" if PRODUCTION else "filebased"
EMAIL_BACKEND = env("EMAIL_BACKEND", f"django.core.mail.backends.{_EMAIL_DEFAULT}.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH") or str(VAR_DIR / "mail")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "kotacerdas <noreply@localhost>")
# The address people open the site at: links in e-mails sent outside a request (the daily digest).
SITE_URL = (env("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")

REST_FRAMEWORK = {
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.URLPathVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "kotacerdas.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "kotacerdas.api.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "kotacerdas.api.parsers.CleanJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "kotacerdas API",
    "DESCRIPTION": "Versioned JSON API of kotacerdas. Public endpoints need no token; "
    "region data needs a token and follows the same region scoping as the web pages.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # record ids in paths (kotacerdas/web/converters.py): integers the database can hold
    "PATH_CONVERTER_OVERRIDE": {"id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}},
    # choice sets several components share under one field name ("state", "status"), named once
    # (without this drf-spectacular warns and names them StatusEdeEnum, Status5c1Enum, …)
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "kotacerdas.jobs.models.JobStatus.values",  # serializers list the values
        "PeriodStateEnum": "kotacerdas.monitoring.models.Period.State",
        "ReportStatusEnum": "kotacerdas.monitoring.models.ReviewStatus",
        "DeliverableStatusEnum": "kotacerdas.programme.models.Deliverable.Status",
    },
    # the Error and ValidationError bodies every operation's 400/401/403/404 refers to (api/schema.py)
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "kotacerdas.api.schema.add_error_components",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment the operator of the domain must make knowingly
        # (docs/how-to/deploy.md); everything else `check --deploy` asks for is on.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    X_FRAME_OPTIONS = "DENY"
