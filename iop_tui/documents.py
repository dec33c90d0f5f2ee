"""Documents that follow an assessment: a tjänsteskrivelse draft and an IOP-avtal skeleton.

Pure core, no Textual. A document is a Jinja2 template of plain Markdown (`tjanst.md.j2`,
`avtal.md.j2` in `iop_tui/templates/`; a kommun replaces one by putting its own copy in
`<config dir>/templates/`), rendered with the report's Markdown environment, so everything
from the session or the checklist is escaped by default and can never make a heading, a
list or a table of its own. The same Markdown becomes a Word file (`to_docx`): the
converter understands only what the templates write (headings, paragraphs, bullet and
numbered lists, tables, block quotes, **bold** and *italic*) and turns Markdown escapes
back into the characters typed, so user text reads the same in both.

Places the session cannot fill are marked `[fyll i]` (highlighted in Word) so that nothing
needs rewriting before filing except what is marked.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Final, Literal

from .checklist import Checklist, Outcome
from .engine import judge
from .errors import ReportError
from .report import Report, build_report, environment
from .session import Session

Kind = Literal["tjanst", "avtal"]
KINDS: Final[tuple[Kind, ...]] = ("tjanst", "avtal")
#: The marker for what the officer fills in; Word highlights it.
FILL_IN: Final = "[fyll i]"
#: File names people recognise in an ärende folder.
FILE_STEMS: Final[dict[str, str]] = {"tjanst": "tjansteskrivelse", "avtal": "iop-avtal"}


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a document template gets besides the report (`r`)."""

    #: The form the document is written for: the decision's ställningstagande when one is
    #: chosen, else the tool's outcome.
    form: str
    form_label: str
    #: Whether the form comes from the decision (True) or only from the tool (False).
    decided: bool


def document_form(session: Session, verdict_outcome: str) -> str:
    return session.decision.form or verdict_outcome


def render_document(
    kind: str,
    checklist: Checklist,
    session: Session,
    *,
    today: dt.date | None = None,
    session_sha256: str = "",
) -> str:
    """The document as Markdown. The IOP-avtal exists only for an IOP outcome (the
    decision's form when chosen, else the verdict): anything else raises ReportError."""
    from .i18n import tr

    if kind not in KINDS:
        raise ReportError(f"unknown document '{kind}' (use {', '.join(KINDS)})")
    if checklist.declares_outcomes:
        # The documents argue for a form of cooperation: a checklist with its own outcomes
        # (a follow-up) has no form to argue for.
        raise ReportError(
            f"the {kind} document is written for a first assessment; checklist "
            f"'{checklist.id}' has its own outcomes ({', '.join(checklist.outcome_ids)})"
        )
    verdict = judge(checklist, session.answers)
    report = build_report(checklist, session, verdict, today=today, session_sha256=session_sha256)
    form = document_form(session, verdict.outcome)
    if kind == "avtal" and form is not Outcome.IOP:
        raise ReportError(
            f"the IOP-avtal skeleton is for an IOP outcome; this assessment gives {form}"
        )
    ctx = DocumentContext(
        form=form,
        # a checklist's own outcome (a follow-up's) is named by its declared label
        form_label=(
            tr("decision.form." + form.value)
            if isinstance(form, Outcome)
            else checklist.outcome(form).label
        ),
        decided=session.decision.form is not None,
    )
    template = environment("md").get_template(f"{kind}.md.j2")
    return template.render(r=report, doc=ctx, sections={s.id: s for s in report.sections})


def documents_for(report: Report, session: Session) -> tuple[Kind, ...]:
    """Which documents make sense for this assessment (the avtal only for IOP)."""
    form = document_form(session, report.view.outcome)
    return ("tjanst", "avtal") if form is Outcome.IOP else ("tjanst",)


# --------------------------------------------------------------------------- Word


_HEADING = re.compile(r"^(#{1,4}) (.*)$")
_BULLET = re.compile(r"^[-*] (.*)$")
_NUMBERED = re.compile(r"^\d{1,3}\. (.*)$")
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+$")
#: **bold**, *italic*, or an escaped character; everything else is plain text.
_INLINE = re.compile(r"\*\*(?P<b>(?:\\.|[^*\\])+)\*\*|\*(?P<i>(?:\\.|[^*\\])+)\*|\\(?P<e>.)")
_UNESCAPE = re.compile(r"\\(.)")


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` inside a cell is text, not a separator."""
    inner = line.strip()[1:-1]
    cells, current, i = [], [], 0
    while i < len(inner):
        ch = inner[i]
        if ch == "\\" and i + 1 < len(inner):
            current.append(inner[i : i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
        i += 1
    cells.append("".join(current).strip())
    return cells


def _add_runs(paragraph: object, text: str) -> None:
    """Add `text` to a python-docx paragraph: bold and italic spans, escapes undone,
    `[fyll i]` highlighted."""
    from docx.enum.text import WD_COLOR_INDEX

    def plain(chunk: str, *, bold: bool = False, italic: bool = False) -> None:
        for part in re.split(r"(\[fyll i\])", chunk):
            if not part:
                continue
            run = paragraph.add_run(part)  # type: ignore[attr-defined]
            run.bold = bold or None
            run.italic = italic or None
            if part == FILL_IN:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    pos = 0
    pending: list[str] = []
    for m in _INLINE.finditer(text):
        pending.append(text[pos : m.start()])
        pos = m.end()
        if m.group("e") is not None:
            pending.append(m.group("e"))
            continue
        plain("".join(pending))
        pending = []
        if m.group("b") is not None:
            plain(_UNESCAPE.sub(r"\1", m.group("b")), bold=True)
        else:
            plain(_UNESCAPE.sub(r"\1", m.group("i")), italic=True)
    pending.append(text[pos:])
    plain("".join(pending))


def to_docx(markdown: str, *, title: str = "") -> bytes:
    """A Word document from the Markdown the document templates write."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.core_properties.title = " ".join(title.split())[:250]
    document.core_properties.author = "iop-tui"
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)

    lines = markdown.split("\n")
    i = 0
    paragraph_lines: list[str] = []

    def flush() -> None:
        if paragraph_lines:
            _add_runs(document.add_paragraph(), " ".join(paragraph_lines))
            paragraph_lines.clear()

    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            flush()
            i += 1
            continue
        if m := _HEADING.match(line):
            flush()
            level = len(m.group(1))
            heading = document.add_heading(level=0 if level == 1 else level - 1)
            _add_runs(heading, m.group(2))
        elif line.startswith("|") and i + 1 < len(lines) and _TABLE_RULE.match(lines[i + 1]):
            flush()
            rows = [_cells(line)]
            i += 2
            while i < len(lines) and lines[i].startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row[: len(rows[0])]):
                    cell = table.cell(r, c)
                    _add_runs(cell.paragraphs[0], f"**{text}**" if r == 0 and text else text)
            continue
        elif m := _BULLET.match(line):
            flush()
            _add_runs(document.add_paragraph(style="List Bullet"), m.group(1))
        elif m := _NUMBERED.match(line):
            flush()
            _add_runs(document.add_paragraph(style="List Number"), m.group(1))
        elif line.startswith("> "):
            flush()
            _add_runs(document.add_paragraph(style="Quote"), line[2:])
        else:
            # A continuation line of a list item (indented) joins the item before it.
            if line.startswith("  ") and not paragraph_lines and document.paragraphs:
                _add_runs(document.paragraphs[-1], " " + line.strip())
            else:
                paragraph_lines.append(line.strip())
        i += 1
    flush()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
