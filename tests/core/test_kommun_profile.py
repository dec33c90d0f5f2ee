"""Issue 12: the kommun profile, placeholders, the shipped checklists, comparing, carrying
an assessment over, the JSON Schema and user checklists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from iop_tui import catalog, profile
from iop_tui.checklist import Answer, json_schema, load_checklist
from iop_tui.compare import carry_over, compare_checklists, compare_sessions
from iop_tui.engine import judge
from iop_tui.report import render
from iop_tui.session import Session
from iop_tui.store import load

REPO = Path(__file__).parent.parent.parent
CHECKLISTS = REPO / "checklists"
EXAMPLE = CHECKLISTS / "examples" / "01-laxhjalp-iop.toml"
ALINGSAS = profile.Profile(
    kommun="Alingsås kommun",
    forvaltning="Socialförvaltningen",
    riktlinje_title="Riktlinje för samverkan med civilsamhället",
    riktlinje_reference="KS2025/12",
    riktlinje_date="2025-05-01",
    contact="Kommunjurist, 0322-00 00 00",
)


def test_profile_round_trip_and_first_run(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    assert profile.load(path) is None  # no file: the app asks (first run)
    profile.save(ALINGSAS.with_values(contact='Anna "A" Jurist'), path)
    assert profile.load(path) == ALINGSAS.with_values(contact='Anna "A" Jurist')
    assert path.stat().st_mode & 0o777 == 0o600
    path.write_text('kommun = "X"\nwho = 1\n')
    with pytest.raises(profile.ProfileError, match="unknown field"):
        profile.load(path)


def test_placeholders_are_filled_from_the_profile_with_a_neutral_fallback() -> None:
    neutral = catalog.installed()["kungsbacka"].question("org_sarintresse_i_strid").text
    assert "kommunens styrdokument" in neutral and "{" not in neutral
    fp = catalog.installed()["kungsbacka"].question("org_sarintresse_i_strid").fingerprint()
    profile.use(ALINGSAS)
    filled = catalog.installed()["kungsbacka"].question("org_sarintresse_i_strid")
    assert "Alingsås kommuns styrdokument" in filled.text
    # The wording as written did not change: a saved session must not see it as reworded.
    assert filled.fingerprint() == fp
    assert profile.genitive("Borås") == "Borås"


def test_shipped_checklists_name_the_schema_and_their_riktlinje() -> None:
    lists = catalog.installed()
    assert {"bollebygd", "boras", "kungsbacka", "kungalv"} <= set(lists)
    files = sorted(CHECKLISTS.glob("*.toml"))  # a file's name need not be its id
    assert len(files) == len(lists)
    for path in files:
        assert path.read_text(encoding="utf-8").startswith("#:schema "), path
    # Borås asks exactly its nine criteria.
    assert len(lists["boras"].questions) == 9
    assert lists["kungalv"].riktlinje.valid_until == dt.date(2023, 12, 31)


def test_report_names_the_users_kommun_and_warns_of_an_expired_riktlinje() -> None:
    session = load(EXAMPLE)
    kungalv = catalog.get("kungalv")
    moved, _ = carry_over(session, kungalv)
    profile.use(ALINGSAS)
    md = render(kungalv, moved, "md")
    assert "| Kommun | Alingsås kommun |" in md
    assert "Riktlinje för samverkan med civilsamhället (KS2025/12, 2025-05-01)" in md
    assert "gällde till och med 2023-12-31 och har upphört" in md
    data = json.loads(render(kungalv, moved, "json"))
    assert data["profile"]["kommun"] == "Alingsås kommun"
    profile.use(profile.Profile())
    assert "| Kommun |" not in render(catalog.get("bollebygd"), session, "md")


def test_compare_one_session_under_several_checklists() -> None:
    session = load(EXAMPLE)
    ids = ("bollebygd", "boras", "kungsbacka")
    cmp = compare_checklists(session.answers, [catalog.get(i) for i in ids])
    assert cmp.columns[0].verdict.outcome.value == "iop"
    assert cmp.verdicts_differ
    row = {r.question_id: r for r in cmp.rows}
    # Asked by Borås, not answered in the session: open there, not asked elsewhere.
    assert row["utmaning_lokal_overenskommelse"].cells == ("-", "öppen", "-")
    assert "utmaning_lokal_overenskommelse" in cmp.columns[1].open
    assert cmp.difference  # the questions that make the difference are named


def test_compare_two_sessions_and_carry_over() -> None:
    a = load(EXAMPLE)
    b = a.model_copy(deep=True)
    b.answers["marknad_pris_per_prestation"] = Answer.YES
    c = catalog.get("bollebygd")
    cmp = compare_sessions(a, b, c, c, ["a", "b"])
    differing = [r.question_id for r in cmp.rows if r.differs]
    assert differing == ["marknad_pris_per_prestation"]
    assert cmp.verdicts_differ and cmp.difference[0].question_id == "marknad_pris_per_prestation"

    moved, left = carry_over(a, catalog.get("boras"))
    assert moved.checklist == "boras"
    assert set(moved.answers) <= catalog.get("boras").question_ids
    assert moved.answers["initiativ_fran_org"] == a.answers["initiativ_fran_org"]
    assert "org_juridisk_person" in left
    judge(catalog.get("boras"), moved.answers)  # judged like any other session


def test_printed_schema_matches_the_models() -> None:
    shipped = json.loads((CHECKLISTS / "schema" / "checklist.schema.json").read_text())
    assert shipped == json_schema(), "run: iop-tui schema > checklists/schema/checklist.schema.json"
    assert set(json_schema()["properties"]) >= {"id", "sections", "outcomes", "riktlinje"}


def test_a_broken_user_checklist_is_reported_not_fatal(tmp_path: Path) -> None:
    own = profile.user_checklists_dir()
    own.mkdir(parents=True, exist_ok=True)
    mine = (CHECKLISTS / "boras.toml").read_text().replace('id = "boras"', 'id = "min_lista"', 1)
    (own / "min.toml").write_text(mine)
    (own / "trasig.toml").write_text('id = "x"\ntitle = \n')
    catalog.reload()
    assert "min_lista" in catalog.installed()
    assert catalog.origin("min_lista").endswith("min.toml")
    assert any("trasig.toml" in p for p in catalog.problems())
    extra = tmp_path / "extra.toml"
    extra.write_text(mine.replace('id = "min_lista"', 'id = "extra_lista"', 1))
    catalog.add_path(extra)
    assert "extra_lista" in catalog.installed()


def test_a_session_keeps_its_answers_when_the_profile_changes() -> None:
    s = Session.new(catalog.get("kungsbacka"))
    s.answers["org_sarintresse_i_strid"] = Answer.NO
    before = judge(catalog.get("kungsbacka"), s.answers).outcome
    profile.use(ALINGSAS)
    assert judge(catalog.get("kungsbacka"), s.answers).outcome == before
    assert load_checklist(CHECKLISTS / "kungsbacka.toml").id == "kungsbacka"
