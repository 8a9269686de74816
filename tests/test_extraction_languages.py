"""The reader of reported speech in English and Russian: one test per rule of each profile, on
sentences written for the test (not taken from any article), with the cases a rule must refuse."""

from datetime import date

import pytest

from articles.extraction.morphology import russian_case_forms
from articles.extraction.pipeline import ArticleMeta, extract, matcher_for
from articles.extraction.segment import lines_of, sentences_of


@pytest.fixture(scope="session")
def read(catalogue):
    """Extract from a body written for the test (a title line is put first), published on Monday
    10 January 2022."""

    def _read(body: str, language: str, published: date | None = date(2022, 1, 10)):
        text = "Title\n\n" + body
        found = extract(text, ArticleMeta(file="t.txt", published=published, language=language), catalogue)
        return [s for s in found if s.line_kind != "title"]

    return _read


def said(statements):
    return [(s.speaker_name, s.content) for s in statements]


# ---- English: finding cues and cutting the words ---------------------------------------------
@pytest.mark.parametrize(
    ("body", "speaker", "words", "quote"),
    [
        # A subject, a cue, "that", the words.
        (
            "Peskov said that the troops would leave soon.",
            "Dmitry Peskov",
            "the troops would leave soon",
            "indirect",
        ),
        # No "that": the words begin after the cue and its adverbials.
        ("Lavrov said on Friday the mission was over.", "Sergey Lavrov", "the mission was over", "indirect"),
        # The words first, then the attribution (subject before or after the cue).
        ('"We will help our allies," Putin said.', "Vladimir Putin", '"We will help our allies,"', "direct"),
        ('"We will help our allies," said Peskov.', "Dmitry Peskov", '"We will help our allies,"', "direct"),
        (
            "The situation is under control, Tokayev told reporters.",
            "Kassym-Jomart Tokayev",
            "The situation is under control",
            "indirect",
        ),
        # A title before the name, made from the catalogue's roles: «Russian Foreign Minister».
        (
            "Russian Foreign Minister Sergey Lavrov stressed that dialogue was needed.",
            "Sergey Lavrov",
            "dialogue was needed",
            "indirect",
        ),
        # A colon opens a quotation.
        ('Guterres said: "Violence must stop."', "Antonio Guterres", '"Violence must stop."', "direct"),
    ],
)
def test_english_statements_are_cut_at_their_attribution(read, body, speaker, words, quote):
    (s,) = read(body, "en")
    assert (s.speaker_name, s.content, s.quote) == (speaker, words, quote)


@pytest.mark.parametrize(
    "body",
    [
        "Putin's remarks came days after the troops arrived.",  # a noun after a possessive
        "The statement was published on the website.",  # a noun after an article
        "Troops guard the state buildings in Almaty.",  # a verb's bare form is a noun as often
        "Lavrov called the events a tragedy.",  # «call» reports only with «on», «for», «upon»
        "Officials met in Moscow on Friday.",  # no reporting verb at all
    ],
)
def test_english_narration_is_not_a_statement(read, body):
    assert read(body, "en") == []


def test_a_verb_after_a_name_is_the_words_subject_not_an_inverted_speaker(read):
    (s,) = read("Wang Wenbin spoke to reporters. Wang said China supports the efforts of Kazakhstan.", "en")
    assert (s.speaker_name, s.content) == ("Wang Wenbin", "China supports the efforts of Kazakhstan")


def test_a_participle_after_a_comma_continues_the_speaker(read):
    first, second = read("Putin said the forces would leave soon, adding that the mission was over.", "en")
    assert said([first, second]) == [
        ("Vladimir Putin", "the forces would leave soon"),
        ("Vladimir Putin", "the mission was over"),
    ]
    assert second.speaker_rule == "continuation"


def test_a_quotation_after_a_statement_goes_on_with_its_speaker(read):
    first, second = read('"We are ready," Lavrov said. "We will send help."', "en")
    assert second.speaker_name == first.speaker_name == "Sergey Lavrov"
    assert second.content == '"We will send help."'
    # Not after narration: a quotation alone has no speaker.
    assert read('The meeting ended late. "We will send help."', "en") == []


def test_a_pronoun_is_the_last_speaker_or_the_person_named_before_it(read):
    first, second = read("Peskov said that Moscow was ready. He added that the talks went well.", "en")
    assert second.speaker_name == first.speaker_name == "Dmitry Peskov"
    # No statement yet: the person named before the sentence, not one named after the pronoun.
    (s,) = read("Lavrov met the envoy. He stressed that Tokayev acted lawfully.", "en")
    assert s.speaker_name == "Sergey Lavrov"


