"""`iop-tui check` warnings for authors (iop_tui/authoring.py): one test per warning, each on
a small checklist that is clean until the test breaks one thing."""

from __future__ import annotations

import datetime as dt

from iop_tui.authoring import (
    AUTHOR_WARNINGS,
    author_warnings,
    conditions_never_hold,
    outcomes_nothing_points_to,
    questions_never_shown,
    questions_without_help,
    riktlinje_expired,
    sources_never_cited,
    terms_never_used,
)
from iop_tui.checklist import parse_checklist

TODAY = dt.date(2026, 12, 1)
HELP = 'help = "Svara ja om det stämmer för det senaste året."'

CLEAN = f"""
id = "clean"
title = "Ren"
version = "1"
kommun = "Testkommun"

[riktlinje]
title = "Testriktlinje"
valid_until = 2030-12-31

[[sources]]
id = "s1"
title = "Källa"

[[glossary]]
id = "plan"
term = "Plan"
definition = "En plan."

[[outcomes]]
id = "fortsatta"
label = "Fortsätta"
explanation = "x"
next_steps = ["a"]

[[outcomes]]
id = "avsluta"
label = "Avsluta"
explanation = "x"
next_steps = ["a"]

[[outcomes]]
id = "oklart"
label = "Oklart"
explanation = "x"
next_steps = ["a"]

[[sections]]
id = "a"
title = "A"

[[sections.questions]]
id = "plan"
text = "Finns en plan?"
{HELP}
sources = ["s1"]
terms = ["plan"]
[sections.questions.yes]
signals = [{{ outcome = "fortsatta", weight = 3, reason = "Plan finns" }}]
[sections.questions.no]
signals = [{{ outcome = "avsluta", weight = 3, reason = "Ingen plan" }}]

[[sections.questions]]
id = "varfor"
text = "Är skälet känt?"
{HELP}
sources = ["s1"]
show_if = {{ all = [{{ question = "plan", is = ["no"] }}] }}

[[sections.questions]]
id = "detalj"
text = "Är skälet skrivet?"
{HELP}
sources = ["s1"]
show_if = {{ all = [{{ question = "varfor", is = ["yes"] }}] }}
"""


def warnings(text: str) -> list[str]:
    return author_warnings(parse_checklist(text, "x.toml"), TODAY)


def test_clean_checklist_has_no_warnings() -> None:
    assert warnings(CLEAN) == []


def test_condition_that_can_never_hold() -> None:
    # "plan" offers only yes and no: asking for "unsure" can never hold.
    text = CLEAN.replace(
        'id = "plan"\ntext = "Finns en plan?"',
        'id = "plan"\ntext = "Finns en plan?"\nanswers = ["yes", "no"]',
    ).replace('{ question = "plan", is = ["no"] }', '{ question = "plan", is = ["unsure"] }')
    c = parse_checklist(text)
    assert conditions_never_hold(c, TODAY) == [
        "varfor: show_if can never hold (no answers to the questions it reads make it true)"
    ]
    # yes and not yes at once
    text = CLEAN.replace(
        '{ question = "plan", is = ["no"] }',
        '{ question = "plan", is = ["no"] }, { question = "plan", is_not = ["no"] }',
    )
    assert conditions_never_hold(parse_checklist(text), TODAY)[0].startswith("varfor:")


def test_question_no_path_shows() -> None:
    text = CLEAN.replace(
        'id = "plan"\ntext = "Finns en plan?"',
        'id = "plan"\ntext = "Finns en plan?"\nanswers = ["yes", "no"]',
    ).replace('{ question = "plan", is = ["no"] }', '{ question = "plan", is = ["unsure"] }')
    c = parse_checklist(text)
    # "varfor" itself is the condition's fault; "detalj" reads a question never shown.
    assert questions_never_shown(c, TODAY) == [
        "detalj: no path shows this question (its condition needs varfor, which is never shown)"
    ]
    assert questions_never_shown(parse_checklist(CLEAN), TODAY) == []


def test_outcome_nothing_points_to() -> None:
    text = CLEAN.replace(
        '{ outcome = "avsluta", weight = 3, reason = "Ingen plan" }',
        '{ outcome = "fortsatta", weight = -3, reason = "Ingen plan" }',
    )
    assert outcomes_nothing_points_to(parse_checklist(text), TODAY) == [
        "outcome 'avsluta': nothing points to it (no answer gives it points or requires it)"
    ]


def test_question_without_help() -> None:
    text = CLEAN.replace(HELP, 'help = "Se ovan."', 1)
    assert [w.split(":")[0] for w in questions_without_help(parse_checklist(text), TODAY)] == [
        "plan"
    ]
    text = CLEAN.replace(HELP, 'help = "Finns en plan?"', 1)  # only repeats the question
    assert len(questions_without_help(parse_checklist(text), TODAY)) == 1


def test_source_never_cited() -> None:
    text = CLEAN.replace("[[glossary]]", '[[sources]]\nid = "s2"\ntitle = "Oläst"\n\n[[glossary]]')
    assert sources_never_cited(parse_checklist(text), TODAY) == [
        "source 's2': never cited (no question or amount names it)"
    ]


def test_glossary_term_never_used() -> None:
    text = CLEAN.replace('terms = ["plan"]\n', "")
    assert terms_never_used(parse_checklist(text), TODAY) == [
        "glossary term 'plan': never used (no question lists it in terms)"
    ]


def test_riktlinje_validity_ended() -> None:
    text = CLEAN.replace("valid_until = 2030-12-31", "valid_until = 2023-12-31")
    (line,) = riktlinje_expired(parse_checklist(text), TODAY)
    assert line.startswith("riktlinje: its validity ended 2023-12-31")
    assert riktlinje_expired(parse_checklist(CLEAN), TODAY) == []


def test_every_warning_is_collected_in_one_place() -> None:
    assert len(AUTHOR_WARNINGS) == 7
    text = CLEAN.replace("valid_until = 2030-12-31", "valid_until = 2023-12-31").replace(
        'terms = ["plan"]\n', ""
    )
    assert len(warnings(text)) == 2
