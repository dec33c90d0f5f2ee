"""Hypothesis strategies: random (valid) checklists and answer sets for them."""

from __future__ import annotations

from hypothesis import strategies as st

from iop_tui.checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome

SCORED = [o.value for o in SCORED_OUTCOMES]


@st.composite
def effects(draw: st.DrawFn) -> dict:
    signals = draw(
        st.lists(
            st.builds(
                lambda o, w: {"outcome": o, "weight": w},
                st.sampled_from(SCORED),
                st.integers(-4, 4).filter(bool),
            ),
            max_size=3,
        )
    )
    stops = draw(
        st.lists(
            st.one_of(
                st.builds(lambda o: {"rule": "exclude", "outcome": o}, st.sampled_from(SCORED)),
                st.builds(
                    lambda o: {"rule": "require", "outcome": o},
                    st.sampled_from([o.value for o in Outcome]),
                ),
            ),
            max_size=1,
        )
    )
    eff: dict = {"reason": "r", "signals": signals, "stops": stops}
    if draw(st.integers(0, 9)) == 0:
        eff["flag"] = {
            "reason": "f",
            "toward": draw(st.lists(st.sampled_from(SCORED), max_size=2, unique=True)),
        }
    return eff


@st.composite
def checklists(draw: st.DrawFn, max_questions: int = 8) -> Checklist:
    n = draw(st.integers(1, max_questions))
    questions = []
    for i in range(n):
        q: dict = {
            "id": f"q{i}",
            "text": f"Fråga {i}?",
            "help": "h",
            "sources": ["s"],
            "critical": draw(st.booleans()),
            "yes": draw(effects()),
            "no": draw(effects()),
            "unsure": {},
        }
        if i and draw(st.integers(0, 3)) == 0:
            ref = draw(st.integers(0, i - 1))
            q["show_if"] = {
                "all": [{"question": f"q{ref}", "is_not": [draw(st.sampled_from(["yes", "no"]))]}]
            }
        questions.append(q)
    return Checklist.model_validate(
        {
            "id": "gen",
            "title": "Gen",
            "version": "1",
            "kommun": "K",
            "riktlinje": {"title": "R"},
            "judging": {
                "margin": draw(st.integers(0, 4)),
                "max_open_critical": draw(st.integers(0, 3)),
            },
            "sources": [{"id": "s", "title": "S"}],
            "outcomes": [
                {"id": o.value, "label": o.value, "explanation": "e", "next_steps": ["n"]}
                for o in Outcome
            ],
            "sections": [{"id": "s", "title": "S", "questions": questions}],
        }
    )


def answers_for(checklist: Checklist) -> st.SearchStrategy[dict[str, Answer]]:
    return st.dictionaries(
        st.sampled_from([q.id for q in checklist.questions]), st.sampled_from(list(Answer))
    )
