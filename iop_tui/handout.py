"""A printable one-page handout for a workshop: the three forms (IOP, föreningsbidrag,
upphandling) and the words that decide between them, on one A4 sheet (HTML with print CSS).

The text is written for the handout: short, plain, no amounts or dates that go stale (the
checklists' own glossaries hold those, with sources). Swedish, and English under `--lang en`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .i18n import language


@dataclass(frozen=True)
class Form:
    name: str
    what: str
    signs: tuple[str, ...]
    not_when: str


@dataclass(frozen=True)
class Handout:
    lang: str
    title: str
    lead: str
    signs_heading: str
    not_when_heading: str
    forms: tuple[Form, ...]
    unclear_heading: str
    unclear: str
    start_heading: str
    start_questions: tuple[str, ...]
    glossary_heading: str
    glossary: tuple[tuple[str, str], ...]
    footer: str


SV = Handout(
    lang="sv",
    title="IOP, föreningsbidrag eller upphandling?",
    lead=(
        "När kommunen och en idéburen organisation vill göra något tillsammans finns tre "
        "vanliga vägar. Vilken som passar avgörs av vad kommunen får tillbaka, vems "
        "verksamheten är och om det finns en marknad, inte av vad samarbetet kallas."
    ),
    signs_heading="Känns igen på",
    not_when_heading="Passar inte när",
    forms=(
        Form(
            name="IOP – idéburet offentligt partnerskap",
            what=(
                "Kommunen och organisationen möter en samhällsutmaning tillsammans. Båda "
                "bidrar och bestämmer målen gemensamt."
            ),
            signs=(
                "initiativet kommer från organisationen eller från båda",
                "båda bidrar: pengar, ideell tid, lokaler, kunskap",
                "gemensamma mål och gemensam styrning",
                "ett mervärde som kommunen inte kan köpa",
            ),
            not_when=(
                "kommunen bestämmer volymer, bemanning eller öppettider i detalj, eller "
                "andra utförare finns på en marknad."
            ),
        ),
        Form(
            name="Föreningsbidrag",
            what=("Kommunen stöder föreningens egen verksamhet med pengar och får inget tillbaka."),
            signs=(
                "föreningens ordinarie verksamhet eller ett eget projekt",
                "samma regler för alla föreningar i samma läge",
                "föreningen redovisar hur pengarna används, men levererar inget",
            ),
            not_when=(
                "kommunen kräver något i utbyte (platser, timmar, en viss målgrupp) eller "
                "väljer ut vem som får stödet utan gemensamma regler."
            ),
        ),
        Form(
            name="Upphandling",
            what=(
                "Kommunen köper en tjänst och bestämmer vad som ska levereras. Lagen om "
                "offentlig upphandling gäller, även när säljaren är en ideell förening."
            ),
            signs=(
                "kommunen beställer och betalar per prestation",
                "andra kunde utföra samma sak och konkurrera om uppdraget",
                "tjänsten har köpts förut eller är kommunens lagstadgade uppgift",
            ),
            not_when=(
                "organisationen gör något eget som kommunen bara vill stödja, eller båda "
                "bidrar till ett gemensamt mål."
            ),
        ),
    ),
    unclear_heading="Oklart? Fråga tidigt",
    unclear=(
        "Pekar svaren åt olika håll, eller väcks frågor om statsstöd, kommunallagen eller "
        "sekretess, ska jurist eller upphandlingsfunktion bedöma ärendet innan något "
        "avtal skrivs. Den första bedömningen är ett stöd, inte ett juridiskt beslut."
    ),
    start_heading="Tre frågor att börja med",
    start_questions=(
        "Vems verksamhet är det, och vem tog initiativet?",
        "Bidrar båda parter, eller betalar kommunen för en prestation?",
        "Finns det andra som kunde göra samma sak på en marknad?",
    ),
    glossary_heading="Ord att känna till",
    glossary=(
        (
            "Idéburen organisation",
            "Förening, stiftelse eller liknande med ett allmännyttigt syfte, som inte drivs "
            "för vinst och inte styrs av det offentliga.",
        ),
        (
            "Samfinansiering",
            "Båda parter bidrar till verksamheten, med pengar eller med tid, lokaler och "
            "kunskap. Ett kännetecken för IOP.",
        ),
        (
            "Motprestation",
            "Något mottagaren måste leverera i utbyte mot pengarna. Ett bidrag har ingen; "
            "en redovisning räknas inte som en.",
        ),
        (
            "Detaljreglering",
            "Kommunen bestämmer exakt hur arbetet ska göras. Det pekar mot ett köp, inte "
            "ett partnerskap.",
        ),
        (
            "Likställighet",
            "Kommunen ska behandla alla lika: föreningar i samma läge ska kunna få stöd på "
            "samma villkor (kommunallagen).",
        ),
        (
            "LOU",
            "Lagen om offentlig upphandling. Gäller när kommunen köper, vem som än säljer.",
        ),
        (
            "Direktupphandling",
            "Ett enklare sätt att köpa när värdet är lågt. Gränsen står i LOU och ändras "
            "ibland; kontrollera den.",
        ),
        (
            "LOV",
            "Lagen om valfrihetssystem: kommunen godkänner utförare och invånarna väljer "
            "bland dem.",
        ),
        (
            "Statsstöd",
            "En ekonomisk fördel från det offentliga till någon som säljer på en marknad. "
            "EU:s regler förbjuder det i princip; små stöd och vissa uppdrag är undantag.",
        ),
        (
            "Ekonomisk verksamhet",
            "Att sälja varor eller tjänster i konkurrens med andra. Då gäller "
            "statsstödsreglerna, även för en ideell förening.",
        ),
        (
            "Riktlinje",
            "Kommunens egna regler för när och hur IOP och bidrag används. Den går före "
            "det här bladet.",
        ),
    ),
    footer="Utdelningsblad från iop-tui · ett stöd för den första bedömningen, inte ett beslut",
)

EN = Handout(
    lang="en",
    title="IOP, föreningsbidrag or upphandling?",
    lead=(
        "When a kommun and a civil-society organisation want to do something together, "
        "there are three usual ways. Which one fits depends on what the kommun gets back, "
        "whose activity it is and whether there is a market, not on what the collaboration "
        "is called."
    ),
    signs_heading="Signs",
    not_when_heading="Does not fit when",
    forms=(
        Form(
            name="IOP – idéburet offentligt partnerskap",
            what=(
                "The kommun and the organisation meet a social challenge together. Both "
                "contribute and set the goals together."
            ),
            signs=(
                "the initiative comes from the organisation, or from both",
                "both contribute: money, volunteer time, premises, knowledge",
                "shared goals and shared steering",
                "added value the kommun cannot buy",
            ),
            not_when=(
                "the kommun sets volumes, staffing or opening hours in detail, or other "
                "providers exist on a market."
            ),
        ),
        Form(
            name="Föreningsbidrag (grant)",
            what="The kommun supports the association's own activity with money and gets "
            "nothing back.",
            signs=(
                "the association's ordinary activity or its own project",
                "the same rules for every association in the same position",
                "the association reports how the money was used, but delivers nothing",
            ),
            not_when=(
                "the kommun demands something in return (places, hours, a chosen target "
                "group) or picks who gets support without common rules."
            ),
        ),
        Form(
            name="Upphandling (procurement)",
            what=(
                "The kommun buys a service and decides what is delivered. The public "
                "procurement act (LOU) applies, even when the seller is a non-profit."
            ),
            signs=(
                "the kommun orders and pays per delivery",
                "others could do the same and compete for the contract",
                "the service was bought before, or is a statutory duty of the kommun",
            ),
            not_when=(
                "the organisation does something of its own that the kommun only wants to "
                "support, or both contribute to a shared goal."
            ),
        ),
    ),
    unclear_heading="Unclear? Ask early",
    unclear=(
        "If the answers point different ways, or questions of state aid, the Local "
        "Government Act or confidentiality come up, the legal or procurement unit should "
        "assess the case before any agreement is written. The first assessment is a "
        "support, not a legal decision."
    ),
    start_heading="Three questions to start with",
    start_questions=(
        "Whose activity is it, and who took the initiative?",
        "Do both parties contribute, or does the kommun pay for a delivery?",
        "Could others do the same on a market?",
    ),
    glossary_heading="Words to know",
    glossary=(
        (
            "Idéburen organisation",
            "An association, foundation or similar with a public-benefit purpose, not run "
            "for profit and not controlled by the public sector.",
        ),
        (
            "Co-financing",
            "Both parties contribute, with money or with time, premises and knowledge. A "
            "mark of an IOP.",
        ),
        (
            "Counter-performance",
            "Something the recipient must deliver in return for the money. A grant has "
            "none; reporting on its use is not one.",
        ),
        (
            "Detailed regulation",
            "The kommun decides exactly how the work is done. It points to a purchase, not "
            "a partnership.",
        ),
        (
            "Equal treatment",
            "The kommun treats everyone alike: associations in the same position can get "
            "support on the same terms.",
        ),
        ("LOU", "The public procurement act. It applies when the kommun buys, whoever sells."),
        (
            "Direct award",
            "A simpler way to buy when the value is low. The limit is in LOU and changes "
            "now and then; check it.",
        ),
        (
            "LOV",
            "The act on systems of choice: the kommun approves providers and residents "
            "choose among them.",
        ),
        (
            "State aid",
            "An economic advantage from the public sector to someone selling on a market. "
            "EU rules forbid it in principle; small aid and some mandates are exceptions.",
        ),
        (
            "Economic activity",
            "Selling goods or services in competition with others. Then the state-aid rules "
            "apply, even to a non-profit.",
        ),
        (
            "Riktlinje",
            "The kommun's own rules on when and how IOP and grants are used. It comes "
            "before this sheet.",
        ),
    ),
    footer="Handout from iop-tui · a support for the first assessment, not a decision",
)

HANDOUTS = {"sv": SV, "en": EN}
TEMPLATE = Path(__file__).parent / "templates" / "handout.html.j2"


def handout(lang: str | None = None) -> Handout:
    return HANDOUTS.get(lang or language(), SV)


def render(lang: str | None = None) -> str:
    """The handout as one self-contained HTML file (inline CSS, no scripts)."""
    from jinja2 import Environment, StrictUndefined  # deferred: start-up time

    env = Environment(autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(h=handout(lang))


def default_name(lang: str | None = None) -> str:
    return "utdelningsblad.html" if handout(lang).lang == "sv" else "handout.html"
