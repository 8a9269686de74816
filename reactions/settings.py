"""Settings for Reactions, all read from the environment.

With nothing set, the app runs on the embedded default: SQLite next to the code and Celery tasks
run eagerly in-process. DATABASE_URL selects PostgreSQL (psycopg 3); REDIS_URL makes Celery use Redis
as broker and turns eager execution off. Production (DEBUG off) needs SECRET_KEY and passes
`manage.py check --deploy`.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from reactions.lib.env import EnvError, env_bool, env_int, env_list, env_str, local_secret_key
from reactions.lib.release import code_release

BASE_DIR = Path(__file__).resolve().parent.parent

try:
    DEBUG = env_bool("DEBUG", False)
    EMBEDDED = not env_str("DATABASE_URL", "")
    # A deployment (DATABASE_URL set) must give SECRET_KEY; the embedded default keeps a random key
    # of its own in .secret_key, so `manage.py extract` and bin/serve work with nothing set.
    SECRET_KEY = env_str(
        "SECRET_KEY", local_secret_key(BASE_DIR / ".secret_key") if EMBEDDED or DEBUG else None
    )
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
    DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
    REDIS_URL = env_str("REDIS_URL", "")
    # The cache may live on a Redis of its own (one with maxmemory and an eviction policy, which
    # the queue's must not have: docker-compose.yml); by default it shares REDIS_URL.
    CACHE_URL = env_str("CACHE_URL", "") or REDIS_URL
    # A cache call waits at most this long; after one that timed out or could not connect, the
    # cache is skipped for CACHE_RETRY_SECONDS (reactions/cache_backend.py).
    CACHE_SOCKET_TIMEOUT_MS = env_int("CACHE_SOCKET_TIMEOUT_MS", 500)
    CACHE_RETRY_SECONDS = env_int("CACHE_RETRY_SECONDS", 30)
    SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
    DB_CONN_MAX_AGE = env_int("DB_CONN_MAX_AGE", 60)
    # PostgreSQL, per connection: memory for a sort or a bitmap before it spills or goes lossy (the
    # facet counts at 1,000,000 statements went lossy at the server's 4MB, bench/PLANS.md), and a cap
    # on one statement in milliseconds (0: none; set it for the web processes, not for migrations).
    DB_WORK_MEM = env_str("DB_WORK_MEM", "16MB")
    DB_STATEMENT_TIMEOUT = env_int("DB_STATEMENT_TIMEOUT", 0)
    # PostgreSQL's JIT compiler, off unless asked for: it compiles a plan whose estimated cost passes
    # jit_above_cost, which a search's bitmap scan at 1,000,000 statements does, and compiling took
    # 50-70 ms of a 130-200 ms facet count that it then did not shorten (docs/scaling.md).
    DB_JIT = env_bool("DB_JIT", False)
    # How many heap pages a bitmap scan asks the kernel to read ahead (PostgreSQL's
    # effective_io_concurrency; unset: the server's). 0 when the data fits in memory: the read-ahead
    # requests then cost a system call a page for nothing (a search's count at 1,000,000 statements:
    # 84 -> 72 ms). Keep the server's default on disks the data does not fit beside.
    DB_IO_CONCURRENCY = env_int("DB_IO_CONCURRENCY", -1)  # -1: unset
    if not -1 <= DB_IO_CONCURRENCY <= 1000:  # PostgreSQL's own bounds
        raise EnvError(f"DB_IO_CONCURRENCY={DB_IO_CONCURRENCY} must be 0 to 1000 (or unset)")
    # A whole statements page counts its facets before it answers up to this many statements; past
    # it, the page answers with the list and its panel asks for the counts (seconds at 1,000,000).
    COUNTS_FIRST_BELOW = env_int("COUNTS_FIRST_BELOW", 200_000)
    # How many panels' counts all web processes compute at once (the others ask again shortly):
    # counting is work for the database's cores, and the lists must keep answering meanwhile.
    COUNTING_SLOTS = env_int("COUNTING_SLOTS", max(1, (os.cpu_count() or 2) // 2))
    # Readers' reports of a wrong statement accepted from one address an hour (reactions/pages/flags.py).
    FLAGS_PER_HOUR = env_int("FLAGS_PER_HOUR", 10)
    # URL ingest: timeouts, size cap, redirects, and the private hosts it may fetch from.
    FETCH_TIMEOUT = env_int("FETCH_TIMEOUT", 10)  # seconds, for each connect and each read
    FETCH_DEADLINE = env_int("FETCH_DEADLINE", 30)  # seconds, for a whole fetch (redirects included)
    # What one article may hold (articles/services.within_limits): past it, left out and said so.
    ARTICLE_MAX_STATEMENTS = env_int("ARTICLE_MAX_STATEMENTS", 2000)
    ARTICLE_MAX_NEW_SPEAKERS = env_int("ARTICLE_MAX_NEW_SPEAKERS", 100)
    # The largest request body taken (an ingest of pasted articles or uploaded files), in bytes.
    REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 50 * 1024 * 1024)
    FETCH_MAX_BYTES = env_int("FETCH_MAX_BYTES", 10 * 1024 * 1024)
    FETCH_MAX_REDIRECTS = env_int("FETCH_MAX_REDIRECTS", 3)
    FETCH_ALLOWED_HOSTS = env_list("FETCH_ALLOWED_HOSTS", [])
    # API throttling: anonymous readers and signed-in users, e.g. "120/min", or "off".
    API_ANON_RATE = env_str("API_ANON_RATE", "120/min")
    API_USER_RATE = env_str("API_USER_RATE", "1200/min")
    # Proxies in front of the app that append the client's address to X-Forwarded-For: the address
    # throttles and sign-in lockouts count by is the one the first of them saw. 0: REMOTE_ADDR, and
    # X-Forwarded-For (which any client may write) is never read.
    NUM_PROXIES = env_int("NUM_PROXIES", 0)
    # Origins whose pages may read the API from the browser (CORS), e.g. https://dashboard.example.org.
    CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [])
    # A task a killed worker was running goes back to the queue after this many seconds; it must be
    # longer than any ingest task takes (a fetch is capped at FETCH_TIMEOUT per request).
    CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 900)
    # Sign-in: this many failures for one username from one address lock it out for that long.
    LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
    LOGIN_COOLOFF_MINUTES = env_int("LOGIN_COOLOFF_MINUTES", 15)
except EnvError as exc:
    raise ImproperlyConfigured(str(exc)) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # 1,000,000 in the pager
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "axes",
    "reactions",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "reactions.security.ContentSecurityPolicyMiddleware",
    "reactions.security.RefuseNullCharactersMiddleware",
    "reactions.security.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "reactions.data_version.OneVersionPerRequest",  # read once, for the ETag, the answer and the counts
    "reactions.conditional.ConditionalAPIMiddleware",
    # Answers from the cache leave here, with every header the middleware above adds
    # (reactions/response_cache.py); the middleware below runs only for answers made afresh.
    "reactions.response_cache.SharedAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "reactions.htmx.HtmxMiddleware",  # django-htmx's, and a history restore asks for the whole page
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out sign-in before the password is checked
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "reactions.security.locked_out"  # 429 with Retry-After
AXES_CLIENT_IP_CALLABLE = "reactions.security.client_address"  # the throttles' rule (NUM_PROXIES)

ROOT_URLCONF = "reactions.urls"
WSGI_APPLICATION = "reactions.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default: the dev server's threads and the eager ingest write from one process.
    # WAL lets readers read while one writes; a write transaction takes the lock when it begins
    # (IMMEDIATE), where a waiting writer queues for it (`timeout`), instead of upgrading a read lock
    # mid-way, which SQLite refuses at once with "database is locked" whatever the timeout.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["connect_timeout"] = 5
    jit = "on" if DB_JIT else "off"
    server = {"work_mem": DB_WORK_MEM, "statement_timeout": DB_STATEMENT_TIMEOUT, "jit": jit}
    if DB_IO_CONCURRENCY >= 0:
        server["effective_io_concurrency"] = DB_IO_CONCURRENCY
    options["options"] = " ".join(f"-c {name}={value}" for name, value in server.items())

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# The extraction accuracy the codebook shows, as `manage.py measure_accuracy` wrote it (committed).
ACCURACY_FILE = BASE_DIR / "reactions" / "data" / "accuracy.json"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Tests render pages without running collectstatic first.
WHITENOISE_MANIFEST_STRICT = False

# Celery: Redis when REDIS_URL is set, otherwise tasks run in-process (the embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
# No result backend: an item's outcome is recorded on its ingest job in the database.
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How often a worker looks for abandoned tasks (kombu's default is every 100 s) and for items whose
# message the queue lost (articles/worker.py).
WORKER_SWEEP_SECONDS = max(1, min(10, CELERY_VISIBILITY_TIMEOUT // 2))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "unacked_restore_interval": WORKER_SWEEP_SECONDS,
    "unacked_restore_throttle": 1,
    # A Redis that is away fails a publish in seconds (the API answers 503), not after minutes.
    "socket_connect_timeout": 5,
}

REST_FRAMEWORK = {
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "reactions.api_errors.handle",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "NUM_PROXIES": NUM_PROXIES,  # the throttles' address (reactions.security.client_address)
    "DEFAULT_THROTTLE_CLASSES": ["reactions.api.throttling.ReaderRateThrottle"],
    # "off" lifts a limit (benchmarks measure the app, not the throttle).
    "DEFAULT_THROTTLE_RATES": {
        "anon": None if API_ANON_RATE == "off" else API_ANON_RATE,
        "user": None if API_USER_RATE == "off" else API_USER_RATE,
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Reactions API",
    "DESCRIPTION": "Who said what, and when, about the January 2022 unrest in Kazakhstan.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "reactions.api.schema.document_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ActorKindEnum": "reactions.api.schema.actor_kinds",  # its choices as the model labels them
        "EventKindEnum": [("development", "development"), ("occasion", "occasion")],
    },
}

# On the embedded SQLite default: the counting indexes' INCLUDE columns (models.W040) are for
# PostgreSQL's index-only scans; SQLite builds the same indexes without them, which is all it needs.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Throttle counters (and later cached facets) live in Redis when there is one, so that every web
# worker counts the same requests; in-process otherwise.
# A Redis that is away is a cache miss (reactions/cache_backend.py), so reads go on without it.
RELEASE = env_str("RELEASE", "") or code_release()
CACHES = {
    "default": {
        "BACKEND": "reactions.cache_backend.TolerantRedisCache",
        "LOCATION": CACHE_URL,
        # Answers and counts cached by one release are not served by the next (reactions/lib/release.py).
        "KEY_PREFIX": RELEASE,
        "OPTIONS": {
            "socket_connect_timeout": CACHE_SOCKET_TIMEOUT_MS / 1000,
            "socket_timeout": CACHE_SOCKET_TIMEOUT_MS / 1000,
        },
    }
    if CACHE_URL
    else {"BACKEND": "reactions.cache_backend.LocalCache"}
}
# CORS covers the read API only: ingest and corrections are for analysts on this site.
CORS_URLS_REGEX = r"^/api/(?!ingest/).*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Retry-After"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "ingest"
LOGOUT_REDIRECT_URL = "statements"

# Production hardening; each can be relaxed from the environment for a local docker-compose run.
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
# No script reads the CSRF cookie (forms carry the token), so no script may.
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Container health checks call /healthz over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"reactions": {"level": "INFO"}, "articles": {"level": "INFO"}},
}

# Where the README's first command looks for articles when given no folder.
SEED_DIR = BASE_DIR.parent / "shared" / "seeds"
CATALOGUE_DIR = BASE_DIR / "reactions" / "catalogue"