def test_a_bare_title_refers_back_to_its_holder_and_never_names_a_speaker_itself(read):
    first, second = read(
        "Azerbaijani Foreign Minister Jeyhun Bayramov said that Baku was concerned. "
        "The minister added that peace must return.",
        "en",
    )
    assert said([first, second]) == [
        ("Jeyhun Bayramov", "Baku was concerned"),
        ("Jeyhun Bayramov", "peace must return"),
    ]
    assert second.speaker_rule == "title"
    # No minister named before: no statement, and no actor called "The minister".
    assert read("The minister added that peace must return.", "en") == []


def test_a_person_the_catalogue_lacks_is_named_by_the_name_not_the_title(read):
    first, second = read(
        "Deputy Interior Minister Ivan Petrovsky said that the curfew would end. "
        "The minister stressed that order was restored.",
        "en",
    )
    assert (first.speaker_key, first.speaker_name, first.speaker_rule) == (
        None,
        "Ivan Petrovsky",
        "provisional",
    )
    assert second.speaker_name == "Ivan Petrovsky"


@pytest.mark.parametrize(
    ("body", "speaker", "words"),
    [
        ("According to Peskov, the troops will leave.", "Dmitry Peskov", "the troops will leave"),
        ("The troops will leave, according to Peskov.", "Dmitry Peskov", "The troops will leave"),
        # The source may be named inside a longer phrase.
        (
            "According to a statement on the Kremlin website, the talks went well.",
            "Kremlin",
            "the talks went well",
        ),
        (
            "The troops will leave, according to a statement by the Russian Foreign Ministry.",
            "Russian Foreign Ministry",
            "The troops will leave",
        ),
    ],
)
def test_according_to_attributes_the_clause_before_or_after_it(read, body, speaker, words):
    (s,) = read(body, "en")
    assert (s.speaker_name, s.content) == (speaker, words)


def test_an_outlet_relaying_is_never_the_speaker(read):
    assert read("The troops will leave, according to news agencies.", "en") == []
    (s,) = read("Peskov said, as Interfax reported, that the troops will leave.", "en")
    assert s.speaker_name == "Dmitry Peskov"


def test_abbreviations_and_initials_do_not_end_an_english_sentence():
    text = "Mr. Dujarric said on Jan. 6 that the U.S. envoy arrived. Then he left."
    (line,) = [ln for ln in lines_of(text) if ln.kind == "title"]
    spans = sentences_of(text, line, frozenset({"mr", "jan"}))
    assert [text[s:e] for s, e in spans] == [
        "Mr. Dujarric said on Jan. 6 that the U.S. envoy arrived.",
        "Then he left.",
    ]


# ---- the day said ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "language", "day"),
    [
        ('"We will help," Putin said on Friday.', "en", date(2022, 1, 7)),
        ("Peskov said Saturday that the troops would leave.", "en", date(2022, 1, 8)),
        ("Lavrov said on Jan. 6 that the mission was over.", "en", date(2022, 1, 6)),
        ("Песков заявил в пятницу, что войска уйдут.", "ru", date(2022, 1, 7)),
        ("Вчера Лавров заявил, что миссия завершена.", "ru", date(2022, 1, 9)),
        ("Лавров 6 января заявил, что миссия завершена.", "ru", date(2022, 1, 6)),
    ],
)
def test_the_day_is_read_in_the_attribution(read, body, language, day):
    (s,) = read(body, language)
    assert s.said_on == day


def test_a_dateline_gives_the_day_to_statements_that_fix_none(read):
    (s,) = read("BAKU, Jan. 8\n\nThe minister of Azerbaijan is away. Lavrov said that talks went well.", "en")
    assert (s.said_on, s.date_rule) == (date(2022, 1, 8), "news_day")
    (s,) = read("Lavrov said that talks went well.", "en")
    assert s.said_on is None


