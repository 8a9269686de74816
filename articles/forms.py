"""The ingest page's form: web addresses one a line, and what the uploaded files do not say of
themselves (their outlet, day, language, headline and address), or a manifest that says it."""

from __future__ import annotations

from datetime import date

from django import forms

from articles.reading import ManifestEntry, ReadError, parse_manifest
from reactions.lib.days import outside

MAX_URLS = 200
LANGUAGES = [("", "detect it"), ("ar", "Arabic"), ("en", "English"), ("ru", "Russian")]


class IngestForm(forms.Form):
    urls = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "dir": "ltr"}),
        label="Article pages or RSS/Atom feeds, one address a line",
    )
    source = forms.CharField(required=False, max_length=200, label="Outlet")
    published = forms.DateField(
        required=False,
        input_formats=["%Y-%m-%d"],
        label="Published on",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    language = forms.ChoiceField(required=False, choices=LANGUAGES, label="Language")
    title = forms.CharField(required=False, max_length=500, label="Headline (one file)")
    url = forms.URLField(
        required=False, max_length=2000, assume_scheme="https", label="Original address (one file)"
    )

    def __init__(self, *args, files_uploaded: int = 0, manifest=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.files_uploaded = files_uploaded
        self.manifest_upload = manifest
        self.manifest: dict[str, ManifestEntry] = {}

    def clean_urls(self) -> list[str]:
        # One address a line: an address holds no space, so a line with one is refused whole, not cut.
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines() if line.strip()]
        bad = [line for line in lines if not line.startswith(("http://", "https://")) or " " in line]
        if bad:
            raise forms.ValidationError(f"Not a web address (one a line): {bad[0][:200]}")
        if len(lines) > MAX_URLS:
            raise forms.ValidationError(f"At most {MAX_URLS} addresses at a time.")
        return lines

    def clean_published(self) -> date | None:
        day = self.cleaned_data["published"]
        if (reason := outside(day)) is not None:
            raise forms.ValidationError(reason)
        if day is not None and day > date.today():
            raise forms.ValidationError(
                f"{day.isoformat()} is after today: an article is published before it is read."
            )
        return day

    def clean(self) -> dict:
        data = super().clean()
        if self.manifest_upload is not None:
            try:
                self.manifest = parse_manifest(self.manifest_upload.read(), self.manifest_upload.name)
            except ReadError as exc:
                self.add_error(None, str(exc))
        if not data.get("urls") and not self.files_uploaded and "urls" not in self.errors:
            raise forms.ValidationError("Paste at least one address or choose at least one file.")
        if self.files_uploaded > 1 and (data.get("title") or data.get("url")):
            raise forms.ValidationError(
                "A headline and an address are one file's: for several files, upload a manifest beside them."
            )
        return data

    def entry(self, name: str) -> ManifestEntry:
        """What is known of the uploaded file `name`: its manifest entry, else the form's fields."""
        if name in self.manifest:
            return self.manifest[name]
        data = self.cleaned_data
        return ManifestEntry(
            file=name,
            source=data.get("source") or "",
            published=data.get("published"),
            language=data.get("language") or "",
            url=data.get("url") or None,
            title=data.get("title") or "",
        )
