"""An analyst's correction of a statement: the one way an edit reaches the data. Rejecting one
("not a statement") is a correction too: of its `rejected` field, recorded and undone like any."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from reactions.data_version import statements_changed
from reactions.models import Correction, Review, Statement, matched_columns


def mark_corrected(statement: Statement, user, via: str = "api", **changes) -> Statement:
    """Apply an analyst's correction, recording each field it changes (`Correction`): re-extraction
    will never replace the statement. Every edit path calls this: the admin, the API, the review
    queue, undo. `words=(start, end)` moves the words to that span of the article: one correction
    of the words, however many columns it changes."""
    before = Statement.all_objects.get(pk=statement.pk) if statement.pk else None
    with transaction.atomic():
        if "words" in changes:
            start, end = changes.pop("words")
            text = statement.article.text
            statement.start, statement.end, statement.content = start, end, text[start:end]
            for column, value in matched_columns(statement.content).items():
                setattr(statement, column, value)
            recorded = ["words"] if before is not None and (before.start, before.end) != (start, end) else []
        else:
            recorded = []
        for field, value in changes.items():
            setattr(statement, field, value)
        _mark_owned(statement, user)
        statement.save()
        if before is not None:
            recorded += [f for f in changes if _stored(before, f) != _stored(statement, f)]
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
                for field in recorded
            )
        if "rejected" in changes and before is not None and before.rejected != statement.rejected:
            _regroup(statement)
    statements_changed()
    return statement


def confirm(statement: Statement, user) -> Statement:
    """An analyst found the statement right as extracted: re-extraction keeps it as it is now
    (nothing changed, so no correction is recorded)."""
    _mark_owned(statement, user)
    statement.save(update_fields=["corrected_by_human", "corrected_by", "corrected_at"])
    return statement


def _mark_owned(statement: Statement, user) -> None:
    """An analyst (`user`, None when not signed in) now answers for the statement: re-extraction
    keeps it."""
    statement.corrected_by_human = True
    statement.corrected_by = _signed_in(user)
    statement.corrected_at = timezone.now()


def _signed_in(user):
    return user if getattr(user, "is_authenticated", False) else None


def review(statement: Statement, user, outcome: str, **changes) -> Review:
    """Record an analyst's verdict from the review queue and apply it: confirm, correct (`changes`,
    as `mark_corrected` takes them) or reject. Readers' open reports of the statement are answered."""
    extracted = Statement.all_objects.get(pk=statement.pk)  # what extraction said, before any change
    with transaction.atomic():
        if outcome == "confirmed":
            confirm(statement, user)
        elif outcome == "corrected":
            mark_corrected(statement, user, via="review", **changes)
        elif outcome == "rejected":
            reject(statement, user, via="review")
        else:
            raise ValueError(f"no such outcome: {outcome!r}")
        statement.flags.filter(handled=False).update(handled=True)
        return Review.objects.create(
            statement=statement,
            user=_signed_in(user),
            outcome=outcome,
            changed=sorted(changes) if outcome == "corrected" else [],
            language=extracted.language,
            speaker_rule=extracted.speaker_rule,
            date_rule=extracted.date_rule,
            words_rule=extracted.words_rule,
        )


def reject(statement: Statement, user, via: str = "review") -> Statement:
    """Mark `statement` as not a statement: hidden from every public list, export and count
    (Statement.objects), never made again by re-extraction (its span stays taken), undoable from
    its history. Readers' open reports of it are answered by it."""
    with transaction.atomic():
        mark_corrected(statement, user, via=via, rejected=True)
        statement.flags.filter(handled=False).update(handled=True)
    return statement


def _regroup(statement: Statement) -> None:
    """Keep the claim groups whole when a statement leaves or comes back. A rejected first report
    hands its group to the earliest published of its reports; one restored joins the group of the
    same words it belongs to, if another outlet's report of them is stored (articles.services)."""
    from articles.services import link_reports

    if statement.rejected:
        reports = list(Statement.objects.reports_of([statement.pk]).exclude(pk=statement.pk).only("pk"))
        if reports:
            head, *rest = reports
            Statement.all_objects.filter(pk=head.pk).update(first_report=None)
            Statement.all_objects.filter(pk__in=[r.pk for r in rest]).update(first_report=head.pk)
        return
    if statement.first_report_id is None or statement.first_report.rejected:
        link_reports(statement.article, [statement])
        Statement.all_objects.filter(pk=statement.pk).update(first_report=statement.first_report_id)


def undo(correction: Correction, user) -> Statement:
    """Put the field back as it was before `correction`: itself a correction, recorded as one."""
    statement = correction.statement
    if correction.field == "words":
        return mark_corrected(statement, user, via="undo", words=tuple(correction.before))
    field = Statement._meta.get_field(correction.field)
    value: Any = correction.before
    if field.is_relation:
        value = field.related_model.objects.get(pk=value)
    elif field.get_internal_type() == "DateField" and value is not None:
        value = field.to_python(value)
    return mark_corrected(statement, user, via="undo", **{correction.field: value})


def _stored(statement: Statement, field: str) -> Any:
    """The value as JSON can keep it: a related object by its id, a day as ISO text, the words by
    their span."""
    if field == "words":
        return [statement.start, statement.end]
    model_field = Statement._meta.get_field(field)
    value = getattr(statement, model_field.attname)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _shown(statement: Statement, field: str) -> str:
    if field == "words":
        return _cut(statement.content)
    value = getattr(statement, field)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "none" if value is None else str(value)[:300]


def _cut(words: str, most: int = 300) -> str:
    return words if len(words) <= most else words[: most - 1] + "…"