# ---- Russian -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "speaker", "words", "quote"),
    [
        ("Песков заявил, что войска уйдут.", "Dmitry Peskov", "войска уйдут", "indirect"),
        # Quotation first, the attribution after a dash, the speaker after the cue.
        ("«Мы поможем союзникам», — сказал Песков.", "Dmitry Peskov", "«Мы поможем союзникам»", "direct"),
        # Inflected names and titles: «главы МИД России», «Лаврова».
        ("По словам Лаврова, миссия завершена.", "Sergey Lavrov", "миссия завершена", "indirect"),
        ("По словам главы МИД России, миссия завершена.", "Sergey Lavrov", "миссия завершена", "indirect"),
        ("Генсек ОДКБ подчеркнул, что миротворцы уйдут.", "Stanislav Zas", "миротворцы уйдут", "indirect"),
    ],
)
def test_russian_statements_are_cut_at_their_attribution(read, body, speaker, words, quote):
    (s,) = read(body, "ru")
    assert (s.speaker_name, s.content, s.quote) == (speaker, words, quote)


def test_russian_about_this_gives_the_sentence_before_to_the_speaker(read):
    (s,) = read("Миротворцы покинут страну через неделю. Об этом заявил Песков.", "ru")
    assert (s.speaker_name, s.content) == ("Dmitry Peskov", "Миротворцы покинут страну через неделю")
    # With nothing before it, «Об этом» gives no words.
    assert read("Об этом заявил Песков.", "ru") == []


def test_russian_lead_in_gives_the_clause_before_the_cue(read):
    (s,) = read("О том, что миротворцы прибудут, сообщил Никол Пашинян.", "ru")
    assert (s.speaker_name, s.content) == ("Nikol Pashinyan", "миротворцы прибудут")


def test_a_russian_title_after_the_cue_refers_back_to_its_holder(read):
    first, second = read("Лавров заявил, что миссия завершена. «Это важно», — сказал министр.", "ru")
    assert (first.speaker_rule, second.speaker_rule) == ("svo:name", "title")
    assert second.speaker_name == first.speaker_name == "Sergey Lavrov"


def test_russian_verbal_adverbs_continue_and_nouns_do_not_report(read):
    first, second = read("Лавров заявил, что миссия завершена, добавив, что войска уйдут.", "ru")
    assert said([first, second]) == [("Sergey Lavrov", "миссия завершена"), ("Sergey Lavrov", "войска уйдут")]
    assert read("Заявление Лаврова опубликовано на сайте.", "ru") == []


@pytest.mark.parametrize(
    ("phrase", "person", "genitive"),
    [
        ("Сергей Лавров", True, "сергея лаврова"),  # in the dictionary
        ("Касым-Жомарт Токаев", True, "касым-жомарта токаева"),  # «Токаев» read by a known name's paradigm
        ("Никол Пашинян", True, "никола пашиняна"),
        ("глава МИД России", False, "главы мид россии"),  # only the head declines
        ("генсек ОДКБ", False, "генсека одкб"),
    ],
)
def test_russian_names_and_titles_have_their_case_forms(phrase, person, genitive):
    forms = russian_case_forms(phrase, person)
    assert forms[0] == phrase.lower()
    assert genitive in forms
    assert russian_case_forms("ОДКБ") == ("одкб",)  # an abbreviation does not decline


# ---- one pipeline, three languages -------------------------------------------------------------
def test_each_article_is_read_by_its_own_languages_rules(read):
    english = "Peskov said that the troops would leave."
    assert said(read(english, "en")) == [("Dmitry Peskov", "the troops would leave")]
    assert read(english, "ar") == []  # the Arabic rules know no English verb
    arabic = "وقال لافروف إن موسكو تتابع الوضع."
    assert said(read(arabic, "ar")) == [("Sergey Lavrov", "إن موسكو تتابع الوضع")]
    assert read(arabic, "en") == []


def test_english_and_russian_acts_and_topics_come_from_the_words(read):
    (s,) = read("Peskov said that the CSTO peacekeepers would leave soon.", "en")
    assert (s.topic, s.act) == ("csto", "statement")
    (s,) = read("Guterres urged all sides to show restraint.", "en")
    assert (s.act, s.topic) == ("appeal", "protests")
    (s,) = read("Лавров заявил, что беспорядки были попыткой госпереворота.", "ru")
    assert (s.act, s.topic) == ("disapprove", "protests")


def test_a_possessive_inside_according_to_is_the_last_speaker(read):
    statements = read("Лавров заявил, что миссия завершена. По его мнению, «войска уйдут скоро».", "ru")
    assert said(statements)[1:] == [("Sergey Lavrov", "«войска уйдут скоро»")]
    # No speaker before it: nobody to refer to.
    assert read("По его мнению, «войска уйдут скоро».", "ru") == []


