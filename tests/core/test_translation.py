"""Issue 15: checklist content in other languages (`[translations.LANG]`), what `check`
says is missing, and the remembered UI language."""

from __future__ import annotations

from pathlib import Path

import pytest

from iop_tui import catalog, i18n, preferences
from iop_tui.checklist import (
    Answer,
    Outcome,
    load_checklist,
    missing_translations,
    parse_checklist,
)
from iop_tui.cli import main
from iop_tui.engine import judge

REPO = Path(__file__).parent.parent.parent
BOLLEBYGD = REPO / "checklists" / "bollebygd.toml"
SWEDISH = set("åäöÅÄÖ")


def test_bollebygd_in_english_keeps_ids_fingerprints_and_verdicts() -> None:
    sv = load_checklist(BOLLEBYGD)
    en = load_checklist(BOLLEBYGD, lang="en")
    assert en.language == "en" and sv.language == "sv"
    assert [q.id for q in en.questions] == [q.id for q in sv.questions]
    # Questions added after the translation (another branch's) fall back to Swedish.
    translated = {i for i, t in en.translations["en"].questions.items() if t.text and t.help}
    assert len(translated) >= 40
    for a, b in zip(sv.questions, en.questions, strict=True):
        if a.id in translated:
            assert a.text != b.text and a.help != b.help, a.id
        else:
            assert (a.text, a.help) == (b.text, b.help), a.id
        # The fingerprint is of the written (Swedish) wording: switching language must not
        # report every question as reworded.
        assert a.fingerprint() == b.fingerprint(), a.id
    assert en.outcome(Outcome.OKLART).label.startswith("Undecided")
    assert len(en.outcome(Outcome.IOP).next_steps) == len(sv.outcome(Outcome.IOP).next_steps)
    assert "700\u00a0000 kr" in en.question("marknad_varde_over_direktgrans").help
    # The same answers, the same verdict, in either language.
    for scenario in sv.scenarios:
        assert judge(en, scenario.answers).outcome == judge(sv, scenario.answers).outcome
    reasons = [r.text for r in judge(en, {"samfin_bada_bidrar": Answer.NO}).reasons]
    assert reasons and all(not SWEDISH & set(r) for r in reasons), reasons


def test_every_english_question_text_is_free_of_swedish_sentences() -> None:
    # Swedish words stay where they are the name of a thing (idéburen, föreningsbidrag), but
    # never a Swedish sentence: each text reads with at most a few such words.
    en = load_checklist(BOLLEBYGD, lang="en")
    for q in en.questions:
        if q.id not in en.translations["en"].questions:
            continue  # not translated yet: `check` says so
        for text in (q.text, q.help):
            words = text.split()
            swedish = [w for w in words if SWEDISH & set(w)]
            assert len(swedish) <= 3, (q.id, swedish)


TINY = """
id = "tiny"
title = "Liten"
version = "1"
kommun = "Kommunen"
[judging]
margin = 0
[riktlinje]
title = "R"
[[sources]]
id = "s"
title = "S"
[[outcomes]]
id = "iop"
label = "IOP"
explanation = "Förklaring"
next_steps = ["Steg"]
[[outcomes]]
id = "foreningsbidrag"
label = "Föreningsbidrag"
explanation = "Förklaring"
next_steps = ["Steg"]
[[outcomes]]
id = "upphandling"
label = "Upphandling"
explanation = "Förklaring"
next_steps = ["Steg"]
[[outcomes]]
id = "oklart"
label = "Oklart"
explanation = "Förklaring"
next_steps = ["Steg"]
[[sections]]
id = "a"
title = "Avsnitt"
[[sections.questions]]
id = "q1"
text = "Fråga ett?"
help = "Hjälp ett."
sources = ["s"]
[sections.questions.yes]
signals = [{ outcome = "iop", weight = 3, reason = "Skäl ett." }]
[[sections.questions]]
id = "q2"
text = "Fråga två?"
help = "Hjälp två."
sources = ["s"]
[sections.questions.yes]
signals = [{ outcome = "foreningsbidrag", weight = 1, reason = "Skäl två." }]
[sections.questions.no]
signals = [{ outcome = "upphandling", weight = 1, reason = "Skäl tre." }]

[translations.en.questions.q1]
text = "Question one?"
help = "Help one."
yes.signals = ["Reason one."]
"""


def test_a_missing_translation_shows_swedish_and_is_listed() -> None:
    en = parse_checklist(TINY, lang="en")
    assert en.question("q1").text == "Question one?"
    assert en.question("q1").yes.signals[0].reason == "Reason one."
    assert en.question("q2").text == "Fråga två?"  # not translated: the written text
    missing = missing_translations(parse_checklist(TINY))
    assert "en: question 'q2': not translated: text, help, yes.signals[0], no.signals[0]" in missing
    assert not any("'q1'" in m for m in missing)
    assert any("outcome 'iop'" in m for m in missing)
    # A translation made from an older wording is named, with the fingerprints.
    q1 = parse_checklist(TINY).question("q1").fingerprint()
    pinned = TINY.replace('text = "Question one?"', f'source = "{q1}"\ntext = "Question one?"')
    assert not any("reworded" in m for m in missing_translations(parse_checklist(pinned)))
    reworded = pinned.replace("Fråga ett?", "Fråga ett, omformulerad?")
    assert any(
        m.startswith("en: question 'q1': reworded since it was translated")
        for m in missing_translations(parse_checklist(reworded))
    )
    stale = TINY + '\n[translations.en.questions.gone]\ntext = "Gone?"\n'
    assert "en: translation of an unknown question 'gone' (left unused)" in (
        missing_translations(parse_checklist(stale))
    )


