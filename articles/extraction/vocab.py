"""The closed vocabularies of a statement, shared by the pipeline, the models and the API."""

QUOTE_TYPES = ("direct", "indirect", "mixed")
TOPICS = ("protests", "csto", "both", "other")
# CAMEO verbal top-level classes (01-05, 10-12), see shared/eval/README.md.
ACTS = ("statement", "appeal", "cooperate", "consult", "support", "demand", "disapprove", "reject")
# How said_on was fixed; the statement page shows it.
DATE_RULES = (
    "explicit",  # a written date: 10 كانون الثاني/ يناير 2022
    "weekday",  # a weekday name resolved against the publication date
    "relative",  # اليوم، أمس، غداً ...
    "carried",  # the date of the same speaker's occasion, carried over
    "news_day",  # no day of its own: the day of the article's other news
    "none",  # the article does not fix the day
)
# How the speaker was chosen (ExtractedStatement.speaker_rule; a rule may add ":name" or ":title",
# the kind of alias that named it), with what the statement page says of it.
SPEAKER_RULES = {
    "svo": "named just before the reporting verb",
    "vso": "named right after the reporting verb",
    "transmitted": "the one an agency quotes («نقلت ... عن X»)",
    "according_to": "named after «according to» («حسب», «по словам»)",
    "headline": "named before a colon opening the line",
    "pronoun": "a pronoun: the speaker before it (or the person named last)",
    "continuation": "a participle going on with the speaker before («مضيفا», «adding»)",
    "quotation": "a quotation going on right after the speaker's words",
    "title": "a title referring back to the latest actor named who holds it",
    "name": "a word of the name of someone named earlier in the article",
    "short_form": "a shortened name or title of an actor named earlier",
    "bare_institution": "an institution left unqualified: the article's country's",
    "document": "a document speaking for its author («البيان»)",
    "post": "the author of an embedded post",
    "provisional": "a speaker the catalogue lacks, named by the article: a provisional actor for review",
}
# Where the words were cut (ExtractedStatement.words_rule).
WORDS_RULES = {
    "after_complementizer": "after the complementizer that follows the cue («أن», «that», «что»)",
    "after_colon": "after a colon: quoted words",
    "quotation": "the quotation that follows the cue",
    "after_cue": "the clause that follows the cue and its adverbials",
    "before_attribution": "the clause before its attribution («“…,” Putin said», «…, — сказал он»)",
    "headline": "after the speaker and colon opening the line",
    "post": "an embedded post",
    "lead_in": "after «О том, что», up to the cue",
    "sentence_before": "the sentence before «Об этом заявил X»",
    "after_as": "after «Как заявил X,» or «As X said,»",
    "quotation_goes_on": "a quotation right after the speaker's words",
}
ACTOR_KINDS = ("person", "organisation", "government_body", "country", "group")
LANGUAGES = ("ar", "en", "ru")