def test_a_surname_alone_names_the_person_named_in_full_before_in_any_case(read):
    statements = read(
        "Об обстановке рассказал председатель комитета Иван Кузнецов. Кузнецов заявил, что войска уйдут.",
        "ru",
    )
    assert said(statements) == [("Иван Кузнецов", "войска уйдут")]
    (s,) = read("Сергей Лавров прибыл в Москву. Лавров заявил, что переговоры прошли хорошо.", "ru")
    assert s.speaker_name == "Sergey Lavrov"


def test_a_title_after_the_words_prefers_the_speaker_just_quoted(read):
    statements = read(
        "Лавров заявил, что президент Казахстана справится. «Мы поможем», — сказал министр.", "ru"
    )
    # Tokayev, a president, was named after Lavrov, but the minister who just spoke is Lavrov.
    assert [s.speaker_name for s in statements] == ["Sergey Lavrov", "Sergey Lavrov"]


def test_a_lead_in_clause_holds_the_words_not_the_subject(read):
    (s,) = read("О том, что прибудут миротворцы ОДКБ, сообщил Никол Пашинян.", "ru")
    assert (s.speaker_name, s.content) == ("Nikol Pashinyan", "прибудут миротворцы ОДКБ")


def test_a_speaker_in_apposition_before_the_cue_speaks(read):
    (s,) = read(
        "Speaking on Thursday, the Spokesperson for the Secretary-General, Stephane Dujarric, said "
        "the Organization follows the situation.",
        "en",
    )
    assert (s.speaker_name, s.content) == ("Stéphane Dujarric", "the Organization follows the situation")


def test_the_agent_of_a_passive_cue_speaks_the_clause_before_it(read):
    (s,) = read("Appeals to refrain from violence, were reiterated by Guterres.", "en")
    assert (s.speaker_name, s.content) == ("Antonio Guterres", "Appeals to refrain from violence")
    # «by» after a verb that reports nothing is no agent.
    assert read("Appeals to refrain from violence were sent by Guterres.", "en") == []


@pytest.mark.parametrize(
    ("body", "language", "speaker", "words"),
    [
        ("Как заявил Песков, войска уйдут через неделю.", "ru", "Dmitry Peskov", "войска уйдут через неделю"),
        ("As Peskov said, the troops will leave soon.", "en", "Dmitry Peskov", "the troops will leave soon"),
    ],
)
def test_as_the_speaker_said_gives_the_words_after_the_comma(read, body, language, speaker, words):
    (s,) = read(body, language)
    assert (s.speaker_name, s.content, s.words_rule) == (speaker, words, "after_as")


def test_a_relative_clause_may_stand_between_the_subject_and_the_cue(read):
    (s,) = read("Tokayev, who chairs the Security Council, said that order was restored.", "en")
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "order was restored")
    # Not one inside a quotation: «..., which claims a role», — said the minister.
    (s,) = read('Lavrov spoke. "The OSCE, which claims a role, failed," said the minister.', "en")
    assert s.speaker_name == "Sergey Lavrov"


def test_a_dateline_is_not_part_of_the_words(read):
    (s,) = read("BEIJING, Jan. 7 (Xinhua) -- China is ready to help, Wang Wenbin said.", "en")
    assert (s.speaker_name, s.content) == ("Wang Wenbin", "China is ready to help")
    assert s.said_on == date(2022, 1, 7)


def test_an_adverbial_clause_after_the_cue_is_not_the_words(read):
    (s,) = read("Peace will return soon, Lukashenko said as he visited a church in Minsk.", "en")
    assert (s.speaker_name, s.content) == ("Alexander Lukashenko", "Peace will return soon")
    (s,) = read('Lukashenko spoke in Minsk. "We are not fighting," the head of state said.', "en")
    assert (s.speaker_name, s.speaker_rule) == ("Alexander Lukashenko", "title")


@pytest.mark.parametrize(
    ("body", "language", "speaker"),
    [
        ("The Kremlin spokesman said that the troops would leave.", "en", "Dmitry Peskov"),
        ("Глава МИД РФ заявил, что миссия завершена.", "ru", "Sergey Lavrov"),
        ("Генсек ООН призвал стороны к сдержанности.", "ru", "Antonio Guterres"),
    ],
)
def test_a_title_alone_names_its_holder(read, body, language, speaker):
    (s,) = read(body, language)
    assert s.speaker_name == speaker


def test_words_said_earlier_do_not_take_the_news_day(read):
    first, second = read(
        "Песков заявил в пятницу, что войска уйдут. Ранее Лавров заявил, что миссия завершена.", "ru"
    )
    assert first.said_on == date(2022, 1, 7)
    assert (second.said_on, second.date_rule) == (None, "none")
    first, second = read(
        "Peskov said on Friday that troops would leave. Earlier, Lavrov said the mission was over.", "en"
    )
    assert (second.speaker_name, second.said_on) == ("Sergey Lavrov", None)


