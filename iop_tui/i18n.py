"""Every UI string, by language. Screens and the CLI ask `tr(key)`; nothing else holds
user-facing text, so adding a language touches only this file. Checklist content (questions,
outcomes) comes from the checklist file in its own language."""

from __future__ import annotations

from typing import Final

DEFAULT_LANG: Final = "sv"

STRINGS: Final[dict[str, dict[str, str]]] = {
    "sv": {
        "compare.open": "öppen",
        "compare.not_shown": "visas ej",
        "compare.verdicts": "Bedömning per checklista:",
        "compare.open_count": " ({n} öppna frågor)",
        "compare.differ": "Bedömningarna skiljer sig. Frågor som gör skillnaden:",
        "compare.same": "Bedömningarna är desamma.",
        "compare.question": "Fråga",
        "compare.legend": (
            "! gör skillnaden mellan bedömningarna · ≠ olika svar eller öppen fråga · "
            "- frågan ställs inte i den checklistan · visas ej: frågan gäller inte efter "
            "svaren"
        ),
        "cli.carried": (
            "{path}: ny bedömning enligt {checklist} ({kept} svar följde med, {open} frågor öppna)"
        ),
        "cli.left_behind": "Svar som inte följde med (frågan finns inte i {checklist}): {ids}",
        "basis.criteria": "Kriterierna kommer från {kommun}: {title}.",
        "basis.user": "Din kommun: {kommun}.",
        "basis.no_kommun": "Ingen kommun vald (Ctrl+P → Inställningar).",
        "basis.expired": (
            "OBS: riktlinjen som checklistan bygger på ({kommun}) gällde till och med {end} "
            "och har upphört. Kontrollera om en nyare riktlinje finns."
        ),
        # Issue 15: the language setting, and Textual's own texts in the UI's language.
        "settings.language": "Språk / Language",
        "settings.language_saved": (
            "Språket är nu svenska. Skärmar som redan är öppna byter språk när du öppnar dem igen."
        ),
        "lang.sv": "Svenska",
        "lang.en": "English",
        "textual.no_matches": "Inga träffar",
        "textual.help_quit": "Tryck {keys} för att avsluta",
        "textual.help_quit_title": "Vill du avsluta?",
        "settings.heading": "Inställningar: din kommun",
        "settings.hint": (
            "Uppgifterna används i rapporter och på skärmarna, och fyller i kommunens namn i "
            "checklistornas texter. Allt är frivilligt: utan kommun skriver appen neutralt "
            "”kommunen”."
        ),
        "settings.kommun": "Kommun",
        "settings.forvaltning": "Förvaltning eller nämnd",
        "settings.riktlinje_title": "Riktlinje som kommunen följer (titel)",
        "settings.riktlinje_reference": "Riktlinjens diarienummer eller beslut",
        "settings.riktlinje_date": "Riktlinjens datum (ÅÅÅÅ-MM-DD)",
        "settings.contact": "Vem man frågar om råd",
        "settings.default_checklist": "Checklista som nya bedömningar börjar med",
        "settings.save": "Spara",
        "settings.skip": "Hoppa över",
        "settings.cancel": "Avbryt",
        "settings.saved": "Inställningarna är sparade: {path}",
        "settings.bad_date": "Datumet ska skrivas ÅÅÅÅ-MM-DD.",
        "cmd.settings": "Inställningar",
        "cmd.settings.help": "Din kommun, förvaltning, riktlinje och kontakt; standardchecklista",
        "cmd.compare": "Jämför med andra checklistor",
        "cmd.compare.help": "Samma svar bedömda enligt varje checklista, sida vid sida",
        "cmd.carry": "Flytta till en annan checklista",
        "cmd.carry.help": "En ny bedömning med svaren på de frågor som checklistorna delar",
        "compare.heading": "Jämförelse: samma svar enligt olika checklistor",
        "compare.sessions_heading": "Jämförelse: två bedömningar sida vid sida",
        "compare.sessions_differ": "Bedömningarna skiljer sig.",
        "compare.sessions_count": "Frågor med olika svar: {n} (markerade ≠).",
        "compare.sessions_legend": (
            "≠ och omvänd färg: svaren skiljer sig. öppen: frågan gäller men är obesvarad; "
            "visas ej: frågan gäller inte efter svaren; -: checklistan har inte frågan."
        ),
        "sessions.compare": "Jämför",
        "sessions.compare_marked": (
            "”{name}” är markerad för jämförelse. Välj en annan bedömning och tryck F3."
        ),
        "cmd.compare_sessions": "Jämför med en annan bedömning",
        "cmd.compare_sessions.help": (
            "Två sparade bedömningar sida vid sida: välj den andra i listan och tryck F3"
        ),
        "carry.heading": "Flytta bedömningen till en annan checklista",
        "carry.done": "Ny bedömning enligt {checklist}: {kept} svar följde med.",
        "msg.checklist_problem": "En egen checklista kunde inte läsas: {problem}",
        "answer.yes": "Ja",
        "answer.no": "Nej",
        "answer.unsure": "Osäker",
        "answer.none": "Inte besvarad",
        "firmness.firm": "fast bedömning",
        "firmness.likely": "trolig bedömning",
        "firmness.undecided": "ingen säker bedömning",
        "status.unanswered": "obesvarad",
        "status.unsure": "osäker",
        "cause.legal_review": "ett svar kräver juridisk granskning",
        "cause.conflicting_stops": "svaren utesluter varandra (motstridiga stoppregler)",
        "cause.all_excluded": "alla tre samarbetsformerna är uteslutna av svaren",
        "cause.legal_flag": "ett svar har flaggats för juridisk granskning",
        "cause.too_many_open": "för många viktiga frågor är obesvarade eller osäkra",
        "cause.small_margin": "svaren pekar inte tydligt åt ett håll",
        "cause.gate_unsure": "ett osäkert svar på en avgörande juridisk fråga kan utesluta formen",
        "cause.open_could_flip": "ett enda öppet svar skulle ändra utfallet",
        "outcome.inline.iop": "IOP",
        "outcome.inline.foreningsbidrag": "föreningsbidrag",
        "outcome.inline.upphandling": "upphandling",
        "outcome.inline.oklart": "juridisk granskning",
        "view.flag_blocks": "(Spärrar {forms} tills en jurist har prövat saken.)",
        "view.open_flips": "svaret {answer} skulle ge {outcome}",
        "view.open_flips_unclear": "svaret {answer} skulle göra bedömningen oklar",
        "view.open_rules_out": "svaret {answer} utesluter {outcome}",
        "view.open_legal": "svaret {answer} kräver juridisk granskning",
        "view.open_points": "kan flytta bedömningen upp till {n} poäng",
        "view.open_info": "påverkar inte utslaget, men nästa steg",
        "view.change_none": "Ingen enskild ändring och inget par av ändringar ger {outcome}.",
        "view.change_step": "”{question}” besvaras {after} i stället för {before}",
        "view.change_to": "Om {changes}: {outcome}.",
        "view.and": " och ",
        "view.blocked": "spärrad för juridisk granskning",
        "view.firm_closed": "Fast bedömning: alla frågor som gäller är besvarade.",
        "view.firm_open": (
            "Fast bedömning: utfallet står sig hur de öppna frågorna än besvaras, "
            "var för sig och tillsammans."
        ),
        "view.likely": (
            "Trolig bedömning: varje öppen fråga för sig ändrar inte utfallet, "
            "men några av dem tillsammans skulle kunna göra det."
        ),
        "view.undecided": "Ingen säker bedömning: ärendet behöver utredas vidare.",
        "view.lean": "Lutar åt {outcome}.",
        "view.progress": "{answered} av {total} frågor besvarade.",
        "view.settle_brief": "{n} kan avgöra.",
        "view.decisive": "Det här avgör",
        "view.factor_open": "Öppen fråga ({status}): {effect}.",
        "view.answer_does": "svaret {answer} {what}",
        "view.rules_out": "utesluter {forms}",
        "view.blocks": "spärrar {forms} för juridisk granskning",
        "view.leaning": "bedömningen lutar hit",
        "view.gates": "Juridiska grindar, i tur och ordning",
        "view.gate_passed": "Inget hinder i svaren.",
        "view.gate_open": "Inte avgjort: {n} frågor är obesvarade eller osäkra.",
        "view.gate_open_one": "Inte avgjort: en fråga är obesvarad eller osäker.",
        "legend.passed": "inget hinder i svaren",
        "view.asked": "fråga: ”{question}” – svar: {answer}",
        "view.more_open": "… och {n} till (se hela listan nedan).",
        "view.what_would_change": "Det här skulle ändra bedömningen",
        "view.all_reasons": "Alla skäl, form för form",
        "view.legend": "Teckenförklaring",
        "legend.stop": "stoppregel: svaret utesluter en form eller kräver juridisk granskning",
        "legend.flag": "flaggat: formen kräver juridisk granskning innan den kan väljas",
        "legend.points": "poäng för eller mot en form",
        "legend.flip": "öppen fråga som kan avgöra bedömningen",
        "legend.critical": "öppen fråga som är viktig för bedömningen",
        "legend.other": "övrig öppen fråga",
        "verdict.heading": "Bedömning",
        "verdict.outcome": "Utfall",
        "verdict.firmness": "Säkerhet",
        "verdict.lean": "Lutar åt {lean}",
        "verdict.lean_settle": (
            "Lutar åt {lean}. Blir fast om {n} till besvaras till dess fördel: {ids}"
        ),
        "verdict.settle_heading": "Det här skulle avgöra bedömningen",
        "verdict.lean_settle_brief": "Lutar åt {lean}. {n} kan avgöra.",
        "verdict.settle_one": "en fråga",
        "verdict.settle_many": "{n} frågor",
        "verdict.why_undecided": "Varför oklart",
        "verdict.stops": "Stoppregler som slagit till",
        "verdict.flags": "Flaggat för juridisk granskning",
        "verdict.for": "För {outcome}",
        "verdict.against": "Mot {outcome}",
        "verdict.open": "Öppna punkter",
        "verdict.next_steps": "Nästa steg",
        "verdict.no_reasons": "Inga svar har påverkat bedömningen ännu.",
        "verdict.unknown_ids": "Okända fråge-id i sessionen (ignoreras i bedömningen): {ids}",
        "unknown.ids": "okända fråge-id (bedöms inte): {ids}",
        "unknown.guess": "{id} (menade du {guess}?)",
        "verdict.excluded": "utesluter",
        "verdict.requires": "kräver",
        "verdict.disclaimer": "Bedömningen är ett stöd, inte ett juridiskt beslut.",
        "rule.exclude": "utesluter {outcome}",
        "rule.require": "kräver {outcome}",
        # --- report (iop_tui/report.py and iop_tui/templates/)
        "report.kicker": "Rapport · första bedömning",
        "report.untitled": "Bedömning utan titel",
        "report.details": "Uppgifter",
        "report.field": "Uppgift",
        "report.value": "Värde",
        "report.title": "Titel",
        "report.organisation": "Idéburen organisation",
        "report.assessor": "Bedömt av",
        "report.diarienummer": "Diarienummer",
        "report.date": "Datum",
        "report.not_given": "(ej angivet)",
        "report.checklist": "Checklista",
        "report.checklist_line": "{title} (id {id}, version {version})",
        "report.version_mismatch": (
            "Bedömningen gjordes med version {session} av checklistan; "
            "rapporten bedömer svaren med version {current}."
        ),
        "report.kommun": "Kriterierna kommer från",
        "report.user_kommun": "Kommun",
        "report.user_forvaltning": "Förvaltning eller nämnd",
        "report.user_riktlinje": "Kommunens riktlinje",
        "report.user_contact": "Rådgivning",
        "report.riktlinje_expired": (
            "Observera: riktlinjen som checklistan bygger på ({kommun}) gällde till och med "
            "{end} och har upphört. Kontrollera om en nyare riktlinje finns innan bedömningen "
            "används."
        ),
        "report.riktlinje": "Riktlinje",
        "report.validity": "Riktlinjen gäller",
        "report.valid_from_until": "från {start} till och med {end}",
        "report.valid_from": "från {start}, tills vidare",
        "report.valid_until": "till och med {end}",
        "report.valid_unknown": "giltighetstid anges inte",
        "report.notice": "Om checklistan",
        "report.not_official": "Checklistan är inte kommunens officiella checklista.",
        "report.explanation": "Vad det betyder",
        "report.settle": "Frågor som skulle avgöra",
        "report.scores": "Poäng per samarbetsform",
        "report.form": "Samarbetsform",
        "report.points": "Poäng",
        "report.status": "Status",
        "report.excluded": "utesluten av ett svar",
        "report.leading": "leder",
        "report.stops_flags": "Stoppregler och juridiska flaggor",
        "report.no_stops": "Ingen stoppregel har slagit till.",
        "report.no_flags": "Inget svar är flaggat för juridisk granskning.",
        "report.flag_toward": "Förenligt med: {outcomes}",
        "report.flag_toward_none": "Förenligt med: ingen av formerna utan juridisk granskning",
        "report.no_open": "Inga öppna punkter: alla frågor som gäller är besvarade.",
        "report.critical": "viktig fråga",
        "report.open_point": "öppen punkt",
        "report.reasons": "Skäl för och emot",
        "report.reasons_intro": (
            "Varje skäl kommer från ett svar. Poängen visar hur mycket svaret väger för (+) "
            "eller mot (−) formen."
        ),
        "report.none_for": "Inga svar talar för.",
        "report.none_against": "Inga svar talar emot.",
        "report.question": "Fråga",
        "report.answer": "Svar",
        "report.note": "Motivering",
        "report.sources_short": "Källor",
        "report.answers": "Frågor och svar",
        "report.answers_intro": (
            "Alla frågor som gäller med de svar som har getts, avsnitt för avsnitt. "
            "Viktiga frågor är markerade; obesvarade eller osäkra viktiga frågor är öppna punkter."
        ),
        "report.hidden": "Svar på frågor som inte gäller nu",
        "report.hidden_intro": (
            "De här frågorna visas inte med de nuvarande svaren. Svaren finns kvar i "
            "bedömningen men ingår inte i utfallet; de räknas igen om frågan blir aktuell."
        ),
        "report.unknown": "Svar på okända frågor",
        "report.unknown_intro": (
            "Bedömningen innehåller fråge-id som checklistan inte har. De ingår inte i utfallet."
        ),
        "report.sources": "Källor",
        "report.page": "Sida",
        "report.sources_intro": "Källor som frågorna och skälen i rapporten bygger på.",
        "report.asked": "Fråga: ”{question}” – svar: {answer}.",
        "report.question_id": "Fråge-id",
        "report.basis": "Checklista och riktlinje",
        "report.all_open": "Alla öppna punkter",
        "report.all_open_intro": (
            "Obesvarade och osäkra frågor som gäller, de som kan ändra bedömningen mest först."
        ),
        "report.no_changes": "Inget enskilt svar och inget par av svar ändrar bedömningen.",
        "report.symbol": "Tecken",
        "report.meaning": "Betydelse",
        "report.review_intro": (
            "Svar som kräver juridisk granskning innan någon samarbetsform kan väljas."
        ),
        "report.source_checked": "kontrollerad {date}",
        "report.source_valid_until": "gäller till och med {date}",
        "report.source_expired": "gällde till och med {date} och har upphört",
        "report.no_decisive": "Inget svar avgör bedömningen ännu; se de öppna punkterna.",
        # --- issue 13: short report, decision part, history, documents
        "short.kicker": "Första bedömning · underlag till ärende",
        "short.summary": "Sammanfattning av bedömningen",
        "short.more_open": "… och {n} öppna frågor till, se bilagan.",
        "short.appendix": "Bilaga",
        "short.appendix_text": (
            "Bilaga: fullständig redovisning (alla frågor och svar med motiveringar, "
            "alla skäl form för form, ändringshistorik och källor)."
        ),
        "report.organisationsnummer": "Organisationsnummer",
        "report.forvaltning": "Förvaltning / nämnd",
        "report.handlaggare": "Handläggare",
        "decision.heading": "Ställningstagande",
        "decision.form": "Ställningstagande",
        "decision.form.iop": "IOP (idéburet offentligt partnerskap)",
        "decision.form.foreningsbidrag": "Föreningsbidrag",
        "decision.form.upphandling": "Upphandling",
        "decision.form.oklart": "Utreds vidare (juridisk granskning)",
        "decision.motivering": "Motivering",
        "decision.decided_by": "Beslutsfattare / godkänd av",
        "decision.date": "Datum",
        "decision.status": "Status",
        "decision.final": "Fastställd {when}",
        "decision.draft": "Utkast, inte fastställd",
        "decision.differs": "Ställningstagandet avviker från verktygets bedömning ({outcome}).",
        "decision.same": "Ställningstagandet följer verktygets bedömning.",
        "decision.need_form": "ställningstagande saknas",
        "decision.need_motivering": (
            "ställningstagandet avviker från bedömningen, så en motivering krävs"
        ),
        "decision.need_decided_by": "beslutsfattare saknas",
        "decision.need_date": "datum saknas",
        "decision.missing": "Kvar innan bedömningen kan fastställas: {problem}.",
        "decision.sha": "SHA-256 för sessionsfilen",
        "decision.sha_hint": "Kontrollera mot filen: iop-tui verify SESSIONSFIL RAPPORT",
        "decision.fill_in": "[fyll i]",
        "history.heading": "Ändringshistorik",
        "history.intro": (
            "Varje ändrat svar, äldst först: när, fråga, från → till och av vem. "
            "Historiken påverkar inte bedömningen."
        ),
        "history.when": "När",
        "history.change": "Ändring",
        "history.by": "Av",
        "history.line": "{at}: {old} → {new}",
        "history.line_by": "{at}: {old} → {new} ({by})",
        "history.none": "Svaret har inte ändrats.",
        "orgnr.format": "Organisationsnumret ska ha tio siffror: NNNNNN-NNNN.",
        "orgnr.check_digit": "Organisationsnumrets kontrollsiffra (sista siffran) stämmer inte.",
        "meta.organisationsnummer": "Organisationsnummer (NNNNNN-NNNN)",
        "meta.forvaltning": "Förvaltning / nämnd",
        "dlg.decision.heading": "Ställningstagande och beslut",
        "dlg.decision.hint": (
            "Verktygets bedömning: {outcome}. Väljer ni en annan form krävs en motivering."
        ),
        "dlg.decision.date_hint": "Datum (ÅÅÅÅ-MM-DD)",
        "dlg.decision.bad_date": "Datumet ska skrivas ÅÅÅÅ-MM-DD.",
        "dlg.decision.save": "Spara",
        "dlg.decision.finalise": "Spara och fastställ",
        "dlg.decision.cancel": "Avbryt",
        "dlg.decision.none": "(inget valt)",
        "msg.final": (
            "Bedömningen är fastställd och kan inte ändras. "
            "Gör en ny kopia (Ctrl+P: Ny kopia) för att arbeta vidare."
        ),
        "msg.finalised": "Bedömningen är fastställd {when}.",
        "msg.new_copy": "Ny kopia att arbeta vidare i: {path}",
        "msg.exported_doc": "Sparat: {path}",
        "cmd.decision": "Ställningstagande och beslut",
        "cmd.decision.help": "Fyll i ställningstagande, beslutsfattare och datum; fastställ",
        "cmd.new_copy": "Ny kopia",
        "cmd.new_copy.help": "Gör en ny, ändringsbar kopia av den fastställda bedömningen",
        "cmd.export.long": "Exportera bilaga: fullständig redovisning (HTML)",
        "cmd.export.tjanst": "Exportera tjänsteskrivelse (Word och Markdown)",
        "cmd.export.avtal": "Exportera IOP-avtal, utkast (Word och Markdown)",
        "lock.final": "fastställd",
        "review.history": "Ändringar",
        "changes.intro": (
            "Checklistan {checklist} har ändrats sedan bedömningen sparades "
            "(version {old} → {new})."
        ),
        "changes.intro_same": (
            "Checklistan {checklist} (version {new}) har ändrats sedan bedömningen sparades."
        ),
        "changes.added": "Nya frågor ({n}): {ids}.",
        "changes.removed": (
            "Borttagna frågor ({n}): {ids}; svaren på dem finns kvar i filen men räknas inte."
        ),
        "changes.reworded": (
            "Omformulerade frågor ({n}): {ids}; kontrollera att svaren fortfarande stämmer."
        ),
        "changes.undetailed": (
            "Bedömningen sparades mot version {old} av checklistan {checklist}; installerad är "
            "version {new}. Vilka frågor som ändrats går inte att se, eftersom filen saknar "
            "frågornas fingeravtryck."
        ),
        "changes.recomputed": (
            "Svaren är kvar och bedömningen är omräknad mot den installerade checklistan."
        ),
        # --- app
        "app.title": "iop-tui",
        "app.subtitle": "Första bedömning: IOP, föreningsbidrag eller upphandling?",
        "key.quit": "Avsluta",
        "key.back": "Tillbaka",
        "key.theme": "Tema",
        "cmd.new": "Ny bedömning",
        "cmd.new.help": "Starta en ny första bedömning",
        "cmd.open": "Öppna sparad bedömning",
        "cmd.open.help": "Visa sparade bedömningar och öppna en",
        "cmd.examples": "Öppna exempel",
        "cmd.examples.help": "Öppna en kopia av ett exempelfall (för utbildning)",
        "cmd.review": "Granska svar",
        "cmd.review.help": "Kontrollera och ändra dina svar",
        "cmd.result": "Visa resultat",
        "cmd.result.help": "Visa bedömningen med skäl och nästa steg",
        "cmd.question": "Fortsätt med frågorna",
        "cmd.question.help": "Gå till första obesvarade fråga",
        "cmd.meta": "Ändra uppgifter",
        "cmd.meta.help": "Titel, organisation, handläggare, diarienummer",
        "cmd.save_copy": "Spara som ny fil",
        "cmd.save_copy.help": "Spara bedömningen under ett nytt filnamn och fortsätt där",
        "key.palette": "kommandon",
        "palette.placeholder": "Sök bland kommandona…",
        "cmd.keys": "Tangenter",
        "cmd.keys.help": "Alla tangenter på den här skärmen (även ? eller F1)",
        "cmd.search": "Sök fråga",
        "cmd.search.help": "Hitta en fråga på ord i frågan eller hjälptexten och gå dit (/)",
        "key.keys": "Tangenter",
        "keys.heading": "Tangenter på den här skärmen",
        "keys.close": "Stäng: Esc",
        "q.search": "Sök fråga",
        "search.heading": "Sök fråga",
        "search.placeholder": "Skriv ord ur frågan eller hjälptexten",
        "search.hint": "Enter går till första träffen, ↓ väljer bland träffarna, Esc avbryter.",
        "search.count": "{n} träffar. Enter går till den markerade, Esc avbryter.",
        "search.not_applicable": "gäller inte nu",
        "search.hidden": (
            "Frågan gäller inte med svaren hittills (ett tidigare svar döljer den). "
            "Ändra det svaret i granskningen (g) om frågan ska gälla."
        ),
        "cmd.maximize": "Förstora",
        "cmd.maximize.help": "Visa det markerade fältet över hela fönstret",
        "cmd.minimize": "Återställ storlek",
        "cmd.minimize.help": "Visa det förstorade fältet i normal storlek igen",
        "cmd.screenshot": "Skärmbild",
        "cmd.screenshot.help": "Spara en bild (SVG) av skärmen som den ser ut nu",
        "cmd.quit": "Avsluta",
        "cmd.quit.help": "Spara det som är osparat och avsluta programmet",
        "cmd.theme": "Växla ljust/mörkt tema",
        "cmd.theme.help": "Ljust tema syns bättre på projektor",
        "cmd.export.html": "Exportera rapport: HTML (utskrift)",
        "cmd.export.md": "Exportera rapport: Markdown",
        "cmd.export.json": "Exportera rapport: JSON (för ärendesystem)",
        "cmd.export.help": "Spara bedömningen som rapport att diarieföra eller skicka",
        "msg.exported": "Rapporten är sparad:\n{path}",
        "msg.export_replaced": "Rapporten är uppdaterad (den förra ersattes):\n{path}",
        "msg.export_failed": "Kunde inte exportera: {error}",
        "msg.saved": "Sparat: {path}",
        "msg.save_failed": "Kunde inte spara: {error}",
        "msg.open_failed": "Kunde inte öppna: {error}",
        "msg.read_only": (
            "Skrivskyddad: ändringen sparas inte. Spara en kopia med Ctrl+P, Spara som ny fil."
        ),
        "msg.example_copy": "Exemplet öppnas som kopia. Originalet ändras aldrig.",
        "msg.read_only_folder": (
            "Mappen med bedömningarna är skrivskyddad: bedömningen öppnas skrivskyddad. "
            "Ändringar sparas inte, men du kan spara en kopia i en annan mapp."
        ),
        # --- start
        "start.heading": "Första bedömning",
        "start.intro": (
            "Stöd för att avgöra om ett samarbete mellan kommunen och en idéburen organisation "
            "bör bli ett idéburet offentligt partnerskap (IOP), ett föreningsbidrag eller en "
            "upphandling, och varför. Bedömningen sparas automatiskt efter varje svar."
        ),
        "start.new": "Ny bedömning",
        "start.open": "Öppna sparad bedömning",
        "start.examples": "Öppna exempelfall",
        "start.quit": "Avsluta",
        "start.hint": "Välj med pilarna och Enter, eller tryck bokstaven",
        "cli.list.file": "fil",
        "cli.list.title": "titel",
        "cli.list.organisation": "organisation",
        "cli.list.checklist": "checklista",
        "cli.list.updated": "uppdaterad (lokal tid)",
        "cli.list.answered": "besvarade",
        "cli.list.outcome": "utfall",
        "cli.list.damaged": "SKADAD",
        # --- meta form
        "meta.heading": "Uppgifter om bedömningen",
        "meta.hint": (
            "Alla fält är valfria och kan ändras senare (tangent i). Ctrl+S sparar, Esc avbryter."
        ),
        "meta.checklist": "Checklista",
        "meta.title": "Titel (ärendet i några ord)",
        "meta.organisation": "Idéburen organisation",
        "meta.assessor": "Handläggare / bedömt av",
        "meta.diarienummer": "Diarienummer",
        "meta.start": "Starta",
        "meta.save": "Spara",
        "meta.cancel": "Avbryt",
        # --- question
        "q.answer_yes": "Ja",
        "q.answer_no": "Nej",
        "q.answer_unsure": "Osäker",
        "q.prev": "Förra",
        "q.next": "Nästa",
        "q.help": "Hjälp",
        "q.terms": "Begrepp",
        "q.sources": "Källor",
        "q.note": "Motivering",
        "q.panel": "Panel",
        "q.review": "Granska",
        "q.result": "Resultat",
        "q.meta": "Uppgifter",
        "q.section": "Avsnitt {n}/{total}: {title}",
        "q.progress": "Fråga {n} av {total} · {answered} besvarade",
        "q.your_answer": "Ditt svar: {answer}",
        "q.no_answer": "Ditt svar: ännu inget",
        "q.critical": "Viktig fråga: obesvarad eller osäker räknas som öppen punkt.",
        "q.note_placeholder": (
            "Motivering (valfri): tryck m för att skriva, Enter ger ny rad, Esc när du är klar"
        ),
        "q.hint": "? alla tangenter · / sök fråga · m motivering · h hjälp · Esc tillbaka",
        "q.scroll_up": "Bläddra upp i frågan",
        "q.scroll_down": "Bläddra ned i frågan",
        "q.terms_line": "Begrepp: {terms}",
        "q.sources_line": "Källor: {sources}",
        "q.no_terms": "Frågan använder inga begrepp ur ordlistan.",
        "q.terms_title": "Begrepp i frågan",
        "q.sources_title": "Källor för frågan",
        "q.help_hidden": "(Hjälptexten är dold. Tryck h för att visa den.)",
        "q.back_to_review": "Du kom hit från granskningen: svara för att gå tillbaka dit.",
        "panel.heading": "Bedömning just nu",
        "panel.not_yet": "Inte bedömt än",
        "panel.not_yet_hint": "Bedömningen visas här när du har svarat på den första frågan.",
        "outcome.short.iop": "IOP",
        "outcome.short.foreningsbidrag": "Föreningsbidrag",
        "outcome.short.upphandling": "Upphandling",
        "outcome.short.oklart": "Oklart",
        "panel.scores": "Poäng",
        "panel.open_critical": "Viktiga frågor utan säkert svar: {n}",
        "panel.excluded_legend": "✗ = uteslutet av ett stopp",
        # --- review
        "review.heading": "Kontrollera dina svar",
        "review.summary": "{total} · {answered} · {missing}",
        "count.applies.one": "{n} fråga gäller",
        "count.applies.other": "{n} frågor gäller",
        "count.answered.one": "{n} besvarad",
        "count.answered.other": "{n} besvarade",
        "count.unanswered.one": "{n} obesvarad",
        "count.unanswered.other": "{n} obesvarade",
        "review.hint": "Välj en fråga och tryck Enter för att ändra svaret. r visar resultatet.",
        "review.unanswered": "OBESVARAD",
        "review.jump": "Ändra",
        # --- result
        "result.heading": "Resultat",
        "result.outcome": "Bedömning: {label}",
        "result.reasons": "Skäl",
        "result.source": "källa",
        "result.export": "Exportera (HTML)",
        "result.changed": "Ändrat sedan förra visningen: {before} → {after}",
        "result.question_count": "{answered} av {total} frågor besvarade",
        "result.preview_hint": "Tryck 1–{n} för att se den nya bedömningen (inget sparas).",
        "result.preview_banner": (
            " Förhandsvisning, inget är sparat: {change} Esc: tillbaka till bedömningen. "
        ),
        # --- sessions
        "sessions.heading": "Sparade bedömningar",
        "sessions.filter": (
            "Filtrera: skriv del av titel, diarienummer, organisation eller filnamn"
        ),
        "sessions.col.diarienummer": "Diarienummer",
        "sessions.unknown_time": "okänd tid",
        "sessions.col.title": "Titel",
        "sessions.col.organisation": "Organisation",
        "sessions.col.checklist": "Checklista",
        "sessions.col.updated": "Uppdaterad",
        "sessions.col.progress": "Besvarat",
        "sessions.col.outcome": "Utfall",
        "sessions.damaged": "SKADAD: {error}",
        "sessions.empty": "Inga sparade bedömningar i {dir}.",
        "sessions.open": "Öppna",
        "sessions.delete": "Ta bort",
        "sessions.confirm_delete": (
            "Ta bort bedömningen '{name}' (filen {file}, ändrad {updated})? "
            "Filen raderas och kan inte återställas."
        ),
        "sessions.deleted": "Borttagen: {name}",
        "sessions.delete_open": (
            "Bedömningen är öppen i det här fönstret. Lämna den först (Esc) och ta sedan bort den."
        ),
        "sessions.delete_locked": (
            "'{name}' är öppen i ett annat iop-tui-fönster (dator {who}, process {pid}, sedan "
            "{since}) och tas inte bort. Stäng den där först."
        ),
        "sessions.delete_failed": "Kunde inte ta bort: {error}",
        "sessions.file": (
            "Fil: {name} · organisation: {organisation} · checklista: {checklist} · "
            "ändrad {updated}"
        ),
        "sessions.count": "{shown} av {total} bedömningar",
        "sessions.count_one": "{shown} av 1 bedömning",
        "sessions.count_capped": (
            " · visar {rows} av dem, de senaste först: skriv i filtret för att hitta de andra"
        ),
        "sessions.empty_web": "Inga sparade bedömningar ännu.",
        # --- examples
        "examples.heading": "Exempelfall",
        "examples.hint": (
            "Exempel öppnas som kopia: originalet ändras aldrig, och varje öppning börjar om."
        ),
        # --- projector, demo, quiz and handout (issue 15)
        "key.contrast": "Hög kontrast",
        "key.spacious": "Stor text",
        "cmd.contrast": "Växla hög kontrast",
        "cmd.contrast.help": "Svart på vitt eller vitt på svart med tydliga färger (F3)",
        "cmd.spacious": "Växla stor text (luftig layout)",
        "cmd.spacious.help": "Mer luft, fet text och kortare rader för projektor (F4)",
        "msg.contrast_on": "Hög kontrast på (F3 stänger av).",
        "msg.contrast_off": "Hög kontrast av.",
        "msg.spacious_on": "Stor text på: luftigare layout, fet text och kortare rader (F4).",
        "msg.spacious_off": "Stor text av.",
        "result.flip": "Före → efter",
        "result.flip_hint": (
            "Tryck f för att gå till en av frågorna, svara och se bedömningen före → efter."
        ),
        "flip.heading": "Före → efter: svara på en fråga och se vad som händer",
        "flip.hint": (
            "↑↓ väljer fråga · j/n/o svarar (sparas direkt) · Enter svarar som förslaget · "
            "Esc tillbaka till resultatet"
        ),
        "flip.section_change": "Det här skulle ändra bedömningen",
        "flip.section_settle": "Det här skulle avgöra bedömningen",
        "flip.option_change": "{question} → {after} (ger {outcome})",
        "flip.option_open": "{question} ({status})",
        "flip.current": "Nuvarande svar: {answer}",
        "flip.suggested": "Förslag: {after} ger {outcome}.",
        "flip.before": "FÖRE",
        "flip.after": "EFTER",
        "flip.changed": "Bedömningen ändrades: {before} → {after}",
        "flip.same": "Bedömningen är oförändrad.",
        "flip.nothing": "Inget svar skulle ändra eller avgöra bedömningen just nu.",
        "quiz.key": "Quiz",
        "quiz.heading": "Quiz: vilken form passar?",
        "quiz.hint": (
            "Välj ett fall med Enter. Rummet röstar: IOP, föreningsbidrag, upphandling eller "
            "oklart. Sedan visar du svaret med v."
        ),
        "quiz.facts": "Fakta i fallet",
        "quiz.vote": (
            "Rösta nu: IOP · föreningsbidrag · upphandling · oklart. "
            "Tryck v för att visa svaret, Esc för nästa fall."
        ),
        "quiz.reveal": "Visa svaret",
        "quiz.answer": "Svaret",
        "quiz.why": "Det här avgjorde",
        "quiz.organisation": "Organisation: {name}",
        "cmd.quiz": "Quiz med exempelfall",
        "cmd.quiz.help": "Exempelfallen utan facit: rummet röstar, sedan visar du svaret",
        "cmd.handout": "Utdelningsblad (A4)",
        "cmd.handout.help": "Ordlista och de tre formerna på ett A4 att skriva ut (HTML)",
        "msg.handout": "Utdelningsbladet är sparat: {path}",
        "cli.handout_written": "{path}: utdelningsbladet är sparat",
        # --- locks and checklist changes
        "lock.ask": (
            "'{name}' är redan öppen i ett annat iop-tui-fönster (dator {who}, process {pid}, "
            "sedan {since}). Vill du öppna den skrivskyddad? Då sparas inga ändringar, men du "
            "kan spara en kopia (Ctrl+P, Spara som ny fil)."
        ),
        "lock.ask_unlockable": (
            "'{name}' kan inte låsas för redigering ({error}); mappen är troligen "
            "skrivskyddad. Vill du öppna den skrivskyddad? Då sparas inga ändringar, men du "
            "kan spara en kopia (Ctrl+P, Spara som ny fil)."
        ),
        "lock.read_only": "skrivskyddad",
        "changes.heading": "Checklistan har ändrats sedan bedömningen sparades",
        # --- conflict
        "conflict.heading": "Filen har ändrats utanför appen",
        "conflict.body": (
            "{path} har ändrats sedan den öppnades, av ett annat program eller en annan "
            "användare. Din senaste ändring är inte sparad än. Spara som en ny fil (inget går "
            "förlorat), skriv över filen med din version, eller avbryt (ändringen finns kvar här "
            "tills du sparar)."
        ),
        "conflict.overwrite": "Skriv över",
        "conflict.deleted_heading": "Filen har tagits bort utanför appen",
        "conflict.deleted_body": (
            "{path} har tagits bort sedan den öppnades, av ett annat program eller en annan "
            "användare. Din senaste ändring är inte sparad än. Spara som en ny fil, spara "
            "filen igen under samma namn, eller avbryt (ändringen finns kvar här tills du "
            "sparar)."
        ),
        "conflict.restore": "Spara igen",
        "conflict.copy": "Spara som ny fil",
        "conflict.cancel": "Avbryt",
        "msg.saved_copy": "Sparad som ny fil: {path}",
        "msg.copy_open": (
            "Sparad som ny fil: {path}\nDu arbetar nu i den nya filen; {old} är oförändrad."
        ),
        "copy.heading": "Spara som ny fil",
        "copy.body": (
            "Öppen nu: {file}. Kopian får en egen titel och en egen fil, och du fortsätter "
            "arbeta i kopian. Originalet ändras inte."
        ),
        "copy.default": "{title} (kopia)",
        "copy.untitled": "Bedömning (kopia)",
        "copy.no_file": "ännu inte sparad",
        "copy.save": "Spara kopia",
        "msg.screenshot": "Skärmbilden är sparad:\n{path}",
        "msg.screenshot_failed": "Kunde inte spara skärmbilden: {error}",
        "msg.not_saved": "Ändringen är inte sparad: filen har ändrats utanför appen.",
        # --- leaving a read-only session with changes
        "unsaved.heading": "Ändringarna är inte sparade",
        "unsaved.body": (
            "Bedömningen är skrivskyddad (den är öppen i ett annat iop-tui-fönster), så dina "
            "ändringar har inte sparats. Spara dem som en ny fil innan du lämnar den?"
        ),
        "unsaved.copy": "Spara som ny fil",
        "unsaved.elsewhere": "Spara kopia i annan mapp",
        "unsaved.body_failed": (
            "Den senaste ändringen kunde inte sparas ({error}). Den finns bara här. Spara "
            "bedömningen som en ny fil, i sessionsmappen eller i en annan mapp, innan du "
            "lämnar den?"
        ),
        "folder.heading": "Spara en kopia i en annan mapp",
        "folder.hint": "Mappen måste finnas. Filen får ett nytt namn; inget skrivs över.",
        "folder.save": "Spara kopia",
        "msg.rescued": "Ändringarna sparades som ny fil: {path}",
        "unsaved.discard": "Lämna utan att spara",
        "unsaved.cancel": "Avbryt",
        # --- confirm
        "confirm.yes": "Ja",
        "confirm.no": "Nej",
        # iop-tui serve (browser mode for a workshop)
        "serve.open": "iop-tui: öppna {url} i en webbläsare (Ctrl+C stoppar)",
        "serve.open_many": "iop-tui: öppna en av dessa i en webbläsare (Ctrl+C stoppar): {urls}",
        "serve.folder": (
            "iop-tui: deltagarnas bedömningar sparas i {folder} (en mapp per deltagare; "
            "dina egna visas inte)"
        ),
        "serve.public_warning": (
            "iop-tui: varning: {host} tar emot anslutningar från nätverket: alla som når "
            "datorn kan öppna appen (utan lösenord)"
        ),
        "serve.welcome": "Välkommen",
        "serve.code_label": "Ditt namn eller en kod (frivilligt)",
        "serve.code_hint": (
            "Med samma namn eller kod hittar du dina bedömningar igen, också efter att du "
            "laddat om sidan. Välj något som bara du använder: den som skriver samma kod ser "
            "samma bedömningar. Utan kod får fliken en egen plats."
        ),
        "serve.start": "Starta",
        "serve.full_title": "Fullt",
        "serve.full": (
            "Alla platser är upptagna just nu. Vänta tills någon stänger sin flik och försök igen."
        ),
        "serve.unknown_host": (
            "okänd adress; använd adressen som servern skrev ut (eller starta den med --public-url)"
        ),
    },
    "en": {
        "app.subtitle": "First assessment: IOP, association grant or procurement?",
        "key.quit": "Quit",
        "key.back": "Back",
        "key.theme": "Theme",
        "cmd.new": "New assessment",
        "cmd.open": "Open saved assessment",
        "cmd.examples": "Open example",
        "cmd.review": "Review answers",
        "cmd.result": "Show result",
        "cmd.question": "Continue with the questions",
        "cmd.meta": "Edit details",
        "key.palette": "commands",
        "palette.placeholder": "Search for commands…",
        "cmd.keys": "Keys",
        "cmd.keys.help": "All keys on this screen (also ? or F1)",
        "cmd.search": "Find question",
        "cmd.search.help": "Find a question by words in its text or help and go there (/)",
        "key.keys": "Keys",
        "keys.heading": "Keys on this screen",
        "keys.close": "Close: Esc",
        "q.search": "Find question",
        "search.heading": "Find question",
        "search.placeholder": "Type words from the question or its help",
        "search.hint": "Enter goes to the first hit, ↓ picks among the hits, Esc cancels.",
        "search.count": "{n} hits. Enter goes to the highlighted one, Esc cancels.",
        "search.not_applicable": "does not apply now",
        "search.hidden": (
            "The question does not apply with the answers so far (an earlier answer hides "
            "it). Change that answer in the review (g) if it should apply."
        ),
        "cmd.maximize": "Maximize",
        "cmd.maximize.help": "Maximize the focused widget",
        "cmd.minimize": "Minimize",
        "cmd.minimize.help": "Minimize the widget and restore to normal size",
        "cmd.screenshot": "Screenshot",
        "cmd.screenshot.help": "Save an SVG 'screenshot' of the current screen",
        "cmd.quit": "Quit",
        "cmd.quit.help": "Save what is unsaved and quit",
        "cmd.theme": "Toggle light/dark theme",
        "panel.open_critical": "Key questions without a sure answer: {n}",
        "panel.not_yet": "Not assessed yet",
        "panel.not_yet_hint": "The assessment shows here once the first question is answered.",
        "panel.excluded_legend": "✗ = ruled out by a stop",
        "count.applies.one": "{n} question applies",
        "count.applies.other": "{n} questions apply",
        "count.answered.one": "{n} answered",
        "count.answered.other": "{n} answered",
        "count.unanswered.one": "{n} unanswered",
        "count.unanswered.other": "{n} unanswered",
        "cmd.export.html": "Export report: HTML (print)",
        "cmd.export.md": "Export report: Markdown",
        "cmd.export.json": "Export report: JSON",
        "msg.exported": "Report saved:\n{path}",
        "msg.export_replaced": "Report updated (the previous one was replaced):\n{path}",
        "msg.saved": "Saved: {path}",
        "msg.save_failed": "Could not save: {error}",
        "msg.open_failed": "Could not open: {error}",
        "msg.read_only": (
            "Read-only: this change is not saved. Save a copy with Ctrl+P, Save as new file."
        ),
        "msg.saved_copy": "Saved as a new file: {path}",
        "msg.copy_open": (
            "Saved as a new file: {path}\nYou now work in the new file; {old} is unchanged."
        ),
        "copy.heading": "Save as new file",
        "copy.body": (
            "Open now: {file}. The copy gets its own title and file, and you go on working "
            "in the copy. The original does not change."
        ),
        "copy.default": "{title} (copy)",
        "copy.untitled": "Assessment (copy)",
        "copy.no_file": "not saved yet",
        "copy.save": "Save copy",
        "msg.screenshot": "Screenshot saved:\n{path}",
        "msg.screenshot_failed": "Could not save the screenshot: {error}",
        "cmd.save_copy": "Save as new file",
        "cmd.save_copy.help": "Save the assessment under a new file name and continue there",
        "unsaved.heading": "Your changes are not saved",
        "unsaved.body": (
            "This assessment is read-only (it is open in another iop-tui window), so your "
            "changes have not been saved. Save them as a new file before you leave it?"
        ),
        "unsaved.copy": "Save as new file",
        "unsaved.elsewhere": "Save a copy in another folder",
        "unsaved.body_failed": (
            "The last change could not be saved ({error}). It exists only here. Save the "
            "assessment as a new file, in the sessions folder or in another folder, before "
            "you leave it?"
        ),
        "folder.heading": "Save a copy in another folder",
        "folder.hint": "The folder must exist. The file gets a new name; nothing is overwritten.",
        "folder.save": "Save copy",
        "msg.rescued": "The changes were saved as a new file: {path}",
        "unsaved.discard": "Leave without saving",
        "unsaved.cancel": "Cancel",
        "start.new": "New assessment",
        "start.open": "Open saved assessment",
        "start.examples": "Open example case",
        "start.quit": "Quit",
        "start.hint": "Choose with the arrows and Enter, or press the letter",
        "cli.list.file": "file",
        "cli.list.title": "title",
        "cli.list.organisation": "organisation",
        "cli.list.checklist": "checklist",
        "cli.list.updated": "updated (local time)",
        "cli.list.answered": "answered",
        "cli.list.outcome": "outcome",
        "cli.list.damaged": "DAMAGED",
        "q.answer_yes": "Yes",
        "q.answer_no": "No",
        "q.answer_unsure": "Unsure",
        # --- projector, demo, quiz and handout (issue 15)
        "key.contrast": "High contrast",
        "key.spacious": "Large text",
        "cmd.contrast": "Toggle high contrast",
        "cmd.contrast.help": "Black on white or white on black with clear colours (F3)",
        "cmd.spacious": "Toggle large text (spacious layout)",
        "cmd.spacious.help": "More space, bold text and shorter lines for a projector (F4)",
        "msg.contrast_on": "High contrast on (F3 turns it off).",
        "msg.contrast_off": "High contrast off.",
        "msg.spacious_on": "Large text on: more space, bold text and shorter lines (F4).",
        "msg.spacious_off": "Large text off.",
        "result.flip": "Before → after",
        "result.flip_hint": (
            "Press f to go to one of these questions, answer it and see the assessment "
            "before → after."
        ),
        "flip.heading": "Before → after: answer a question and see what happens",
        "flip.hint": (
            "↑↓ choose a question · j/n/o answer (saved at once) · Enter answers as suggested · "
            "Esc back to the result"
        ),
        "flip.section_change": "What would change the assessment",
        "flip.section_settle": "What would settle the assessment",
        "flip.option_change": "{question} → {after} (gives {outcome})",
        "flip.option_open": "{question} ({status})",
        "flip.current": "Current answer: {answer}",
        "flip.suggested": "Suggestion: {after} gives {outcome}.",
        "flip.before": "BEFORE",
        "flip.after": "AFTER",
        "flip.changed": "The assessment changed: {before} → {after}",
        "flip.same": "The assessment is unchanged.",
        "flip.nothing": "No answer would change or settle the assessment right now.",
        "quiz.key": "Quiz",
        "quiz.heading": "Quiz: which form fits?",
        "quiz.hint": (
            "Choose a case with Enter. The room votes: IOP, grant (föreningsbidrag), procurement "
            "(upphandling) or "
            "undecided. Then reveal the answer with v."
        ),
        "quiz.facts": "Facts of the case",
        "quiz.vote": (
            "Vote now: IOP · grant · procurement · undecided. "
            "Press v to reveal the answer, Esc for the next case."
        ),
        "quiz.reveal": "Reveal the answer",
        "quiz.answer": "The answer",
        "quiz.why": "What decided it",
        "quiz.organisation": "Organisation: {name}",
        "cmd.quiz": "Quiz with example cases",
        "cmd.quiz.help": "The example cases without the answer: the room votes, then you reveal it",
        "cmd.handout": "Handout (A4)",
        "cmd.handout.help": "The glossary and the three forms on one A4 page to print (HTML)",
        "msg.handout": "The handout is saved: {path}",
        "cli.handout_written": "{path}: the handout is saved",
        "q.prev": "Previous",
        "q.next": "Next",
        "q.progress": "Question {n} of {total} · {answered} answered",
        "q.your_answer": "Your answer: {answer}",
        "q.no_answer": "Your answer: none yet",
        "review.heading": "Check your answers",
        "outcome.short.foreningsbidrag": "Association grant",
        "outcome.short.upphandling": "Procurement",
        "outcome.short.oklart": "Undecided",
        "result.heading": "Result",
        "result.preview_hint": "Press 1–{n} to see the new assessment (nothing is saved).",
        "result.preview_banner": (
            " Preview, nothing is saved: {change} Esc: back to the assessment. "
        ),
        "sessions.heading": "Saved assessments",
        "compare.open": "open",
        "compare.not_shown": "not shown",
        "compare.verdicts": "Verdict per checklist:",
        "compare.open_count": " ({n} open questions)",
        "compare.differ": "The verdicts differ. Questions that make the difference:",
        "compare.same": "The verdicts are the same.",
        "compare.question": "Question",
        "compare.legend": (
            "! makes the difference between the verdicts · ≠ different answers or an open "
            "question · - not asked in that checklist · not shown: does not apply after the "
            "answers"
        ),
        "cli.carried": (
            "{path}: new assessment under {checklist} ({kept} answers kept, {open} questions open)"
        ),
        "cli.left_behind": "Answers not carried over (not asked in {checklist}): {ids}",
        "basis.criteria": "The criteria come from {kommun}: {title}.",
        "basis.user": "Your municipality: {kommun}.",
        "basis.no_kommun": "No municipality chosen (Ctrl+P → Settings).",
        "basis.expired": (
            "NOTE: the guideline this checklist is built on ({kommun}) was in force until "
            "{end} and has expired. Check whether a newer one exists."
        ),
        "settings.heading": "Settings: your municipality",
        "settings.hint": (
            "Used in reports and on screen, and to fill in the municipality's name in the "
            'checklists\' texts. All optional: without one the app says "the municipality".'
        ),
        "settings.kommun": "Municipality",
        "settings.forvaltning": "Department or committee",
        "settings.riktlinje_title": "Guideline the municipality follows (title)",
        "settings.riktlinje_reference": "Guideline's reference or decision",
        "settings.riktlinje_date": "Guideline's date (YYYY-MM-DD)",
        "settings.contact": "Whom to ask for advice",
        "settings.default_checklist": "Checklist new assessments start with",
        "settings.save": "Save",
        "settings.skip": "Skip",
        "settings.cancel": "Cancel",
        "settings.saved": "Settings saved: {path}",
        "settings.bad_date": "Write the date as YYYY-MM-DD.",
        "cmd.settings": "Settings",
        "cmd.settings.help": (
            "Your municipality, department, guideline and contact; default checklist"
        ),
        "cmd.compare": "Compare with other checklists",
        "cmd.compare.help": "The same answers judged under each checklist, side by side",
        "cmd.carry": "Move to another checklist",
        "cmd.carry.help": "A new assessment with the answers to the questions the checklists share",
        "compare.heading": "Comparison: the same answers under different checklists",
        "compare.sessions_heading": "Comparison: two assessments side by side",
        "compare.sessions_differ": "The verdicts differ.",
        "compare.sessions_count": "Questions with different answers: {n} (marked ≠).",
        "compare.sessions_legend": (
            "≠ and reversed colours: the answers differ. open: the question applies but is "
            "unanswered; not shown: it does not apply after the answers; -: not in the checklist."
        ),
        "sessions.compare": "Compare",
        "sessions.compare_marked": (
            "“{name}” is marked for comparison. Choose another assessment and press F3."
        ),
        "cmd.compare_sessions": "Compare with another assessment",
        "cmd.compare_sessions.help": (
            "Two saved assessments side by side: choose the other one in the list and press F3"
        ),
        "carry.heading": "Move the assessment to another checklist",
        "carry.done": "New assessment under {checklist}: {kept} answers kept.",
        "msg.checklist_problem": "A checklist of your own could not be read: {problem}",
        "answer.yes": "Yes",
        "answer.no": "No",
        "answer.unsure": "Unsure",
        "answer.none": "Not answered",
        "firmness.firm": "firm assessment",
        "firmness.likely": "likely assessment",
        "firmness.undecided": "no firm assessment",
        "status.unanswered": "unanswered",
        "status.unsure": "unsure",
        "cause.legal_review": "an answer requires legal review",
        "cause.conflicting_stops": "the answers rule each other out (conflicting stops)",
        "cause.all_excluded": "the answers rule out all three forms",
        "cause.legal_flag": "an answer is flagged for legal review",
        "cause.too_many_open": "too many key questions are unanswered or unsure",
        "cause.small_margin": "the answers do not point clearly one way",
        "cause.gate_unsure": (
            "an unsure answer to a deciding legal question could rule the form out"
        ),
        "cause.open_could_flip": "a single open answer would change the outcome",
        "outcome.inline.iop": "IOP",
        "outcome.inline.foreningsbidrag": "an association grant",
        "outcome.inline.upphandling": "procurement",
        "outcome.inline.oklart": "legal review",
        "view.flag_blocks": "(Blocks {forms} until a lawyer has looked at it.)",
        "view.open_flips": "the answer {answer} would give {outcome}",
        "view.open_flips_unclear": "the answer {answer} would leave the assessment undecided",
        "view.open_rules_out": "the answer {answer} rules out {outcome}",
        "view.open_legal": "the answer {answer} requires legal review",
        "view.open_points": "could move the assessment by up to {n} points",
        "view.open_info": "does not change the outcome, only the next steps",
        "view.change_none": "No single change and no pair of changes gives {outcome}.",
        "view.change_step": "“{question}” is answered {after} instead of {before}",
        "view.change_to": "If {changes}: {outcome}.",
        "view.and": " and ",
        "view.blocked": "blocked for legal review",
        "view.firm_closed": "Firm assessment: every question that applies is answered.",
        "view.firm_open": (
            "Firm assessment: the outcome holds however the open questions are answered, "
            "alone and together."
        ),
        "view.likely": (
            "Likely assessment: no open question changes the outcome on its own, "
            "but some of them together could."
        ),
        "view.undecided": "No firm assessment: the case needs further review.",
        "view.lean": "Leaning towards {outcome}.",
        "view.progress": "{answered} of {total} questions answered.",
        "view.settle_brief": "{n} could settle it.",
        "view.decisive": "What decides it",
        "view.factor_open": "Open question ({status}): {effect}.",
        "view.answer_does": "the answer {answer} {what}",
        "view.rules_out": "rules out {forms}",
        "view.blocks": "blocks {forms} for legal review",
        "view.leaning": "the assessment leans here",
        "view.gates": "Legal gates, in order",
        "view.gate_passed": "No obstacle in the answers.",
        "view.gate_open": "Not settled: {n} questions unanswered or unsure.",
        "view.gate_open_one": "Not settled: one question unanswered or unsure.",
        "legend.passed": "no obstacle in the answers",
        "view.asked": "question: “{question}” – answer: {answer}",
        "view.more_open": "… and {n} more (see the full list below).",
        "view.what_would_change": "What would change the assessment",
        "view.all_reasons": "All reasons, form by form",
        "view.legend": "Legend",
        "legend.stop": "stop: the answer rules a form out or requires legal review",
        "legend.flag": "flagged: the form needs legal review before it can be chosen",
        "legend.points": "points for or against a form",
        "legend.flip": "open question that could decide the assessment",
        "legend.critical": "open question that matters for the assessment",
        "legend.other": "other open question",
        "verdict.heading": "Assessment",
        "verdict.outcome": "Outcome",
        "verdict.firmness": "Firmness",
        "verdict.lean": "Leaning {lean}",
        "verdict.lean_settle": (
            "Leaning {lean}. Firm once {n} more are answered in its favour: {ids}"
        ),
        "verdict.settle_heading": "What would settle the assessment",
        "verdict.lean_settle_brief": "Leaning {lean}. {n} could settle it.",
        "verdict.settle_one": "one question",
        "verdict.settle_many": "{n} questions",
        "verdict.why_undecided": "Why undecided",
        "verdict.stops": "Stops that fired",
        "verdict.flags": "Flagged for legal review",
        "verdict.for": "For {outcome}",
        "verdict.against": "Against {outcome}",
        "verdict.open": "Open points",
        "verdict.next_steps": "Next steps",
        "verdict.no_reasons": "No answer has moved the assessment yet.",
        "verdict.unknown_ids": "Unknown question ids in the session (not judged): {ids}",
        "unknown.ids": "unknown question ids (not judged): {ids}",
        "unknown.guess": "{id} (did you mean {guess}?)",
        "verdict.excluded": "rules out",
        "verdict.requires": "requires",
        "verdict.disclaimer": "This assessment is a support, not a legal decision.",
        "rule.exclude": "rules out {outcome}",
        "rule.require": "requires {outcome}",
        "report.kicker": "Report · first assessment",
        "report.untitled": "Untitled assessment",
        "report.details": "Details",
        "report.field": "Field",
        "report.value": "Value",
        "report.title": "Title",
        "report.organisation": "Civil-society organisation",
        "report.assessor": "Assessed by",
        "report.diarienummer": "Case number (diarienummer)",
        "report.date": "Date",
        "report.not_given": "(not given)",
        "report.checklist": "Checklist",
        "report.checklist_line": "{title} (id {id}, version {version})",
        "report.version_mismatch": (
            "The assessment was made with version {session} of the checklist; "
            "this report judges the answers with version {current}."
        ),
        "report.kommun": "Criteria taken from",
        "report.user_kommun": "Municipality",
        "report.user_forvaltning": "Department or committee",
        "report.user_riktlinje": "The municipality's guideline",
        "report.user_contact": "Advice",
        "report.riktlinje_expired": (
            "Note: the guideline this checklist is built on ({kommun}) was in force until "
            "{end} and has expired. Check whether a newer guideline exists before using "
            "the assessment."
        ),
        "report.riktlinje": "Guideline",
        "report.validity": "Guideline valid",
        "report.valid_from_until": "from {start} to {end} inclusive",
        "report.valid_from": "from {start}, until further notice",
        "report.valid_until": "until {end} inclusive",
        "report.valid_unknown": "no validity period given",
        "report.notice": "About the checklist",
        "report.not_official": "The checklist is not the municipality's official checklist.",
        "report.explanation": "What it means",
        "report.settle": "Questions that would settle it",
        "report.scores": "Points per form of collaboration",
        "report.form": "Form",
        "report.points": "Points",
        "report.status": "Status",
        "report.excluded": "ruled out by an answer",
        "report.leading": "leading",
        "report.stops_flags": "Stops and legal flags",
        "report.no_stops": "No stop rule applies.",
        "report.no_flags": "No answer is flagged for legal review.",
        "report.flag_toward": "Compatible with: {outcomes}",
        "report.flag_toward_none": "Compatible with: none of the forms without legal review",
        "report.no_open": "No open points: every applicable question is answered.",
        "report.critical": "key question",
        "report.open_point": "open point",
        "report.reasons": "Reasons for and against",
        "report.reasons_intro": (
            "Every reason comes from an answer. The points show how much the answer weighs "
            "for (+) or against (−) the form."
        ),
        "report.none_for": "No answer speaks for it.",
        "report.none_against": "No answer speaks against it.",
        "report.question": "Question",
        "report.answer": "Answer",
        "report.note": "Note",
        "report.sources_short": "Sources",
        "report.answers": "Questions and answers",
        "report.answers_intro": (
            "Every applicable question with its answer, section by section. Key questions are "
            "marked; unanswered or unsure key questions are open points."
        ),
        "report.hidden": "Answers to questions that do not apply now",
        "report.hidden_intro": (
            "These questions are hidden by the current answers. Their answers are kept but "
            "not judged; they count again if the question applies again."
        ),
        "report.unknown": "Answers to unknown questions",
        "report.unknown_intro": (
            "The assessment holds question ids the checklist does not have. They are not judged."
        ),
        "report.sources": "Sources",
        "report.page": "Page",
        "report.sources_intro": "Sources that the questions and reasons in this report rest on.",
        "report.asked": "Question: “{question}” – answer: {answer}.",
        "report.question_id": "Question id",
        "report.basis": "Checklist and guideline",
        "report.all_open": "All open points",
        "report.all_open_intro": (
            "Applicable questions unanswered or unsure, those that could change the "
            "assessment most first."
        ),
        "report.no_changes": "No single answer and no pair of answers changes the assessment.",
        "report.symbol": "Symbol",
        "report.meaning": "Meaning",
        "report.review_intro": "Answers that require legal review before any form can be chosen.",
        "report.source_checked": "checked {date}",
        "report.source_valid_until": "in force until {date} inclusive",
        "report.source_expired": "was in force until {date} and has expired",
        "report.no_decisive": "No answer decides the assessment yet; see the open points.",
        # --- issue 13
        "short.kicker": "First assessment · basis for the case",
        "short.summary": "Summary of the assessment",
        "short.more_open": "… and {n} more open questions, see the appendix.",
        "short.appendix": "Appendix",
        "short.appendix_text": (
            "Appendix: the full record (every question and answer with notes, all reasons "
            "form by form, the change history and the sources)."
        ),
        "report.organisationsnummer": "Organisation number",
        "report.forvaltning": "Department / committee",
        "report.handlaggare": "Case officer",
        "decision.heading": "Position taken",
        "decision.form": "Position taken",
        "decision.form.iop": "IOP (non-profit public partnership)",
        "decision.form.foreningsbidrag": "Association grant",
        "decision.form.upphandling": "Procurement",
        "decision.form.oklart": "To be investigated (legal review)",
        "decision.motivering": "Reasoning",
        "decision.decided_by": "Decided / approved by",
        "decision.date": "Date",
        "decision.status": "Status",
        "decision.final": "Final since {when}",
        "decision.draft": "Draft, not final",
        "decision.differs": "The position differs from the tool's assessment ({outcome}).",
        "decision.same": "The position follows the tool's assessment.",
        "decision.need_form": "no position chosen",
        "decision.need_motivering": (
            "the position differs from the assessment, so reasoning is required"
        ),
        "decision.need_decided_by": "no decision maker",
        "decision.need_date": "no date",
        "decision.missing": "Left before the assessment can be made final: {problem}.",
        "decision.sha": "SHA-256 of the session file",
        "decision.sha_hint": "Check against the file: iop-tui verify SESSIONFILE REPORT",
        "history.heading": "Change history",
        "history.intro": (
            "Every changed answer, oldest first: when, question, from → to and by whom. "
            "The history never changes the assessment."
        ),
        "history.when": "When",
        "history.change": "Change",
        "history.by": "By",
        "history.none": "The answer has not been changed.",
        "orgnr.format": "An organisation number has ten digits: NNNNNN-NNNN.",
        "orgnr.check_digit": "The organisation number's check digit (the last digit) is wrong.",
        "meta.organisationsnummer": "Organisation number (NNNNNN-NNNN)",
        "meta.forvaltning": "Department / committee",
        "dlg.decision.heading": "Position and decision",
        "dlg.decision.hint": (
            "The tool's assessment: {outcome}. Choosing another form requires reasoning."
        ),
        "dlg.decision.date_hint": "Date (YYYY-MM-DD)",
        "dlg.decision.bad_date": "Write the date as YYYY-MM-DD.",
        "dlg.decision.save": "Save",
        "dlg.decision.finalise": "Save and make final",
        "dlg.decision.cancel": "Cancel",
        "dlg.decision.none": "(none chosen)",
        "msg.final": "The assessment is final and cannot be changed. Make a new copy to go on.",
        "msg.finalised": "The assessment is final since {when}.",
        "msg.new_copy": "A new copy to work in: {path}",
        "msg.exported_doc": "Saved: {path}",
        "cmd.decision": "Position and decision",
        "cmd.new_copy": "New copy",
        "cmd.export.long": "Export appendix: the full record (HTML)",
        "cmd.export.tjanst": "Export tjänsteskrivelse (Word and Markdown)",
        "cmd.export.avtal": "Export IOP agreement draft (Word and Markdown)",
        "lock.final": "final",
        "msg.read_only_folder": (
            "The sessions folder is read-only: the assessment opens read-only. Changes are "
            "not saved, but you can save a copy in another folder."
        ),
        "lock.ask_unlockable": (
            "'{name}' cannot be locked for editing ({error}); the folder is probably "
            "read-only. Open it read-only? No changes are saved then, but you can save a copy "
            "(Ctrl+P, Save as new file)."
        ),
        "review.history": "Changes",
        "changes.intro": (
            "The checklist {checklist} has changed since this assessment was saved "
            "(version {old} → {new})."
        ),
        "changes.intro_same": (
            "The checklist {checklist} (version {new}) has changed since this assessment was saved."
        ),
        "changes.added": "New questions ({n}): {ids}.",
        "changes.removed": (
            "Removed questions ({n}): {ids}; their answers stay in the file but do not count."
        ),
        "changes.reworded": ("Reworded questions ({n}): {ids}; check that the answers still hold."),
        "changes.undetailed": (
            "This assessment was saved against version {old} of the checklist {checklist}; "
            "version {new} is installed. Which questions changed cannot be told: the file has "
            "no fingerprints of the questions."
        ),
        "changes.recomputed": (
            "The answers are kept and the verdict is recomputed against the installed checklist."
        ),
        "conflict.deleted_heading": "The file was deleted outside the app",
        "conflict.deleted_body": (
            "{path} was deleted since it was opened, by another program or another user. "
            "Your latest change is not saved yet. Save it as a new file, save the file again "
            "under the same name, or cancel (the change stays here until you save)."
        ),
        "conflict.restore": "Save again",
        # Issue 15: the language setting, and Textual's own texts in the UI's language.
        "settings.language": "Språk / Language",
        "settings.language_saved": (
            "The language is now English. Screens that are already open change language when "
            "you open them again."
        ),
        "lang.sv": "Svenska",
        "lang.en": "English",
        "textual.no_matches": "No matches found",
        "textual.help_quit": "Press {keys} to quit",
        "textual.help_quit_title": "Do you want to quit?",
        # The keys below were Swedish only until issue 15 (English throughout).
        "decision.fill_in": "[fill in]",
        "history.line": "{at}: {old} → {new}",
        "history.line_by": "{at}: {old} → {new} ({by})",
        "cmd.decision.help": "Fill in the position taken, decision maker and date; finalise",
        "cmd.new_copy.help": "Make a new, changeable copy of the finalised assessment",
        "app.title": "iop-tui",
        "cmd.new.help": "Start a new first assessment",
        "cmd.open.help": "Show saved assessments and open one",
        "cmd.examples.help": "Open a copy of an example case (for training)",
        "cmd.review.help": "Check and change your answers",
        "cmd.result.help": "Show the assessment with reasons and next steps",
        "cmd.question.help": "Go to the first unanswered question",
        "cmd.meta.help": "Title, organisation, assessor, case number",
        "cmd.theme.help": "A light theme reads better on a projector",
        "cmd.export.help": "Save the assessment as a report to file or send",
        "msg.export_failed": "Could not export: {error}",
        "msg.example_copy": "The example opens as a copy. The original never changes.",
        "start.heading": "First assessment",
        "start.intro": (
            "Helps decide whether a collaboration between the municipality and a non-profit "
            "(idéburen) organisation should become an idéburet offentligt partnerskap (IOP, "
            "a public–non-profit partnership), a föreningsbidrag (grant) or an upphandling "
            "(public procurement), and why. The assessment is saved after every answer."
        ),
        "meta.heading": "About the assessment",
        "meta.hint": (
            "Every field is optional and can be changed later (key i). Ctrl+S saves, Esc cancels."
        ),
        "meta.checklist": "Checklist",
        "meta.title": "Title (the case in a few words)",
        "meta.organisation": "Non-profit organisation",
        "meta.assessor": "Assessor / assessed by",
        "meta.diarienummer": "Case number (diarienummer)",
        "meta.start": "Start",
        "meta.save": "Save",
        "meta.cancel": "Cancel",
        "q.help": "Help",
        "q.terms": "Terms",
        "q.sources": "Sources",
        "q.note": "Reasoning",
        "q.panel": "Panel",
        "q.review": "Review",
        "q.result": "Result",
        "q.meta": "Details",
        "q.section": "Section {n}/{total}: {title}",
        "q.critical": "Key question: unanswered or unsure counts as an open point.",
        "q.note_placeholder": (
            "Reasoning (optional): press m to write, Enter for a new line, Esc when done"
        ),
        "q.hint": "? all keys · / find question · m reasoning · h help · Esc back",
        "q.scroll_up": "Scroll the question up",
        "q.scroll_down": "Scroll the question down",
        "q.terms_line": "Terms: {terms}",
        "q.sources_line": "Sources: {sources}",
        "q.no_terms": "The question uses no glossary terms.",
        "q.terms_title": "Terms in the question",
        "q.sources_title": "Sources for the question",
        "q.help_hidden": "(The help text is hidden. Press h to show it.)",
        "q.back_to_review": "You came here from the review: answer to go back there.",
        "panel.heading": "Assessment so far",
        "outcome.short.iop": "IOP",
        "panel.scores": "Points",
        "review.summary": "{total} · {answered} · {missing}",
        "review.hint": (
            "Choose a question and press Enter to change the answer. r shows the result."
        ),
        "review.unanswered": "UNANSWERED",
        "review.jump": "Change",
        "result.outcome": "Assessment: {label}",
        "result.reasons": "Reasons",
        "result.source": "source",
        "result.export": "Export (HTML)",
        "result.changed": "Changed since last shown: {before} → {after}",
        "result.question_count": "{answered} of {total} questions answered",
        "sessions.filter": "Filter: type part of a title, case number, organisation or file name",
        "sessions.col.diarienummer": "Case number",
        "sessions.unknown_time": "unknown time",
        "sessions.col.title": "Title",
        "sessions.col.organisation": "Organisation",
        "sessions.col.checklist": "Checklist",
        "sessions.col.updated": "Updated",
        "sessions.col.progress": "Answered",
        "sessions.col.outcome": "Outcome",
        "sessions.damaged": "DAMAGED: {error}",
        "sessions.empty": "No saved assessments in {dir}.",
        "sessions.empty_web": "No saved assessments yet.",
        "sessions.open": "Open",
        "sessions.delete": "Delete",
        "sessions.confirm_delete": (
            "Delete the assessment '{name}' (file {file}, changed {updated})? The file is "
            "deleted and cannot be restored."
        ),
        "sessions.deleted": "Deleted: {name}",
        "sessions.delete_open": (
            "The assessment is open in this window. Leave it first (Esc), then delete it."
        ),
        "sessions.delete_locked": (
            "'{name}' is open in another iop-tui window (computer {who}, process {pid}, since "
            "{since}) and is not deleted. Close it there first."
        ),
        "sessions.delete_failed": "Could not delete: {error}",
        "sessions.file": (
            "File: {name} · organisation: {organisation} · checklist: {checklist} · "
            "changed {updated}"
        ),
        "sessions.count": "{shown} of {total} assessments",
        "sessions.count_one": "{shown} of 1 assessment",
        "sessions.count_capped": (
            " · showing {rows} of them, newest first: type in the filter to find the rest"
        ),
        "examples.heading": "Example cases",
        "examples.hint": (
            "Examples open as a copy: the original never changes, and every opening starts over."
        ),
        "lock.ask": (
            "'{name}' is already open in another iop-tui window (computer {who}, process "
            "{pid}, since {since}). Open it read-only? Then no changes are saved, but you can "
            "save a copy (Ctrl+P, Save as new file)."
        ),
        "lock.read_only": "read-only",
        "changes.heading": "The checklist has changed since the assessment was saved",
        "conflict.heading": "The file was changed outside the app",
        "conflict.body": (
            "{path} has changed since it was opened, by another program or another user. "
            "Your latest change is not saved yet. Save it as a new file (nothing is lost), "
            "overwrite the file with your version, or cancel (the change stays here until you "
            "save)."
        ),
        "conflict.overwrite": "Overwrite",
        "conflict.copy": "Save as a new file",
        "conflict.cancel": "Cancel",
        "msg.not_saved": "The change is not saved: the file was changed outside the app.",
        "confirm.yes": "Yes",
        "confirm.no": "No",
        # iop-tui serve (browser mode for a workshop)
        "serve.open": "iop-tui: open {url} in a browser (Ctrl+C stops)",
        "serve.open_many": "iop-tui: open one of these in a browser (Ctrl+C stops): {urls}",
        "serve.folder": (
            "iop-tui: participants' sessions are saved in {folder} (one folder per "
            "participant; your own are not served)"
        ),
        "serve.public_warning": (
            "iop-tui: warning: {host} accepts connections from the network: anyone who can "
            "reach this machine can open the app (no password)"
        ),
        "serve.welcome": "Welcome",
        "serve.code_label": "Your name or a code (optional)",
        "serve.code_hint": (
            "With the same name or code you find your assessments again, also after reloading "
            "the page. Choose one only you use: whoever types the same code sees the same "
            "assessments. Without a code the tab gets a place of its own."
        ),
        "serve.start": "Start",
        "serve.full_title": "Full",
        "serve.full": (
            "All places are taken right now. Wait until someone closes their tab and try again."
        ),
        "serve.unknown_host": (
            "unknown address; use the address the server printed (or start it with --public-url)"
        ),
    },
}

