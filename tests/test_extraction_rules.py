"""One test per extraction rule, on sentences written for the test (not taken from any article)."""

from datetime import date

import pytest


def only(statements):
    assert len(statements) == 1, [(s.speaker_name, s.content) for s in statements]
    return statements[0]


# ---- speakers ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # A name after the cue (VSO), with a clitic on the cue.
        ("وقال لافروف إن موسكو تتابع الوضع.", "Sergey Lavrov"),
        # A title derived from the role and the country adjective.
        ("وقال وزير الخارجية التركي إن أنقرة تتابع الوضع.", "Mevlüt Çavuşoğlu"),
        ("قالت المتحدثة باسم الخارجية الروسية إن موسكو قلقة.", "Maria Zakharova"),
        # A title and an apposition: the person wins over the institution.
        (
            "وأكدت وزارة الخارجية الإيرانية، على لسان سعيد خطيب زاده، أن طهران تتابع الأحداث.",
            "Iranian Foreign Ministry",
        ),
        ("وأعلن المتحدث باسم الكرملين، دميتري بيسكوف، أن القوات ستبقى.", "Dmitry Peskov"),
        # The speaker before the verb (SVO).
        ("الصين تدعو إلى الحوار في كازاخستان.", "China"),
        ("أما الأمم المتحدة، فدعت إلى ضبط النفس.", "United Nations"),
        # «نقل ... عن X قوله»: X speaks, not the agency.
        ("ونقلت وكالة إنترفاكس عن شويغو قوله إن الجنود وصلوا.", "Sergei Shoigu"),
        # A spelling variant (double yeh) and a clitic on the name.
        ("وأكد توكايف أن النظام عاد.", "Kassym-Jomart Tokayev"),
    ],
)
def test_the_speaker_is_the_most_specific_catalogue_actor(run, text, speaker):
    assert only(run(text)).speaker_name == speaker


def test_a_pronoun_cue_continues_the_previous_speaker(run):
    first, second = run("وقال بوتين إن القوات ستغادر قريبا.\nوأضاف أن المهمة انتهت.")
    assert second.speaker_name == first.speaker_name == "Vladimir Putin"
    assert second.speaker_rule == "pronoun"


def test_a_participle_opens_a_new_statement_of_the_same_speaker(run):
    first, second = run("وقال بوتين إن القوات أنجزت مهمتها، مضيفا أن الانسحاب يبدأ غدا.")
    assert first.content == "إن القوات أنجزت مهمتها"
    assert second.speaker_name == "Vladimir Putin"
    assert second.content == "أن الانسحاب يبدأ غدا"


def test_a_shortened_title_refers_back_to_the_actor_named_before(run):
    statements = run(
        "وقال المتحدث باسم الخارجية الصينية وانغ ون بين إن بكين تدعم الاستقرار.\n"
        "وأشار المتحدث إلى أن الصين مستعدة للتعاون."
    )
    assert [s.speaker_name for s in statements] == ["Wang Wenbin", "Wang Wenbin"]


def test_a_shortened_name_of_a_body_of_an_institution_named_before_is_that_body(run):
    """«الأمانة العامة» after the CSTO is named: its secretariat, not a provisional «الأمانة العامة»."""
    first, second = run(
        "وقالت منظمة معاهدة الأمن الجماعي إن القوات وصلت.\nوأكدت الأمانة العامة أن المهمة محدودة."
    )
    assert first.speaker_name == "Collective Security Treaty Organization"
    assert (second.speaker_name, second.speaker_rule) == ("CSTO Secretariat", "short_form")
    # Without the institution named, the words name nobody the catalogue knows.
    (alone,) = run("وأكدت الأمانة العامة أن المهمة محدودة.")
    assert alone.speaker_key is None


def test_an_actor_relaying_another_actor_gives_the_words_to_that_actor(run):
    (s,) = run("أعلن الكرملين بأن الرئيس الكازاخستاني، قاسم جومارت توكاييف، أبلغ بوتين بأن الوضع مستقر.")
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "بأن الوضع مستقر")
    # Its own spokesman relaying the bloc keeps them: the bloc is his institution.
    (s,) = run("وقال المتحدث باسم الكرملين، دميتري بيسكوف، إن الكرملين أعلن أن القوات ستبقى.")
    assert s.speaker_name == "Dmitry Peskov"


