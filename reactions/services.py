"""An analyst's correction of a statement: the one way an edit reaches the data."""

from __future__ import annotations

from django.utils import timezone

from reactions.data_version import statements_changed
from reactions.models import Statement


def mark_corrected(statement: Statement, user, **changes) -> Statement:
    """Apply an analyst's correction; re-extraction will never replace it."""
    for field, value in changes.items():
        setattr(statement, field, value)
    statement.corrected_by_human = True
    statement.corrected_by = user
    statement.corrected_at = timezone.now()
    statement.save()
    statements_changed()
    return statement
