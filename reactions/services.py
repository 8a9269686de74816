"""An analyst's correction of a statement: the one way an edit reaches the data."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from reactions.data_version import statements_changed
from reactions.models import Correction, Statement


def mark_corrected(statement: Statement, user, via: str = "api", **changes) -> Statement:
    """Apply an analyst's correction, recording each field it changes (`Correction`): re-extraction
    will never replace the statement. Every edit path calls this: the admin, the API, undo."""
    before = Statement.objects.get(pk=statement.pk) if statement.pk else None
    with transaction.atomic():
        for field, value in changes.items():
            setattr(statement, field, value)
        statement.corrected_by_human = True
        statement.corrected_by = user if getattr(user, "is_authenticated", False) else None
        statement.corrected_at = timezone.now()
        statement.save()
        if before is not None:
            Correction.objects.bulk_create(
                Correction(
                    statement=statement,
                    user=statement.corrected_by,
                    field=field,
                    before=_stored(before, field),
                    after=_stored(statement, field),
                    before_shown=_shown(before, field),
                    after_shown=_shown(statement, field),
                    via=via,
                )
                for field in changes
                if _stored(before, field) != _stored(statement, field)
            )
    statements_changed()
    return statement


def undo(correction: Correction, user) -> Statement:
    """Put the field back as it was before `correction`: itself a correction, recorded as one."""
    statement = correction.statement
    field = Statement._meta.get_field(correction.field)
    value: Any = correction.before
    if field.is_relation:
        value = field.related_model.objects.get(pk=value)
    elif field.get_internal_type() == "DateField" and value is not None:
        value = field.to_python(value)
    return mark_corrected(statement, user, via="undo", **{correction.field: value})


def _stored(statement: Statement, field: str) -> Any:
    """The value as JSON can keep it: a related object by its id, a day as ISO text."""
    model_field = Statement._meta.get_field(field)
    value = getattr(statement, model_field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _shown(statement: Statement, field: str) -> str:
    value = getattr(statement, field)
    return "none" if value is None else str(value)[:300]