def test_a_conjunction_written_apart_still_names_the_actor(run):
    (s,) = run("وأكدت وزارة الخارجية و التعاون الدولي أن الإمارات تدعم الاستقرار.")
    assert s.speaker_name == "UAE Ministry of Foreign Affairs and International Cooperation"


def test_a_shortened_body_is_the_last_speaker_s_when_several_could_be_meant(run):
    """«وزارة الخارجية» right after the Emirates spoke, though Kazakhstan was named since."""
    first, second = run(
        "قالت دولة الإمارات إنها تتابع التطورات في كازاخستان.\nوأكدت وزارة الخارجية أن الاستقرار مهم."
    )
    assert first.speaker_name == "United Arab Emirates"
    assert second.speaker_name == "UAE Ministry of Foreign Affairs and International Cooperation"


def test_a_title_and_name_before_a_comma_are_the_subject_of_the_verb_after(run):
    (s,) = run("وكان الرئيس الكازاخستاني قاسم جومارت توكاييف، أمر قوات الأمن أمس، بفتح النار على المسلحين.")
    # The order's addressee and its day are the frame, not the words.
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "بفتح النار على المسلحين")
    assert (s.said_on, s.date_rule) == (date(2022, 1, 9), "relative")


def test_a_transmitted_speaker_may_carry_a_bare_title_and_a_noun_of_saying(run):
    (s,) = run("ونقل التلفزيون الرسمي عن الرئيس قاسم توكاييف، تأكيده على استعادة النظام.")
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "على استعادة النظام")


def test_what_a_body_issued_is_its_statement(run):
    (s,) = run("وأصدرت الخارجية الروسية تحذيرا من السفر إلى كازاخستان.")
    assert (s.speaker_name, s.content) == ("Russian Foreign Ministry", "تحذيرا من السفر إلى كازاخستان")


def test_a_connective_before_according_to_is_not_the_words(run):
    (s,) = run("وفي غضون ذلك، وفقا لرئيس كازاخستان قاسم جومارت توكاييف، إن التمرد الفاشل كان معدا سلفا.")
    assert (s.speaker_name, s.content) == ("Kassym-Jomart Tokayev", "إن التمرد الفاشل كان معدا سلفا")


@pytest.mark.parametrize(
    ("text", "speaker", "rule"),
    [
        # A title alone names its holder (the catalogue's offices of January 2022).
        ("وقال رئيس الدبلوماسية الروسية إن موسكو تتابع الوضع.", "Sergey Lavrov", "vso:title"),
        ("وقال المتحدث الأممي إن المنظمة تتابع الوضع.", "Stéphane Dujarric", "vso:title"),
        ("وقال وزير الداخلية الكازاخي إن الوضع مستقر.", "Yerlan Turgumbayev", "vso:title"),
        # A shortened title after its holder is named is the holder.
        ("وقال لافروف إن موسكو تتابع الوضع.\nوأضاف الوزير الروسي أن الحوار ضروري.", "Sergey Lavrov", "title"),
        # With none named, several ministers hold «الوزير الروسي»: the country they serve, never
        # a provisional actor called «the Russian minister».
        ("وقال الوزير الروسي إن الحوار ضروري.", "Russia", "title"),
    ],
)
def test_a_title_resolves_to_its_holder_and_never_names_a_provisional_actor(run, text, speaker, rule):
    last = run(text)[-1]
    assert (last.speaker_name, last.speaker_rule) == (speaker, rule)


def test_as_he_put_it_gives_the_clause_before_to_the_last_speaker(run):
    first, second = run("وقال بوتين إن القوات ستغادر.\nالمهمة انتهت بنجاح كامل، على حد قوله.")
    assert (second.speaker_name, second.content) == ("Vladimir Putin", "المهمة انتهت بنجاح كامل")
    assert first.speaker_name == "Vladimir Putin"
    # No speaker before it: nobody to give the words to.
    assert run("المهمة انتهت بنجاح كامل، على حد قوله.") == []


