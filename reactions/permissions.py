"""Who may write: analysts (staff, or members of the "analysts" group)."""

from django.contrib.auth.models import AnonymousUser
from rest_framework.permissions import BasePermission

ANALYSTS_GROUP = "analysts"


def is_analyst(user) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated:
        return False
    return user.is_staff or user.groups.filter(name=ANALYSTS_GROUP).exists()


class IsAnalyst(BasePermission):
    message = "Only analysts may do this: sign in with an analyst account or send an analyst's token."

    def has_permission(self, request, view) -> bool:
        return is_analyst(request.user)


def analysts_only(view):
    """A page for analysts: the sign-in page for whom is not signed in, 403 for a reader."""
    from functools import wraps

    from django.contrib.auth.decorators import login_required
    from django.core.exceptions import PermissionDenied

    @login_required
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not is_analyst(request.user):
            raise PermissionDenied("Only analysts may review statements.")
        return view(request, *args, **kwargs)

    return guarded
