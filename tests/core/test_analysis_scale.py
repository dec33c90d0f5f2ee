"""`iop-tui check` on a large checklist (issue 17, item 15): the reachability search is
bounded in `judge` calls, never timed here (the speed is a benchmarks/ row), and a checklist
path that is not a regular file, or is too large, is refused instead of hanging."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from iop_tui import analysis
from iop_tui import checklist as checklist_module
from iop_tui.checklist import Checklist, Outcome, load_checklist
from iop_tui.errors import ChecklistError

SCORED = ["iop", "foreningsbidrag", "upphandling"]


def generated(n: int, *, iop_always_excluded: bool = False) -> Checklist:
    """`n` questions in sections of 10 with every rule kind: weights, conditions, critical
    questions, stops and flags (like the benchmark's generated checklist)."""
    sections = []
    for s0 in range(0, n, 10):
        questions = []
        for i in range(s0, min(n, s0 + 10)):
            q: dict[str, Any] = {
                "id": f"q{i}",
                "text": f"Fråga {i}?",
                "help": "Hjälp.",
                "critical": i % 13 == 0,
                "yes": {
                    "reason": "ja",
                    "signals": [
                        {"outcome": SCORED[i % 3], "weight": 1 + i % 3},
                        {"outcome": SCORED[(i + 1) % 3], "weight": -1},
                    ],
                },
                "no": {"reason": "nej", "signals": [{"outcome": SCORED[(i + 2) % 3], "weight": 1}]},
            }
            if i % 97 == 5:
                q["no"]["stops"] = [{"rule": "exclude", "outcome": SCORED[(i + 1) % 3]}]
            if i % 89 == 7:
                q["yes"]["flag"] = {"reason": "granska", "toward": [SCORED[i % 3]]}
            if i % 7 == 3:
                q["show_if"] = {"all": [{"question": f"q{i - 1}", "is_not": ["no"]}]}
            if iop_always_excluded and i == 0:
                for key in ("yes", "no", "unsure"):
                    q.setdefault(key, {"reason": "x"})
                    q[key]["stops"] = [{"rule": "exclude", "outcome": "iop"}]
                q["critical"] = False
            questions.append(q)
        sections.append({"id": f"s{s0 // 10}", "title": "A", "questions": questions})
    return Checklist.model_validate(
        {
            "id": "gen",
            "title": "Genererad",
            "version": "1",
            "kommun": "K",
            "riktlinje": {"title": "R"},
            "outcomes": [
                {"id": o.value, "label": o.value, "explanation": "e", "next_steps": ["n"]}
                for o in Outcome
            ],
            "sections": sections,
        }
    )


class _TooManyCalls(Exception):
    pass


def count_judge_calls(monkeypatch: pytest.MonkeyPatch, limit: int) -> list[int]:
    calls = [0]
    real = analysis.judge

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] > limit:
            raise _TooManyCalls(f"more than {limit} judge calls")
        return real(*args, **kwargs)

    monkeypatch.setattr(analysis, "judge", counted)
    return calls


def test_reachability_of_a_large_checklist_needs_few_judge_calls(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Before: coordinate ascent over every question and answer, each step a full judge
    # (the issue's 10,000 questions gave no result in 300 s).
    checklist = generated(2_000)
    calls = count_judge_calls(monkeypatch, limit=40)
    assert analysis.unreachable_outcomes(checklist) == []
    assert calls[0] <= 8


def test_an_unreachable_outcome_is_reported_within_the_budget(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    n = 1_000
    checklist = generated(n, iop_always_excluded=True)
    calls = count_judge_calls(monkeypatch, limit=10_000)
    assert analysis.unreachable_outcomes(checklist) == [Outcome.IOP]
    per_target = max(8, analysis.SEARCH_BUDGET // n)
    # one greedy try per outcome, the budget and a final judge per start for IOP
    assert calls[0] <= 4 + per_target + 30


def test_the_shipped_checklist_is_still_fully_reachable() -> None:
    shipped = load_checklist(Path(__file__).resolve().parents[2] / "checklists" / "bollebygd.toml")
    assert analysis.unreachable_outcomes(shipped) == []


def _load_in_thread(path: Path) -> BaseException | None:
    """load_checklist(path) in a daemon thread: the error it raised, or a TimeoutError if it
    is still reading (a hang) after 10 s."""
    result: list[BaseException | None] = []

    def run() -> None:
        try:
            load_checklist(path)
            result.append(None)
        except BaseException as exc:
            result.append(exc)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    t.join(10)
    if t.is_alive():
        if path.is_fifo():  # release the blocked open so the thread can end
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        return TimeoutError(f"load_checklist({path}) still running")
    return result[0]


def test_a_fifo_checklist_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "list.toml"
    os.mkfifo(fifo)
    err = _load_in_thread(fifo)
    assert isinstance(err, ChecklistError), err
    assert "not a regular file" in str(err)


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    err = _load_in_thread(link)
    assert isinstance(err, ChecklistError), err
    assert "not a regular file" in str(err)


def test_an_oversized_checklist_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checklist_module, "MAX_CHECKLIST_BYTES", 1_000)
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * 2_000 + "\n", encoding="utf-8")
    err = _load_in_thread(big)
    assert isinstance(err, ChecklistError), err
    assert "too large" in str(err)
