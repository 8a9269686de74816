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
ACTOR_KINDS = ("person", "organisation", "government_body", "country", "group")
LANGUAGES = ("ar", "en", "ru")
