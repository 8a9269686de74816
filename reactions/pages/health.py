"""The health check, for docker-compose and load balancers."""

from __future__ import annotations

import redis
from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse

# A check of the cache or the broker waits no longer than a cache call does.
_PING_SECONDS = 0.5


def health(request: HttpRequest) -> JsonResponse:
    """The database, the cache and the broker, each "ok" or what is wrong with it.

    Without the database nothing can be answered: 503. Without the cache reads go on, slower and
    unthrottled, and without the broker ingest is refused while reads go on: 200, "degraded", so a
    load balancer keeps the server and a person sees why it is slow. Each check is bounded by a
    short timeout, so the check itself answers while Redis hangs.
    """
    report = {"database": _database(), "cache": _redis(settings.CACHE_URL), "broker": _broker()}
    if report["database"] != "ok":
        return JsonResponse({"status": "error", **report}, status=503)
    degraded = any(v not in ("ok", "not used") for v in report.values())
    return JsonResponse({"status": "degraded" if degraded else "ok", **report})


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "not ready"; its message would name the server's address
        return "unreachable"
    return "ok"


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    return _redis(url) if url.startswith(("redis://", "rediss://")) else "not used"


def _redis(url: str) -> str:
    if not url:
        return "not used"
    client = redis.Redis.from_url(url, socket_connect_timeout=_PING_SECONDS, socket_timeout=_PING_SECONDS)
    try:
        client.ping()
    except redis.TimeoutError:
        return "not answering"
    except redis.RedisError:
        return "unreachable"
    finally:
        client.close()
    return "ok"