def test_according_to_with_an_intermediary_names_the_source(run):
    (s,) = run("ونقلا عن لافروف، فإن موسكو تتابع الوضع عن كثب.")
    assert (s.speaker_name, s.content) == ("Sergey Lavrov", "فإن موسكو تتابع الوضع عن كثب")


def test_a_past_perfect_particle_may_stand_between_subject_and_verb(run):
    (s,) = run("وكان لافروف قد صرح بأن موسكو لن تتدخل.")
    assert (s.speaker_name, s.content) == ("Sergey Lavrov", "بأن موسكو لن تتدخل")


def test_a_transmitted_speaker_the_catalogue_lacks_is_named_without_the_noun_of_saying(run):
    (s,) = run("ونقلت وكالة رويترز عن مصدر دبلوماسي قوله إن الاجتماع تأجل.")
    assert (s.speaker_key, s.speaker_name, s.content) == (None, "مصدر دبلوماسي", "إن الاجتماع تأجل")


def test_a_definite_bare_title_that_resolves_to_no_one_names_nobody(run):
    assert run("وأكد المتحدث أن الحدود آمنة.") == []
    # An unnamed official is what the article says: a provisional speaker.
    (s,) = run("وقال مسؤول في شركة النفط إن الإنتاج مستمر.")
    assert (s.speaker_key, s.speaker_name) == (None, "مسؤول")


def test_words_that_came_in_a_statement_are_its_author_s(run):
    (s,) = run("وجاء في بيان الخارجية الروسية: القوات ستنسحب قريبا.")
    assert (s.speaker_name, s.content, s.quote) == (
        "Russian Foreign Ministry",
        "القوات ستنسحب قريبا",
        "direct",
    )
    first, second = run("وقال بوتين إن القوات ستغادر.\nوجاء في البيان أن المهمة محدودة.")
    assert (first.speaker_name, second.speaker_name, second.content) == (
        "Vladimir Putin",
        "Vladimir Putin",
        "أن المهمة محدودة",
    )
    # «وجاء ذلك في بيان ... اليوم» still only dates the statement before.
    assert len(run("وقال بوتين إن القوات ستغادر.\nوجاء ذلك في بيان اليوم.")) == 1


def test_an_appeal_verb_with_an_addressee_and_no_subject_continues_the_speaker(run):
    first, second = run("وأصدرت الخارجية الروسية تحذيرا من السفر، ودعت المواطنين إلى تجنب الرحلات.")
    assert (second.speaker_name, second.content, second.act) == (
        "Russian Foreign Ministry",
        "المواطنين إلى تجنب الرحلات",
        "appeal",
    )
    assert first.speaker_name == "Russian Foreign Ministry"


def test_a_document_speaks_for_its_author(run):
    statements = run('وقالت وزارة الخارجية الروسية إن موسكو قلقة.\nوأضاف البيان: "نأمل في عودة الهدوء".')
    assert statements[1].speaker_name == "Russian Foreign Ministry"


def test_a_bare_institution_means_the_article_s_country(run):
    text = "تشهد كازاخستان احتجاجات. وفي كازاخستان أعلنت الحكومة أن الأسعار ستنخفض."
    assert only(run(text)).speaker_name == "Government of Kazakhstan"


def test_a_speaker_the_catalogue_lacks_is_kept_with_its_arabic_name(run):
    statement = only(run("وقال المتحدث باسم الجيش القرغيزي إن الحدود آمنة."))
    assert statement.speaker_key is None
    assert statement.speaker_name == "المتحدث باسم الجيش القرغيزي"
    assert statement.speaker_rule == "provisional"


def test_a_reporter_s_frame_gives_the_statement_to_the_speaker_inside_it(run):
    statement = only(run("وأفاد مراسلنا بأن الرئيس الروسي يدعو إلى التهدئة."))
    assert statement.speaker_name == "Vladimir Putin"


