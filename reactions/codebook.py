"""The codebook: what each label on a statement means, with an example, and how each is found.

One home for the words: the codebook page (`/methodology/`) lists every entry, each card's badges
carry their entry's meaning as a tooltip and link to it (`entry_link`), and the statement page says
how its day was found from DATE_RULES. The vocabularies themselves are the pipeline's
(articles/extraction/vocab.py); a test checks that every value of each has its entry here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Entry:
    value: str
    meaning: str
    example: str = ""

    def anchor(self, label: str) -> str:
        return f"{label}-{self.value}"

    @property
    def gist(self) -> str:
        """The meaning's first clause ("Appeals (CAMEO 02)"): a card's badge carries it as its
        tooltip, and links to the whole entry (twenty-five cards carried the whole meanings: a
        third more bytes a page)."""
        return self.meaning.split(":")[0].split(".")[0]


# CAMEO's verbal top-level classes (the coding scheme of GDELT and ICEWS); the examples are written
# for this page, in the crisis's terms.
ACTS = (
    Entry(
        "statement",
        "Makes a public statement (CAMEO 01): says what happened or what it thinks, "
        "with no request, praise or blame.",
        "The situation in Almaty remains tense.",
    ),
    Entry(
        "appeal",
        "Appeals (CAMEO 02): asks someone to do something, calls for calm, dialogue or restraint.",
        "We call on all sides to refrain from violence.",
    ),
    Entry(
        "cooperate",
        "Expresses intent to cooperate (CAMEO 03): offers help or says it will work with someone.",
        "Russia is ready to provide further assistance to Kazakhstan.",
    ),
    Entry(
        "consult",
        "Consults (CAMEO 04): talks, meets or phones someone, or says it will.",
        "The two presidents discussed the situation by phone.",
    ),
    Entry(
        "support",
        "Supports or praises (CAMEO 05): backs a party or what it did.",
        "We support the measures taken by the Kazakh authorities.",
    ),
    Entry(
        "demand",
        "Demands (CAMEO 10): insists that something be done, more firmly than an appeal.",
        "The troops must leave the country immediately.",
    ),
    Entry(
        "disapprove",
        "Disapproves (CAMEO 11): criticises, accuses or condemns.",
        "We condemn the attacks on state buildings.",
    ),
    Entry(
        "reject",
        "Rejects or denies (CAMEO 12): refuses a request or says a claim is false.",
        "We reject any attempt to interfere in Kazakhstan's internal affairs.",
    ),
)
TOPICS = (
    Entry(
        "protests",
        "About the unrest: the protests, the riots, the state of emergency, the arrests and the dead.",
        "Protesters stormed the mayor's office in Almaty.",
    ),
    Entry(
        "csto",
        "About the CSTO deployment: the request for troops, their arrival, mandate and withdrawal.",
        "The CSTO peacekeepers will leave once their mission is complete.",
    ),
    Entry(
        "both",
        "About the unrest and the deployment together.",
        "The troops were sent because terrorists attacked the country.",
    ),
    Entry(
        "other",
        "About something else: energy prices, the economy, other countries.",
        "Gas prices will be capped for 180 days.",
    ),
)
QUOTES = (
    Entry(
        "direct",
        "The words are quoted: in quotation marks or guillemets, after a colon, or in an embedded post.",
        "“Kazakhstan is our ally,” he said.",
    ),
    Entry(
        "indirect",
        "Reported speech: the article says what was said in its own words.",
        "He said that Kazakhstan was an ally.",
    ),
    Entry(
        "mixed",
        "Reported speech with a quoted fragment.",
        "He said that Kazakhstan was “our ally” and would stay one.",
    ),
)
# How `said_on` was fixed, in the order the pipeline tries them; the statement page quotes the word
# that fixed it where one did.
DATE_RULES = (
    Entry("explicit", "The article writes the date out.", "«On 6 January», «10 كانون الثاني/ يناير»"),
    Entry(
        "weekday",
        "The article names a weekday: the last such day up to its publication (the next one after «next»).",
        "«on Monday», «يوم الجمعة», «в понедельник»",
    ),
    Entry(
        "relative",
        "The article says today, yesterday or the like, counted from its publication day.",
        "«yesterday», «أمس», «вчера»",
    ),
    Entry(
        "carried",
        "No day of its own: the day of the statement just before it, by the same speaker or "
        "their institution (the spokesman and the ministry), is carried over to the words that go "
        "on with it.",
        "«In the call on 7 January, Putin said … He added that …»",
    ),
    Entry(
        "news_day",
        "No day of its own: the article's news day is taken, the first day another of its "
        "statements fixed, else its dateline's. Words said «earlier» («ранее», «سابقا») never take it.",
        "«ALMATY, Jan 6 (Reuters) -»",
    ),
    Entry(
        "none",
        "The article does not fix the day: the statement is listed as undated, last in "
        "every list, and counted apart.",
        "",
    ),
)
KINDS = {"act": ACTS, "topic": TOPICS, "quote": QUOTES, "day": DATE_RULES}


def entry(kind: str, value: str) -> Entry | None:
    return next((e for e in KINDS[kind] if e.value == value), None)


def accuracy(path: Path | None = None) -> dict | None:
    """The extraction accuracy `manage.py measure_accuracy` wrote last (None when never measured)."""
    path = path or settings.ACCURACY_FILE
    return json.loads(path.read_text()) if path.exists() else None
