"""The codebook's words in templates: a label's meaning for its badge's tooltip, and its entry."""

from django import template

from reactions import codebook

register = template.Library()


@register.filter
def meaning(value: str, kind: str) -> str:
    """`{{ s.act|meaning:"act" }}`: the gist of what the label means ("" for a value the codebook
    lacks); the badge links to the whole entry."""
    found = codebook.entry(kind, value)
    return found.gist if found else ""


@register.filter
def cut_rule(rule: str) -> str:
    """A speaker rule without the kind of alias that named it: "svo:title" -> "svo"."""
    return rule.split(":")[0]


@register.filter
def lookup(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def percent(share: float | None) -> str:
    """0.925 -> "92.5%"."""
    return "" if share is None else f"{share * 100:.1f}%"


@register.filter
def words(value: str) -> str:
    """A code as words: news_day -> "news day"."""
    return value.replace("_", " ")