def test_mixed_languages_and_unknown_scripts_are_read_without_guessing(read):
    # A Russian quotation inside an English article is the English speaker's words.
    (s,) = read("Peskov said: «Мы поможем союзникам».", "en")
    assert (s.speaker_name, s.content, s.quote) == ("Dmitry Peskov", "«Мы поможем союзникам»", "direct")
    # A name in a script the catalogue lacks, after a bare title: nobody is guessed at.
    assert read("Minister 王毅 said that China supports Kazakhstan.", "en") == []
    # An English sentence inside an Arabic article reads nothing in Arabic rules, and breaks nothing.
    statements = read("وقال لافروف إن موسكو تتابع الوضع. Peskov said that the troops would leave.", "ar")
    assert [s.speaker_name for s in statements] == ["Sergey Lavrov"]


@pytest.mark.parametrize(
    ("body", "speaker", "words"),
    [
        # A short name in capitals (EU, UN) names its actor; the word «us» names nobody.
        (
            "In a statement, the EU urged all sides to refrain from violence.",
            "European Union",
            "all sides to refrain from violence",
        ),
        # «called for» reports an appeal as surely as «urged».
        ("Jens Stoltenberg called for restraint.", "Jens Stoltenberg", "restraint"),
        # An addressee the catalogue lacks between «told» and «that».
        ("Blinken told CNN that questions remained.", "Antony Blinken", "questions remained"),
    ],
)
def test_english_short_capitals_particles_and_addressees(read, body, speaker, words):
    (s,) = read(body, "en")
    assert (s.speaker_name, s.content) == (speaker, words)
    # «us» in lower case is the pronoun, not the United States.
    (s,) = read("Peskov told us that the talks helped.", "en")
    assert (s.speaker_name, s.content) == ("Dmitry Peskov", "the talks helped")


def test_an_infinitive_of_a_reporting_verb_is_part_of_the_words(read):
    (s,) = read("Зась заявил, что цель — помочь Казахстану, поддержать союзника.", "ru")
    assert s.content == "цель — помочь Казахстану, поддержать союзника"


@pytest.mark.parametrize(
    ("body", "language", "speaker", "words"),
    [
        (
            "Tokayev, speaking to parliament, said the peacekeepers would leave.",
            "en",
            "Kassym-Jomart Tokayev",
            "the peacekeepers would leave",
        ),
        (
            "Токаев, выступая в парламенте, заявил, что миротворцы уйдут.",
            "ru",
            "Kassym-Jomart Tokayev",
            "миротворцы уйдут",
        ),
        # A body named after the cue's preposition speaks: «В Кремле заявили», «сообщили в МИД».
        (
            "Как сообщили в МИД России, Москва поддерживает Казахстан.",
            "ru",
            "Russian Foreign Ministry",
            "Москва поддерживает Казахстан",
        ),
    ],
)
def test_an_aside_between_subject_and_cue_and_a_body_after_a_preposition(
    read, body, language, speaker, words
):
    (s,) = read(body, language)
    assert (s.speaker_name, s.content) == (speaker, words)


def test_a_quotation_after_a_colon_in_reported_words_is_its_own_direct_statement(read):
    first, second = read('Lukashenko noted that many people died: "There were cases of violence."', "en")
    assert said([first, second]) == [
        ("Alexander Lukashenko", "many people died"),
        ("Alexander Lukashenko", '"There were cases of violence."'),
    ]
    assert (first.quote, second.quote) == ("indirect", "direct")


@pytest.mark.parametrize(
    ("body", "language", "speaker", "key"),
    [
        # A speaker the catalogue lacks, named by its noun phrase up to the head.
        (
            "Russian officials and state media have blamed the West for the unrest.",
            "en",
            "Russian officials",
            None,
        ),
        (
            "A police spokesperson in Almaty reported that dozens were detained.",
            "en",
            "police spokesperson",
            None,
        ),
        # An adverb between the subject and its verb.
        (
            "Министерство обороны России официально объявило о начале вывода миротворцев.",
            "ru",
            "Russian Defence Ministry",
            "russian-defence-ministry",
        ),
        ("The Kremlin officially announced that the troops would leave.", "en", "Kremlin", "kremlin"),
    ],
)
def test_unnamed_speakers_are_named_by_their_noun_phrase_and_adverbs_are_skipped(
    read, body, language, speaker, key
):
    (s,) = read(body, language)
    assert (s.speaker_name, s.speaker_key) == (speaker, key)
    # A bare title alone names nobody.
    assert read("The spokesman said that the talks went well.", "en") == []