def test_check_warns_about_missing_translations_without_failing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    assert main(["check", str(path)]) == 0
    err = capsys.readouterr().err
    assert f"{path}: warning: en: question 'q2': not translated" in err
    assert main(["check", str(BOLLEBYGD)]) == 0  # whatever is not translated yet
    # Only the translation warnings: `check` also has authoring warnings of its own.
    warnings = [w for w in capsys.readouterr().err.splitlines() if ": warning: en: " in w]
    listed = missing_translations(load_checklist(BOLLEBYGD))
    assert warnings == [f"{BOLLEBYGD}: warning: {line}" for line in listed]
    assert listed == []  # bollebygd is translated in full, organisation wording included
    # A broken translated text is an error, as in the written one.
    path.write_text(TINY.replace('help = "Help one."', 'help = "{belopp:nope}"'))
    assert main(["check", str(path)]) == 1
    assert "unknown amount 'nope'" in capsys.readouterr().err


def test_the_catalog_follows_the_ui_language() -> None:
    try:
        i18n.set_language("en")
        assert catalog.get("bollebygd").title.startswith("First assessment")
        i18n.set_language("sv")
        assert catalog.get("bollebygd").title.startswith("Första bedömning")
    finally:
        i18n.set_language("sv")


def test_the_language_is_remembered_and_the_option_overrides_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert preferences.saved_language() is None
    preferences.save(preferences.Preferences(theme="iop-light", spacious=True))
    preferences.save_language("en")
    assert preferences.saved_language() == "en"
    kept = preferences.load()
    assert (kept.theme, kept.spacious) == ("iop-light", True)  # the looks are kept
    path = preferences.preferences_path()
    assert path.stat().st_mode & 0o777 == 0o600
    try:
        assert main(["checklists"]) == 0
        assert i18n.language() == "en"
        assert main(["checklists", "--lang", "sv"]) == 0
        assert i18n.language() == "sv"
        path.write_text('language = "xx"\n', encoding="utf-8")
        assert preferences.saved_language() is None  # an unknown value is no reason to fail
        with pytest.raises(preferences.PreferencesError):
            preferences.save_language("xx")
    finally:
        i18n.set_language("sv")
    capsys.readouterr()


def test_the_organisation_perspective_in_english_is_english() -> None:
    sv = load_checklist(BOLLEBYGD)
    en = load_checklist(BOLLEBYGD, lang="en")
    sv_org, en_org = sv.for_perspective("organisation"), en.for_perspective("organisation")
    with_org = [q.id for q in sv.questions if q.org is not None]
    assert len(with_org) == len(sv.questions) == 47  # every question has plain words
    for qid in with_org:
        written, shown = sv.question(qid).org, en_org.question(qid)
        assert written is not None and shown.text != written.text, qid
        assert shown.text != en.question(qid).text, qid  # the org wording, not the kommun's
        for text in (shown.text, shown.help):
            assert len([w for w in text.split() if SWEDISH & set(w)]) <= 2, (qid, text)
        assert sv_org.question(qid).text == written.text, qid
    # Neither language nor perspective changes a fingerprint: nothing reads as reworded.
    for view in (sv_org, en, en_org):
        assert [q.fingerprint() for q in view.questions] == [q.fingerprint() for q in sv.questions]
    assert "700\u00a0000 kr" in en_org.question("marknad_varde_over_direktgrans").text
    stadgar = en.term("stadgar")
    assert stadgar.term.startswith("Statutes") and "statutes" in stadgar.words


ORG_TINY = TINY.replace('help = "Hjälp ett."', 'help = "Hjälp ett."\norg.text = "Enkel fråga ett?"')


def test_missing_and_stray_org_translations_are_listed() -> None:
    missing = missing_translations(parse_checklist(ORG_TINY))
    assert "en: question 'q1': not translated: org.text" in missing
    assert not any("org.help" in m for m in missing)  # the question has no org help
    done = ORG_TINY + 'org.text = "Plain question one?"\n'
    assert not any("'q1'" in m for m in missing_translations(parse_checklist(done)))
    view = parse_checklist(done, lang="en").for_perspective("organisation")
    assert view.question("q1").text == "Plain question one?"
    assert view.question("q1").help == "Help one."  # no org help: the translated shared one
    stray = done + '\n[translations.en.questions.q2]\norg.text = "Plain two?"\n'
    assert (
        "en: question 'q2': translates an org wording the question does not have (left unused)"
        in missing_translations(parse_checklist(stray))
    )
