"""Hypothesis strategies: random (valid) checklists and answer sets for them."""

from __future__ import annotations

from hypothesis import strategies as st

from iop_tui.checklist import SCORED_OUTCOMES, Answer, Checklist, Outcome

SCORED = [o.value for o in SCORED_OUTCOMES]


# The strategies are built once, here, not inside the composite functions: hypothesis
# validates every strategy object the first time it is drawn from, and building them anew on
# every draw made that validation most of the time these properties took. The values drawn
# are the same (the same strategies, drawn in the same order).
_SIGNALS = st.lists(
    st.builds(
        lambda o, w: {"outcome": o, "weight": w},
        st.sampled_from(SCORED),
        st.integers(-4, 4).filter(bool),
    ),
    max_size=3,
)
_STOPS = st.lists(
    st.one_of(
        st.builds(lambda o: {"rule": "exclude", "outcome": o}, st.sampled_from(SCORED)),
        st.builds(
            lambda o: {"rule": "require", "outcome": o},
            st.sampled_from([o.value for o in Outcome]),
        ),
    ),
    max_size=1,
)
_BLOCKS = st.lists(st.sampled_from(SCORED), min_size=1, max_size=3, unique=True)
_ONE_IN_4 = st.integers(0, 3)
_ONE_IN_10 = st.integers(0, 9)
_YES_OR_NO = st.sampled_from(["yes", "no"])
_GATE = st.sampled_from(["kontrakt", "ideburen"])
_ANSWER = st.sampled_from(list(Answer))


@st.composite
def effects(draw: st.DrawFn) -> dict:
    signals = draw(_SIGNALS)
    stops = draw(_STOPS)
    eff: dict = {"reason": "r", "signals": signals, "stops": stops}
    if draw(_ONE_IN_10) == 0:
        eff["flag"] = {"reason": "f", "blocks": draw(_BLOCKS)}
    return eff


_EFFECTS = effects()


def _make_gate_question(q: dict, gate: str) -> None:
    """Turn a random question into a valid gate question: critical, deciding through a stop
    on "yes", and earning nothing by passing it."""
    q["critical"] = True
    q["gate"] = gate
    yes = q["yes"]
    if not yes["stops"] and "flag" not in yes:
        yes["stops"] = [{"rule": "exclude", "outcome": "iop"}]
    for answer in ("yes", "no"):
        eff = q[answer]
        if not eff["stops"] and "flag" not in eff:
            eff["signals"] = [sig for sig in eff["signals"] if sig["weight"] < 0]


@st.composite
def checklists(draw: st.DrawFn, max_questions: int = 8, gates: bool = False) -> Checklist:
    n = draw(st.integers(1, max_questions))
    gate_ids: list[str] = []
    questions = []
    for i in range(n):
        q: dict = {
            "id": f"q{i}",
            "text": f"Fråga {i}?",
            "help": "h",
            "sources": ["s"],
            "critical": draw(st.booleans()),
            "yes": draw(_EFFECTS),
            "no": draw(_EFFECTS),
            "unsure": {},
        }
        if i and draw(_ONE_IN_4) == 0:
            ref = draw(st.integers(0, i - 1))
            q["show_if"] = {"all": [{"question": f"q{ref}", "is_not": [draw(_YES_OR_NO)]}]}
        if gates and draw(st.integers(0, 2)) == 0:
            gate = draw(_GATE)
            _make_gate_question(q, gate)
            if gate not in gate_ids:
                gate_ids.append(gate)
        questions.append(q)
    return make_checklist(
        questions,
        margin=draw(st.integers(0, 4)),
        max_open_critical=draw(st.integers(0, 3)),
        gates=gate_ids,
    )


def make_checklist(
    questions: list[dict], *, margin: int, max_open_critical: int, gates: list[str] = ()
) -> Checklist:
    """A valid checklist around the given question dicts (one section, one source)."""
    return Checklist.model_validate(
        {
            "id": "gen",
            "title": "Gen",
            "version": "1",
            "kommun": "K",
            "riktlinje": {"title": "R"},
            "judging": {"margin": margin, "max_open_critical": max_open_critical},
            "sources": [{"id": "s", "title": "S"}],
            "gates": [
                {
                    "id": g,
                    "title": g,
                    "explanation": "e",
                    **({"lean": "upphandling"} if g == "kontrakt" else {}),
                }
                for g in gates
            ],
            "outcomes": [
                {"id": o.value, "label": o.value, "explanation": "e", "next_steps": ["n"]}
                for o in Outcome
            ],
            "sections": [{"id": "s", "title": "S", "questions": questions}],
        }
    )


def answers_for(checklist: Checklist) -> st.SearchStrategy[dict[str, Answer]]:
    return st.dictionaries(st.sampled_from([q.id for q in checklist.questions]), _ANSWER)


@st.composite
def mostly_answered(draw: st.DrawFn, checklist: Checklist) -> dict[str, Answer]:
    """Answer sets where most questions are answered yes or no and a few are left open:
    where the difference between a firm and a likely verdict shows."""
    answers: dict[str, Answer] = {}
    for q in checklist.questions:
        pick = draw(_ONE_IN_10)
        if pick < 7:
            answers[q.id] = Answer.YES if pick % 2 else Answer.NO
        elif pick < 9:
            answers[q.id] = Answer.UNSURE
    return answers