def test_an_addressee_after_an_appeal_verb_is_not_the_speaker(run):
    statements = run(
        "وقالت باشليه إن الاعتقالات مقلقة. كما دعت السلطات الكازاخستانية إلى الإفراج عن المحتجزين."
    )
    assert [s.speaker_name for s in statements] == ["Michelle Bachelet", "Michelle Bachelet"]


def test_according_to_attributes_the_clause(run):
    statement = only(run("وحسب وزارة الداخلية الكازاخستانية، قتل 20 شرطيا خلال الأحداث."))
    assert statement.speaker_name == "Kazakh Interior Ministry"
    assert statement.content == "قتل 20 شرطيا خلال الأحداث"


# ---- what is not a statement ---------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "وصلت القوات إلى ألماتي صباح اليوم.",  # no cue
        "اندلعت الاحتجاجات في غرب البلاد بسبب أسعار الغاز.",
        "وكتب على الجدار شعارات مناهضة للحكومة.",  # a weak cue with no speaker and no complement
        "",
        "\n\n   \n",
    ],
)
def test_narration_without_a_reporting_cue_yields_nothing(run, text):
    assert run(text) == []


def test_a_cue_inside_a_quotation_belongs_to_the_quotation(run):
    statement = only(run('وقال بلينكن: "قلت لهم إننا ندعو إلى الحوار".'))
    assert statement.speaker_name == "Antony Blinken"
    assert statement.quote == "direct"


def test_related_links_and_captions_yield_nothing(run):
    text = (
        "عنوان الخبر\n"
        "وقال بوتين إن الوضع مستقر.\n"
        "موضوعات ذات صلة\n"
        "- لافروف يقول إن موسكو لن تتدخل\n"
        "- أردوغان يؤكد دعم أنقرة لكازاخستان\n"
        "اقرأ أيضا: ماكرون يدعو إلى الحوار\n"
    )
    assert [s.speaker_name for s in run(text)] == ["Vladimir Putin"]


# ---- the words --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "quote", "content"),
    [
        ('وقال بوتين إن "الوضع مستقر".', "direct", '"الوضع مستقر"'),
        ("وقال بوتين: «الوضع مستقر».", "direct", "«الوضع مستقر»"),
        ('وقال بوتين إن الوضع "مستقر تماما".', "mixed", 'إن الوضع "مستقر تماما"'),
        ("وقال بوتين إن الوضع مستقر.", "indirect", "إن الوضع مستقر"),
        # A colon with no quotation marks introduces direct speech ...
        ("وقال بوتين في بيان: نحن نراقب الوضع.", "direct", "نحن نراقب الوضع"),
        # ... unless a complementizer follows it.
        ("وقال بوتين: إن الوضع مستقر.", "indirect", "إن الوضع مستقر"),
    ],
)
def test_quote_type_and_words(run, text, quote, content):
    statement = only(run(text))
    assert (statement.quote, statement.content) == (quote, content)


def test_adverbials_between_speaker_and_words_are_skipped(run):
    statement = only(run("وحث لافروف، مساء اليوم الأربعاء، جميع الأطراف على الحوار."))
    assert statement.content == "جميع الأطراف على الحوار"


def test_the_reporter_s_narration_after_a_connective_is_not_the_speaker_s(run):
    statement = only(run("وأعلنت كازاخستان اعتقال ألف شخص في وقت تتواصل فيه الاحتجاجات."))
    assert statement.content == "اعتقال ألف شخص"


def test_offsets_point_at_the_words(run):
    text = 'مقدمة.\nوقال لافروف، أمس، إن "موسكو لن تتدخل"، مضيفا أن الحل سياسي.'
    for s in run(text):
        assert text[s.start : s.end] == s.content