# Issue 14: the organisation's own check, the hand-off to the kommun, the glossary and the
# readability rules. Kept in one block so that it merges cleanly with other work.
_ORG_STRINGS: Final[dict[str, dict[str, str]]] = {
    "sv": {
        "start.org": "Vi är en förening och vill kolla innan vi kontaktar kommunen",
        "perspective.kommun": "kommunens bedömning",
        "perspective.organisation": "organisationens egen koll",
        "perspective.line": "Perspektiv: {perspective}",
        "org.title_suffix": "egen koll",
        "org.label.iop": "Ett partnerskap (IOP) verkar möjligt",
        "org.label.foreningsbidrag": "Ett föreningsbidrag verkar passa",
        "org.label.upphandling": "Det liknar ett köp (upphandling)",
        "org.label.oklart": "Inte klart ännu – ta upp det med kommunen",
        "org.meaning.iop": (
            "Era svar pekar mot ett partnerskap: ni och kommunen vill lösa samma problem "
            "tillsammans, och båda bidrar. Kommunen gör sin egen bedömning och beslutar. Ta "
            "med underlaget nedan till ett första möte."
        ),
        "org.meaning.foreningsbidrag": (
            "Era svar pekar mot ett bidrag: kommunen stöttar det ni redan gör, utan att "
            "beställa något av er. Kommunen har regler för bidrag och sista dagar för att "
            "söka. Fråga kommunen vilket bidrag som passar."
        ),
        "org.meaning.upphandling": (
            "Era svar pekar mot ett köp: kommunen vill få något bestämt gjort och betala för "
            "det. Då måste kommunen i regel låta flera lämna pris (upphandling). Ni kan ändå "
            "vara med och lämna pris. Fråga kommunen hur det går till."
        ),
        "org.meaning.oklart": (
            "Era svar räcker inte för att säga vilken form som passar. Det är vanligt innan "
            "man har pratat med kommunen. Ta med frågorna nedan till ett möte, så kan "
            "kommunen göra sin bedömning."
        ),
        "org.next.iop": (
            "Kontakta kommunen och be om ett första samtal om ett partnerskap.|"
            "Beskriv problemet ni vill lösa, vilka ni vill nå och vad ni själva bidrar med.|"
            "Visa hur ni och kommunen kan följa upp arbetet tillsammans."
        ),
        "org.next.foreningsbidrag": (
            "Fråga kommunen vilka bidrag som finns och när ni senast ska söka.|"
            "Läs villkoren för bidraget innan ni söker.|"
            "Sök med en plan för verksamheten och en budget."
        ),
        "org.next.upphandling": (
            "Fråga kommunen om den tänker köpa tjänsten och hur det i så fall går till.|"
            "Håll utkik efter kommunens annonser om upphandlingar.|"
            "Arbetar ni med vård, omsorg eller socialt stöd: fråga om upphandlingen kan "
            "reserveras för idéburna organisationer."
        ),
        "org.next.oklart": (
            "Boka ett möte med kommunen innan ni lovar något eller börjar arbetet.|"
            "Ta med frågorna nedan och de papper som står under Förbered.|"
            "Vänta med avtal och pengar tills kommunen har gjort sin bedömning."
        ),
        "org.prepare": (
            "Era stadgar|"
            "Er verksamhetsplan, eller en kort beskrivning av vad ni vill göra|"
            "En budget som visar vad ni själva bidrar med (pengar, frivilligas tid, lokaler) "
            "och vad ni vill att kommunen bidrar med|"
            "Er senaste årsredovisning eller verksamhetsberättelse|"
            "Svar på det kommunen brukar fråga: vilka ni vill nå, hur länge, vad det kostar "
            "och hur ni följer upp"
        ),
        "org.contact.profile": "Kontakta {who}.",
        "org.contact.forvaltning": "Förvaltning eller nämnd: {forvaltning}.",
        "org.contact.generic": (
            "Kontakta den förvaltning i {kommun} som har hand om området (till exempel "
            "kultur och fritid, eller socialtjänsten). Vet ni inte vilken det är: ring "
            "kommunens kontaktcenter och fråga."
        ),
        "org.contact.kommun_default": "kommunen",
        "org.questions_intro": "Frågor att ta med till mötet",
        "org.sources_line": "Källor bakom frågan, till exempel lagar och riktlinjer: {n}",
        "org.undecided": "Ingen säker bedömning ännu: det behövs mer svar, från er eller kommunen.",
        "org.ask_kommun": "Fråga kommunen",
        "panel.ask_kommun": "Frågor till kommunen: {n}",
        "org.ask_kommun_status": "bara kommunen kan svara",
        "org.mark": "K",
        "org.open_status": "ni var osäkra eller svarade inte",
        "org.depends": ("Bedömningen bygger på era svar. Kommunens svar på {n} kan ändra den."),
        "org.depends_none": "Kommunens svar på {n} behövs för kommunens bedömning.",
        "org.flip": "om kommunen svarar {answer}: {outcome}",
        "org.prepare_heading": "Förbered",
        "org.contact_heading": "Vem ni kontaktar",
        "org.question_kommun_only": (
            "Det här vet kanske bara kommunen. Vet ni inte: svara Osäker, så blir det en "
            "fråga att ta med till kommunen."
        ),
        "org.questions.one": "en fråga",
        "org.questions.other": "{n} frågor",
        "handoff.mark": "uppgett av organisationen",
        "handoff.mark_hint": (
            "Svaret är uppgett av organisationen. Tryck samma svar för att bekräfta det, "
            "eller ett annat för att ändra."
        ),
        "handoff.underlag_title": "Underlag till kommunen",
        "handoff.intro": (
            "{organisation} har själva gått igenom frågorna i {checklist} innan de "
            "kontaktar kommunen. Det här är deras svar och frågor. Det är inte kommunens "
            "bedömning."
        ),
        "handoff.our_view": "Vad våra svar pekar mot",
        "handoff.answers": "Våra svar",
        "handoff.note": "Vår kommentar",
        "handoff.file": (
            "Bedömningsfilen ({file}) kan kommunen öppna med iop-tui receive som "
            "utgångspunkt för sin egen bedömning."
        ),
        "handoff.exported": "Underlaget till kommunen är sparat: {paths}",
        "handoff.received": (
            "{path}: ny bedömning från organisationens underlag ({n} svar markerade "
            "”uppgett av organisationen”)"
        ),
        "handoff.not_org": (
            "{path}: inte en egen koll från en organisation (perspektivet är kommunens)"
        ),
        "handoff.marked_count": "{n} svar är uppgivna av organisationen och inte bekräftade.",
        "cmd.handoff": "Exportera underlag till kommunen",
        "cmd.handoff.help": "Sparar er egen koll och ett underlag (Markdown och HTML) att skicka",
        "cmd.glossary": "Ordlista",
        "cmd.glossary.help": "Alla ord som checklistan förklarar",
        "glossary.title": "Ordlista",
        "glossary.empty": "Inga ord hittades.",
        "glossary.filter": "Skriv för att söka bland orden",
        "q.glossary": "Ordlista",
    },
    "en": {
        "start.org": "We are an association and want to check before contacting the municipality",
        "perspective.kommun": "the municipality's assessment",
        "perspective.organisation": "the organisation's own check",
        "perspective.line": "Perspective: {perspective}",
        "org.title_suffix": "own check",
        "org.label.iop": "A partnership (IOP) looks possible",
        "org.label.foreningsbidrag": "A grant (föreningsbidrag) looks right",
        "org.label.upphandling": "It looks like a purchase (procurement)",
        "org.label.oklart": "Not clear yet – take it up with the municipality",
        "org.meaning.iop": (
            "Your answers point to a partnership: you and the municipality want to solve the "
            "same problem together, and both of you contribute. The municipality makes its "
            "own assessment and decides. Bring the material below to a first meeting."
        ),
        "org.meaning.foreningsbidrag": (
            "Your answers point to a grant: the municipality supports what you already do, "
            "without ordering anything from you. The municipality has rules for grants and "
            "deadlines for applying. Ask the municipality which grant fits."
        ),
        "org.meaning.upphandling": (
            "Your answers point to a purchase: the municipality wants something specific done "
            "and will pay for it. Then the municipality usually has to let several suppliers "
            "give a price (procurement). You can still take part and give a price. Ask the "
            "municipality how it works."
        ),
        "org.meaning.oklart": (
            "Your answers are not enough to say which form fits. That is common before you "
            "have talked to the municipality. Bring the questions below to a meeting, so "
            "that the municipality can make its assessment."
        ),
        "org.next.iop": (
            "Contact the municipality and ask for a first conversation about a partnership.|"
            "Describe the problem you want to solve, whom you want to reach and what you "
            "bring yourselves.|"
            "Show how you and the municipality can follow up the work together."
        ),
        "org.next.foreningsbidrag": (
            "Ask the municipality which grants there are and when the last day to apply is.|"
            "Read the conditions of the grant before you apply.|"
            "Apply with a plan for the activities and a budget."
        ),
        "org.next.upphandling": (
            "Ask the municipality whether it intends to buy the service and, if so, how.|"
            "Keep an eye on the municipality's notices about procurements.|"
            "If you work with health care, social care or social support: ask whether the "
            "procurement can be reserved for non-profit organisations."
        ),
        "org.next.oklart": (
            "Book a meeting with the municipality before you promise anything or start the "
            "work.|"
            "Bring the questions below and the papers listed under Prepare.|"
            "Wait with agreements and money until the municipality has made its assessment."
        ),
        "org.prepare": (
            "Your statutes|"
            "Your plan of activities, or a short description of what you want to do|"
            "A budget that shows what you bring yourselves (money, volunteers' time, "
            "premises) and what you want the municipality to contribute|"
            "Your latest annual report or report on activities|"
            "Answers to what the municipality usually asks: whom you want to reach, for how "
            "long, what it costs and how you will follow up"
        ),
        "org.contact.profile": "Contact {who}.",
        "org.contact.forvaltning": "Department or committee: {forvaltning}.",
        "org.contact.generic": (
            "Contact the department in {kommun} that is responsible for the area (for "
            "example culture and leisure, or social services). If you do not know which one "
            "it is: call the municipality's contact centre and ask."
        ),
        "org.contact.kommun_default": "the municipality",
        "org.questions_intro": "Questions to bring to the meeting",
        "org.sources_line": "Sources behind the question, for example laws and guidelines: {n}",
        "org.undecided": (
            "No firm assessment yet: more answers are needed, from you or the municipality."
        ),
        "org.ask_kommun": "Ask the municipality",
        "panel.ask_kommun": "Questions for the municipality: {n}",
        "org.ask_kommun_status": "only the municipality can answer",
        "org.mark": "M",
        "org.open_status": "you were unsure or did not answer",
        "org.depends": (
            "The assessment rests on your answers. The municipality's answers to {n} may change it."
        ),
        "org.depends_none": (
            "The municipality's answers to {n} are needed for its own assessment."
        ),
        "org.flip": "if the municipality answers {answer}: {outcome}",
        "org.prepare_heading": "Prepare",
        "org.contact_heading": "Whom to contact",
        "org.question_kommun_only": (
            "Perhaps only the municipality knows this. If you do not know: answer Unsure, and "
            "it becomes a question to bring to the municipality."
        ),
        "org.questions.one": "one question",
        "org.questions.other": "{n} questions",
        "handoff.mark": "given by the organisation",
        "handoff.mark_hint": (
            "The answer was given by the organisation. Press the same answer to confirm it, "
            "or another to change it."
        ),
        "handoff.underlag_title": "Material for the municipality",
        "handoff.intro": (
            "{organisation} has gone through the questions in {checklist} on its own before "
            "contacting the municipality. These are its answers and questions. It is not "
            "the municipality's assessment."
        ),
        "handoff.our_view": "What our answers point to",
        "handoff.answers": "Our answers",
        "handoff.note": "Our comment",
        "handoff.file": (
            "The municipality can open the assessment file ({file}) with iop-tui receive as "
            "the starting point for its own assessment."
        ),
        "handoff.exported": "The material for the municipality is saved: {paths}",
        "handoff.received": (
            "{path}: new assessment from the organisation's material ({n} answers marked "
            "“given by the organisation”)"
        ),
        "handoff.not_org": (
            "{path}: not an organisation's own check (the perspective is the municipality's)"
        ),
        "handoff.marked_count": (
            "{n} answers were given by the organisation and are not confirmed."
        ),
        "cmd.handoff": "Export for the municipality",
        "cmd.handoff.help": (
            "Saves your own check and material (Markdown and HTML) to send to the municipality"
        ),
        "cmd.glossary": "Glossary",
        "cmd.glossary.help": "Every term the checklist explains",
        "glossary.title": "Glossary",
        "glossary.empty": "No terms found.",
        "glossary.filter": "Type to search the terms",
        "q.glossary": "Glossary",
    },
}
for _lang_code, _extra in _ORG_STRINGS.items():
    STRINGS[_lang_code].update(_extra)

