"""Property tests: whatever text or TOML document the session and checklist loaders get, they
either load it or raise the project's own error (IopError) with one line per problem, naming
the file. Anything else (KeyError, RecursionError, a pydantic error leaking out) is a bug."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from typing import Any

import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iop_tui import store
from iop_tui.checklist import parse_checklist
from iop_tui.errors import ChecklistError, IopError, SessionError
from iop_tui.session import parse_session

from ..conftest import FIXTURES

ORIGIN = "fuzz.toml"
MINI = tomllib.loads((FIXTURES / "mini.toml").read_text(encoding="utf-8"))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- strategies

keys = st.one_of(
    st.sampled_from(["id", "schema", "checklist", "answers", "meta", "notes", "title", "yes"]),
    st.text(max_size=12),
)
scalars = st.one_of(
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["yes", "no", "unsure", "iop", "oklart", "exclude", "bollebygd", "mini"]),
    st.datetimes(timezones=st.one_of(st.none(), st.just(dt.UTC))),
    st.dates(),
    st.times(),
)
toml_values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=20,
)
documents = st.dictionaries(keys, toml_values, max_size=8)


def mostly(good: st.SearchStrategy[Any], bad: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """`good` nine times in ten. (st.one_of would pick `good` as one branch among all of
    `bad`'s flattened branches, i.e. rarely.)"""
    return st.integers(0, 9).flatmap(lambda n: bad if n == 0 else good)


def session_like() -> st.SearchStrategy[dict[str, Any]]:
    """Mostly right, sometimes wrong here and there: reaches the model validation, and
    often loads (then the round trip through saving is checked)."""
    answer = mostly(st.sampled_from(["yes", "no", "unsure"]), scalars)
    return st.fixed_dictionaries(
        {"schema": mostly(st.just(1), scalars), "checklist": mostly(st.just("bollebygd"), scalars)},
        optional={
            "checklist_version": mostly(st.just("1.0"), scalars),
            "created": mostly(st.datetimes(), scalars),
            "updated": mostly(st.datetimes(timezones=st.just(dt.UTC)), scalars),
            "meta": mostly(
                st.fixed_dictionaries(
                    {},
                    optional={
                        "title": st.text(),
                        "organisation": mostly(st.text(), scalars),
                        "diarienummer": st.text(max_size=20),
                    },
                ),
                toml_values,
            ),
            "answers": mostly(st.dictionaries(st.text(max_size=10), answer), toml_values),
            "notes": mostly(
                st.dictionaries(st.text(max_size=10), mostly(st.text(), scalars)), toml_values
            ),
            "fingerprints": mostly(
                st.dictionaries(st.text(max_size=10), st.text(max_size=12)), toml_values
            ),
            "extra": toml_values,
        },
    )


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix] if prefix else []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


MINI_PATHS = _paths(MINI)


@st.composite
def mutated_checklists(draw: st.DrawFn) -> dict[str, Any]:
    """The valid mini checklist with 1-3 values replaced by anything, or removed."""
    doc = copy.deepcopy(MINI)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(MINI_PATHS))
        parent: Any = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this branch
        key = path[-1]
        if isinstance(parent, dict) and isinstance(key, str):
            if draw(st.booleans()):
                parent.pop(key, None)
            else:
                parent[key] = draw(toml_values)
        elif isinstance(parent, list) and isinstance(key, int) and key < len(parent):
            parent[key] = draw(toml_values)
    return doc


def dump(doc: dict[str, Any]) -> str:
    return tomli_w.dumps(doc)


# --------------------------------------------------------------------------- checks


def check_session(text: str) -> None:
    try:
        session = parse_session(text, ORIGIN)
    except SessionError as exc:
        message = str(exc)
        assert message.startswith(f"{ORIGIN}: ") and "\n" not in message, message
        return
    # What loads can be saved, and loads back the same.
    assert parse_session(session.to_toml(), ORIGIN) == session


def check_checklist(text: str) -> None:
    try:
        parse_checklist(text, ORIGIN)
    except ChecklistError as exc:
        assert exc.problems
        for line in exc.problems:
            assert line.startswith(ORIGIN) and "\n" not in line, line


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_session(text: str) -> None:
    check_session(text)


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_checklist(text: str) -> None:
    check_checklist(text)


@FAST
@given(documents)
def test_arbitrary_toml_session(doc: dict[str, Any]) -> None:
    check_session(dump(doc))


@FAST
@given(documents)
def test_arbitrary_toml_checklist(doc: dict[str, Any]) -> None:
    check_checklist(dump(doc))


@settings(FAST, max_examples=300)
@given(session_like())
def test_session_shaped_toml(doc: dict[str, Any]) -> None:
    check_session(dump(doc))


@settings(FAST, max_examples=300)
@given(mutated_checklists())
def test_mutated_checklist(doc: dict[str, Any]) -> None:
    check_checklist(dump(doc))


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_through_the_store(data: bytes) -> None:
    try:
        store.decode(data, store.Path(ORIGIN))
    except IopError as exc:
        assert "\n" not in str(exc)