def test_an_embedded_post_is_a_direct_statement_of_its_author(run):
    text = (
        "وعلقت الخارجية الروسية على الأحداث.\n"
        "We call for calm and dialogue in Kazakhstan.\n"
        "— МИД России 🇷🇺 (@MID_RF) January 6, 2022\n"
        "وتابعت الخارجية أن موسكو مستعدة للمساعدة."
    )
    statements = run(text)
    post = next(s for s in statements if s.speaker_rule == "post")
    assert post.content == "We call for calm and dialogue in Kazakhstan."
    assert (post.speaker_name, post.quote, post.said_on) == (
        "Russian Foreign Ministry",
        "direct",
        date(2022, 1, 6),
    )


def test_a_headline_speaker_and_colon_is_a_statement(run):
    statement = only(run("لافروف: موسكو لن تتدخل في الشؤون الداخلية\nنص الخبر بلا تصريحات."))
    assert statement.speaker_name == "Sergey Lavrov"
    assert statement.content == "موسكو لن تتدخل في الشؤون الداخلية"


# ---- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "said_on", "rule"),
    [
        ("وقال بوتين يوم 7 كانون الثاني/ يناير 2022 إن القوات وصلت.", date(2022, 1, 7), "explicit"),
        ("وقال بوتين في 8 يناير إن القوات وصلت.", date(2022, 1, 8), "explicit"),
        ("وفي الخامس من الشهر الجاري، قال بوتين إن القوات وصلت.", date(2022, 1, 5), "explicit"),
        ("وقال بوتين، الجمعة، إن القوات وصلت.", date(2022, 1, 7), "weekday"),
        ("وقال بوتين، الاثنين الماضي، إن القوات وصلت.", date(2022, 1, 3), "weekday"),
        ("وقال بوتين، اليوم الاثنين، إن القوات وصلت.", date(2022, 1, 10), "weekday"),
        ("وقال بوتين أمس إن القوات وصلت.", date(2022, 1, 9), "relative"),
        ("وقال بوتين اليوم إن القوات وصلت.", date(2022, 1, 10), "relative"),
        ("وقال بوتين إن القوات وصلت.", None, "none"),
    ],
)
def test_the_day_said_is_resolved_against_the_publication_date(run, text, said_on, rule):
    statement = only(run(text))
    assert (statement.said_on, statement.date_rule) == (said_on, rule)


def test_a_day_named_in_the_reported_words_is_not_the_day_said(run):
    assert only(run("وقال بوتين إن القوات ستغادر غدا.")).said_on is None


def test_the_day_carries_to_the_same_speaker_s_next_statements(run):
    # The first line is the title: it states nothing the carry rules lean on.
    statements = run("القوات في ألماتي\nوقال بوتين أمس إن القوات وصلت.\nوأضاف أن المهمة محدودة.")
    assert [(s.said_on, s.date_rule) for s in statements] == [
        (date(2022, 1, 9), "relative"),
        (date(2022, 1, 9), "carried"),
    ]


def test_an_occasion_sentence_dates_the_statement_before_it(run):
    statements = run("موسكو تراقب\nوقال لافروف إن موسكو تراقب الوضع.\nوجاء ذلك في مؤتمر صحافي عقده الجمعة.")
    assert (statements[0].said_on, statements[0].date_rule) == (date(2022, 1, 7), "carried")


def test_without_a_publication_date_relative_words_fix_nothing(run):
    assert only(run("وقال بوتين أمس إن القوات وصلت.", published=None)).said_on is None


