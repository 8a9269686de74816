"""The review queue's correction form: the speaker (any name or alias in the three languages), the
words (a span of the article), the day said, the act, the topic and the quote type."""

from __future__ import annotations

from typing import Any

from django import forms

from articles.extraction.vocab import ACTS, QUOTE_TYPES, TOPICS
from reactions.models import Actor, Statement
from reactions.names import known_names
from reactions.review import implausible_day, plausible_days


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class CorrectionForm(forms.Form):
    speaker = forms.CharField(max_length=200, label="Speaker")
    start = forms.IntegerField(min_value=0, label="Words from character")
    end = forms.IntegerField(min_value=1, label="to character")
    said_on = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        label="Said on",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Empty: the article does not say.",
    )
    act = forms.ChoiceField(choices=_choices(ACTS), label="Act")
    topic = forms.ChoiceField(choices=_choices(TOPICS), label="Topic")
    quote = forms.ChoiceField(choices=_choices(QUOTE_TYPES), label="Quote")

    def __init__(self, statement: Statement, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "speaker": statement.speaker.slug,
                "start": statement.start,
                "end": statement.end,
                "said_on": statement.said_on,
                "act": statement.act,
                "topic": statement.topic,
                "quote": statement.quote,
            },
        )
        super().__init__(*args, **kwargs)
        self.statement = statement
        first, last = plausible_days(statement)
        if first and last:
            self.fields["said_on"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())

    def clean_speaker(self) -> Actor:
        typed = self.cleaned_data["speaker"].strip()
        named = known_names().actors_named(typed)
        if not named:
            raise forms.ValidationError(
                f"No actor in the catalogue is called “{typed}”: pick one of the suggestions, or a "
                "name or alias in Arabic, English or Russian."
            )
        if len(named) > 1 and typed not in known_names().actors_by_slug:
            choices = ", ".join(slug for _, slug in named[:5])
            raise forms.ValidationError(f"“{typed}” names several actors ({choices}): pick one of them.")
        return Actor.objects.get(pk=named[0][0])

    def clean_said_on(self):
        day = self.cleaned_data.get("said_on")
        if reason := implausible_day(self.statement, day):
            raise forms.ValidationError(reason)
        return day

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is None or end is None:
            return data
        text = self.statement.article.text
        if not start < end <= len(text):
            raise forms.ValidationError(
                f"The words must be a span of the article: characters {start}–{end} are not "
                f"(it has {len(text)})."
            )
        # A selection's spaces at either end are not part of the words.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            raise forms.ValidationError("The words chosen are only spaces: select the words said.")
        taken = (
            Statement.all_objects.filter(article=self.statement.article_id, start=start, end=end)
            .exclude(pk=self.statement.pk)
            .first()
        )
        if taken is not None:
            raise forms.ValidationError(f"Statement {taken.pk} already holds exactly these words.")
        data["start"], data["end"] = start, end
        return data

    def changes(self) -> dict[str, Any]:
        """What the form changes, as services.mark_corrected takes it."""
        data, s = self.cleaned_data, self.statement
        found: dict[str, Any] = {}
        if data["speaker"].pk != s.speaker_id:
            found["speaker"] = data["speaker"]
        if (data["start"], data["end"]) != (s.start, s.end):
            found["words"] = (data["start"], data["end"])
        for name in ("said_on", "act", "topic", "quote"):
            if data[name] != getattr(s, name):
                found[name] = data[name]
        return found