def test_after_narration_he_is_the_person_the_sentence_opened_with(read):
    *_, s = read(
        "Peskov said that Moscow was ready. In addition, Tokayev briefed Lavrov on the attacks. "
        "He stressed that the attacks had been planned.",
        "en",
    )
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "the attacks had been planned")
    # A person named later in the sentence is not who «he» is: the last speaker goes on.
    *_, s = read(
        "Peskov said that Moscow was ready. The talks with Tokayev went well. He added that help would come.",
        "en",
    )
    assert s.speaker_name == "Dmitry Peskov"
    # After a statement, «he» is its speaker even if the sentence opened with someone else.
    *_, s = read("Tokayev had acted lawfully, Peskov said. He added that the troops would leave soon.", "en")
    assert s.speaker_name == "Dmitry Peskov"


def test_a_title_word_misspelled_by_one_letter_is_still_the_title(read, catalogue):
    (s,) = read("The Chines Foreign Minster said that China would support Kazakhstan.", "en")
    assert s.speaker_name == "Wang Yi"
    spelled = matcher_for(catalogue).spelled
    assert [spelled(w) for w in ("presdient", "foriegn", "minster")] == ["president", "foreign", "minister"]
    # Not an inflection («ministers»), not a word of the catalogue («russia»), not a short word
    # («syria» is one letter from «syrian»), not a lower-case word in running text.
    assert [spelled(w) for w in ("ministers", "russia", "syria")] == ["ministers", "russia", "syria"]
    assert read("The chines foreign minster said that China would support Kazakhstan.", "en") == []


def test_a_claim_given_twice_in_an_article_is_marked_as_a_repeat(read):
    first, again, other = read(
        "Peskov said that the peacekeepers would leave Kazakhstan within days. "
        '"The peacekeepers will leave Kazakhstan within days," he added. '
        "Peskov said that Moscow had not been asked for more troops.",
        "en",
    )
    assert (first.repeats, again.repeats, other.repeats) == (None, first.start, None)
    # The same words from another speaker, or said on another day, are not a repeat.
    _, lavrov = read(
        "Peskov said that the peacekeepers would leave Kazakhstan within days. "
        "Lavrov said that the peacekeepers would leave Kazakhstan within days.",
        "en",
    )
    assert lavrov.repeats is None
    _, later = read(
        "Peskov said on Thursday that the peacekeepers would leave within days. "
        "On Monday, Peskov said that the peacekeepers would leave within days.",
        "en",
    )
    assert later.repeats is None


@pytest.mark.parametrize(
    ("body", "language"),
    [
        ("Putin said in a phone call with Tokayev on Monday that the troops would leave soon.", "en"),
        ("Putin, in a phone call with Tokayev, said the troops would leave soon.", "en"),
        ("Путин в телефонном разговоре с Токаевым заявил, что войска скоро уйдут.", "ru"),
    ],
)
def test_a_name_after_a_preposition_is_not_the_speaker_and_a_noun_in_the_attribution_is_not_a_cue(
    read, body, language
):
    # «call» is a reporting verb's bare form; «с Токаевым», «with Tokayev» name who was spoken to.
    found = read(body, language)
    assert [s.speaker_name for s in found] == ["Vladimir Putin"]
    assert found[0].content in ("the troops would leave soon", "войска скоро уйдут")
    assert found[0].occasion == "phone_call"


def test_a_name_after_a_preposition_with_no_other_name_before_it_still_speaks(read):
    # No free name earlier in the clause: the rule keeps the only one (an object-less reading).
    found = read("In Moscow Lavrov said that the troops would leave soon.", "en")
    assert [s.speaker_name for s in found] == ["Sergey Lavrov"]


def test_russian_morphology_reads_its_dictionary_with_compiled_code():
    """pymorphy3[fast] brings DAWG2: without it, pymorphy3 falls back on pure Python, and parsing the
    names of a large catalogue (the alias automaton's build, on a web process's first actor page)
    took twice as long."""
    from pymorphy3 import dawg

    assert dawg.DAWG.__module__ == "dawg", (
        "pymorphy3 reads its dictionary in pure Python: install pymorphy3[fast]"
    )
