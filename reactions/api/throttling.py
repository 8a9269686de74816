"""How often a reader may ask the API: one counter a reader, one read and one write of the cache."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle


class ReaderRateThrottle(SimpleRateThrottle):
    """An anonymous reader by address at the `anon` rate, a signed-in reader by account at the `user`
    rate (settings: API_ANON_RATE, API_USER_RATE).

    DRF's AnonRateThrottle and UserRateThrottle, listed together, each kept a counter of an anonymous
    reader (the user rate applies to anonymous readers too, by address): four calls to the cache an
    API request, for the lower of two limits."""

    scope = "anon"  # until a request says otherwise (SimpleRateThrottle reads a rate when made)

    def allow_request(self, request, view) -> bool:
        if not any(self.THROTTLE_RATES.get(scope) for scope in ("anon", "user")):
            return True  # both "off": the reader is not looked up (a session read) for nothing
        user = getattr(request, "user", None)
        self.scope = "user" if user is not None and user.is_authenticated else "anon"
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str:
        ident = request.user.pk if self.scope == "user" else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