# Receiving a hand-off in the app (issue 14): its own block, so it merges cleanly.
_RECEIVE_STRINGS: Final[dict[str, dict[str, str]]] = {
    "sv": {
        "cmd.receive": "Ta emot underlag från en organisation",
        "cmd.receive.help": "Starta kommunens bedömning från organisationens egen koll",
        "receive.heading": "Ta emot underlag från en organisation",
        "receive.body": (
            "Ange filen som organisationen skickade (den slutar på -till-kommunen.toml). En "
            "ny bedömning skapas med organisationens svar, markerade som uppgivna av "
            "organisationen tills du bekräftar eller ändrar dem. Filen ändras inte."
        ),
        "receive.path": "Fil",
        "receive.ok": "Ta emot",
        "receive.empty": "Skriv sökvägen till filen.",
        "receive.done": "Ny bedömning från organisationens underlag: {name}",
    },
    "en": {
        "cmd.receive": "Receive an organisation's hand-off",
        "cmd.receive.help": "Start the kommun's assessment from the organisation's own check",
        "receive.heading": "Receive an organisation's hand-off",
        "receive.body": (
            "Give the file the organisation sent (it ends in -till-kommunen.toml). A new "
            "assessment is made from the organisation's answers, marked as given by the "
            "organisation until you confirm or change them. The file is not changed."
        ),
        "receive.path": "File",
        "receive.ok": "Receive",
        "receive.empty": "Type the path of the file.",
        "receive.done": "New assessment from the organisation's hand-off: {name}",
    },
}
for _lang_code, _extra in _RECEIVE_STRINGS.items():
    STRINGS[_lang_code].update(_extra)

_lang = DEFAULT_LANG


def set_language(lang: str) -> None:
    global _lang
    if lang not in STRINGS:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(sorted(STRINGS))})")
    _lang = lang


def language() -> str:
    return _lang


def count(n: int, key: str) -> str:
    """`key.one` or `key.other` for n (Swedish and English both have one plural form)."""
    return tr(f"{key}.one" if n == 1 else f"{key}.other", n=n)


def retranslate(text: str) -> str:
    """`text`, if it is a UI string of any language, in the current language; other text as
    it is. For texts made before the language was chosen (Textual builds key bindings when a
    screen class is defined) and for the language setting changed while the app runs."""
    key = _key_of().get(text)
    return tr(key) if key is not None else text


_reverse: dict[str, str] = {}


def _key_of() -> dict[str, str]:
    if not _reverse:
        for strings in STRINGS.values():
            for key, value in strings.items():
                if "{" not in value:
                    _reverse.setdefault(value, key)
    return _reverse


def tr(key: str, **kwargs: object) -> str:
    """The string for `key` in the current language (falls back to Swedish)."""
    text = STRINGS[_lang].get(key) or STRINGS[DEFAULT_LANG][key]
    return text.format(**kwargs) if kwargs else text
