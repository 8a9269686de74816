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