# ---- act and topic ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("ودعا لافروف جميع الأطراف إلى ضبط النفس.", "appeal"),
        ("وأدان بلينكن إطلاق النار على المتظاهرين.", "disapprove"),
        ("ونفى بيسكوف أن تكون القوات الروسية قد شاركت في القتال.", "reject"),
        ("وطالب غوتيريش بالإفراج عن المحتجزين.", "demand"),
        ("وأكد وانغ يي استعداد الصين لتعزيز التعاون مع كازاخستان.", "cooperate"),
        ("ورحب أردوغان بعودة الاستقرار إلى كازاخستان.", "support"),
        ("وقال لافروف إن الاتهامات الغربية كاذبة.", "reject"),
        ("وقال بوتين إن الوفد سيصل الخميس.", "statement"),
        # An act word is never found inside another word: «تنفيذ» holds «نفي» and denies nothing.
        ("وقال بوتين إن القوات بدأت تنفيذ مهامها.", "statement"),
        # Help offered is cooperation; standing by someone and gladness are support.
        ("وأكد أردوغان استعداد تركيا لتقديم المساعدة لكازاخستان.", "cooperate"),
        ("وقال أردوغان إننا نقف إلى جانب كازاخستان.", "support"),
        ("وأعرب أردوغان عن سعادته لعودة الهدوء.", "support"),
        ("وشكر توكاييف بوتين على الدعم.", "support"),
        # A request for help is an appeal; help offered is cooperation.
        ("وطلب توكاييف من المنظمة المساعدة في مواجهة الإرهابيين.", "appeal"),
        ("وقال بوتين إنه تم الاتفاق على خطوات مشتركة لمساعدة كازاخستان.", "cooperate"),
        ("وقال توكاييف: لا مفاوضات مع المسلحين.", "reject"),
    ],
)
def test_the_act_comes_from_the_cue_and_the_words(run, text, act):
    assert only(run(text)).act == act


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("وقال بوتين إن قوات حفظ السلام ستغادر كازاخستان.", "csto"),
        ("وقال بوتين إن المتظاهرين اقتحموا المباني.", "protests"),
        ("وقال بوتين إن الموظفين بخير.", "other"),
    ],
)
def test_the_topic_comes_from_the_words(run, text, topic):
    assert only(run(text)).topic == topic


def test_an_outlet_relaying_a_leader_gives_the_words_to_the_leader(run):
    statement = only(
        run("وقال التلفزيون الصيني إن الرئيس الصيني أبلغ نظيره، الجمعة، أن بكين تدعم الاستقرار.")
    )
    assert statement.speaker_name == "Xi Jinping"
    assert statement.content == "أن بكين تدعم الاستقرار"


def test_a_spokesperson_stating_a_bloc_s_position_keeps_the_statement(run):
    statement = only(run("وقال بيتر ستانو إن الاتحاد الأوروبي يعتبر الحوار ضروريا."))
    assert statement.speaker_name == "Peter Stano"


def test_an_addressee_may_stand_between_the_cue_and_the_complementizer(run):
    statement = only(run("وأبلغ لافروف بلينكن، خلال اتصال هاتفي، أن موسكو لن تتراجع."))
    assert (statement.speaker_name, statement.content) == ("Sergey Lavrov", "أن موسكو لن تتراجع")


def test_the_words_after_a_comma_are_not_taken_for_an_adverbial(run):
    statement = only(run("وتتهم الحكومة الكازاخستانية، المحتجين بافتعال أعمال عنف."))
    assert statement.content == "المحتجين بافتعال أعمال عنف"


def test_words_naming_no_topic_take_the_topic_of_the_speaker_s_words_before(run):
    first, second = run("عنوان\nوقال بوتين إن قوات حفظ السلام وصلت، مضيفا أن المهمة محدودة في الزمن.")
    assert (first.topic, second.topic) == ("csto", "csto")


def test_words_naming_no_topic_take_the_topic_of_their_frame(run):
    statement = only(run("وقال لافروف بعد الاحتجاجات العنيفة إن موسكو مستعدة للمساعدة."))
    assert statement.topic == "protests"


def test_a_speaker_and_colon_with_nothing_after_them_is_not_a_statement(run):
    assert run("بوتين:") == []


def test_a_word_glued_to_the_next_after_its_final_letter_is_two_words(run):
    # ة and ى only end a word: «السلطةقال» is «السلطة» and «قال», run together by the source.
    s = only(run("وبحسب موقع السلطةقال لافروف إن موسكو تتابع الوضع."))
    assert (s.speaker_name, s.content) == ("Sergey Lavrov", "إن موسكو تتابع الوضع")
    # Within a word the letters stay one word: «انتقال» holds «قال» and is no cue.
    assert run("وتحدث التقرير عن انتقال السلطة في البلاد.") == []
