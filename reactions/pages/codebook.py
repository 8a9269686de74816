"""The codebook (`/methodology/`): what every label means, how each is found, and how accurate
extraction measured on the development sets."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from articles.extraction.labels import DIRECT_BONUS, OTHER_RULE_CONFIDENCE, RULE_CONFIDENCE
from articles.extraction.vocab import SPEAKER_RULES
from reactions import codebook
from reactions.developments import REACTION_DAYS
from reactions.overview import STANCE_OF_ACT, STANCES, SUBJECTS
from reactions.pages.common import LANGUAGE_NAMES
from reactions.response_cache import anonymous_reads


@require_safe
@anonymous_reads
def codebook_page(request: HttpRequest) -> HttpResponse:
    measured = codebook.accuracy()
    return render(
        request,
        "reactions/codebook.html",
        {
            "acts": [(e, STANCE_OF_ACT[e.value]) for e in codebook.ACTS],
            "topics": codebook.TOPICS,
            "quotes": codebook.QUOTES,
            "date_rules": codebook.DATE_RULES,
            "speaker_rules": [
                (rule, meaning, RULE_CONFIDENCE.get(rule, OTHER_RULE_CONFIDENCE))
                for rule, meaning in SPEAKER_RULES.items()
            ],
            "direct_bonus": DIRECT_BONUS,
            "reaction_days": REACTION_DAYS,
            "stances": [(s, [a for a, t in STANCE_OF_ACT.items() if t == s]) for s in STANCES],
            "subjects": [(label, topics) for label, topics in SUBJECTS.values()],
            "accuracy": measured,
            "languages": LANGUAGE_NAMES,
        },
    )
