"""The report's HTML page: self-contained, accessible, escaped, in French or English."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from game.core.report import build_report
from game.i18n import Translator
from game.report import render_html
from game.storage.scenarios import load_framework

from .desk import Desk

EVIL = "<script>alert('pseudo')</script>"
EVIL_TITLE = "Données <img src=x onerror=alert(1)> & co"


@pytest.fixture(scope="module")
def fw():
    return load_framework()[0]


def workshop():
    out = []
    for name, ok in [(EVIL, False), ("Camille", True), ("=HYPERLINK(\"http://x.test\")", False)]:
        d = Desk(name, "sc", title=EVIL_TITLE).begin()
        d.question("q", "1", "Quelle <b>licence</b> ?", "<i>aucune</i>", ok).question("q", "2", "Q ?", "A", True)
        d.card("tri", "c", "Budget", "garder", ok).card("tri", "d", "Budget 2", "garder", ok)
        out += d.finish(0.5 if not ok else 1.0, 754).statements
    return out


@pytest.fixture(scope="module")
def report(fw):
    return build_report(workshop(), fw, group="atelier", generated_at="2026-03-12T17:00:00Z")


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> Tags:
    t = Tags()
    t.feed(page)
    return t


def test_a_script_pseudonym_and_a_scenario_title_show_as_text_never_as_markup(report):
    page = render_html(report, Translator("fr"))
    tags = parse(page)
    assert not any(tag in ("script", "img", "b", "i") for tag, _a in tags.tags)
    text = "".join(tags.text)
    assert EVIL in text and EVIL_TITLE in text and "Quelle <b>licence</b> ?" in text and "<i>aucune</i>" in text
    assert "&lt;script&gt;alert(&#x27;pseudo&#x27;)&lt;/script&gt;" in page


def test_the_page_is_self_contained_its_only_web_addresses_are_links_to_resources(report, fw):
    page = render_html(report, Translator("fr"))
    tags = parse(page)
    assert page.startswith("<!doctype html>")
    csp = next(a["content"] for t, a in tags.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert csp == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert not any(t in ("link", "script", "img", "iframe", "object") for t, _a in tags.tags)
    assert not any("src" in a for _t, a in tags.tags)
    links = {a["href"] for t, a in tags.tags if t == "a" and a.get("href", "").startswith("http")}
    wanted = {r.url for c in report.needs for r in fw.competency(c.competency).resources}
    assert links == wanted and links
    # every other http(s) address on the page is plain text of those links, or a learner's own text
    assert set(re.findall(r"https?://[^\s\"'<>)]+", unescape(page))) <= links | {"http://x.test"}


def test_tables_have_captions_and_header_scopes_charts_are_titled_images(report):
    tags = parse(render_html(report, Translator("fr")))
    names = [t for t, _a in tags.tags]
    assert names.count("table") == names.count("caption") >= 4
    assert all(a.get("scope") in ("col", "row") for t, a in tags.tags if t == "th")
    svgs = [a for t, a in tags.tags if t == "svg"]
    assert len(svgs) == 2 and all(a["role"] == "img" and a["aria-labelledby"] for a in svgs)
    # the page's title, each chart's, and each bar's (a scenario, a competency)
    assert names.count("title") == 1 + 2 + len(report.scenarios) + len(report.summaries)
    html_tag = next(a for t, a in tags.tags if t == "html")
    assert html_tag["lang"] == "fr"


def test_the_heat_map_writes_each_level_as_text(report):
    page = render_html(report, Translator("fr"))
    heat = page.split('class="heat"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r'<td class="lv lv-([a-z-]+)">([^<]+)', heat)
    assert len(cells) == 3 * len(report.competencies)
    names = {"a-decouvrir": "à découvrir", "en-cours": "en cours d'acquisition", "acquis": "acquis",
             "maitrise": "maîtrisé", "insuffisant": "pas assez d'éléments"}
    assert all(text == names[level].replace("'", "&#x27;") for level, text in cells)


def test_the_english_page_uses_the_frameworks_english_and_english_numbers(report, fw):
    page = render_html(report, Translator("en"))
    assert '<html lang="en">' in page
    assert fw.competency("B2").title.en in page and fw.competency("B2").title.fr not in page
    assert "not enough evidence" in page and "pas assez d&#x27;éléments" not in page
    assert "12 Mar 2026" in page
    assert "50%" in page and "50\u202f%" not in page  # English percentages


def test_titles_of_the_group_report_and_the_personal_report(fw):
    d = Desk("Camille").begin()
    group = render_html(build_report(d.statements, fw, group="atelier", generated_at="2026-03-12T17:00:00Z"), Translator("fr"))
    assert "<title>Rapport de l&#x27;atelier ATELIER</title>" in group
    mine = render_html(build_report(d.statements, fw, learner="Camille", generated_at="2026-03-12T17:00:00Z"), Translator("fr"))
    assert "<h1>Rapport de Camille</h1>" in mine


def test_an_empty_report_says_nobody_took_part(fw):
    page = render_html(build_report([], fw, group="VIDE", generated_at="2026-03-12T17:00:00Z"), Translator("fr"))
    assert "Personne n&#x27;a encore participé" in page
    assert "<table" not in page and "<svg" not in page


def test_every_text_colour_reaches_4_5_to_1_on_its_background():
    from game.report.style import TEXT_PAIRS
    from game.ui.theme import contrast_ratio

    def rgb(hex_colour):
        return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))

    low = [(name, round(contrast_ratio(rgb(fg), rgb(bg)), 2)) for name, fg, bg in TEXT_PAIRS
           if contrast_ratio(rgb(fg), rgb(bg)) < 4.5]
    assert low == []


def test_every_string_the_report_translates_is_found_by_the_extractor(report):
    """A ``_()`` inside an f-string is invisible to ``pybabel extract``: it would never be translated."""
    from pathlib import Path

    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file

    from game.report import render_csv

    from .test_personal import camille

    class Recording(Translator):
        def __init__(self):
            super().__init__("fr")
            self.asked = set()

        def gettext(self, text):
            self.asked.add(text)
            return super().gettext(text)

        def ngettext(self, singular, plural, n):
            self.asked.add(singular)
            return super().ngettext(singular, plural, n)

    tr = Recording()
    render_html(report, tr)
    render_csv(report, tr)
    # the learner's own report too: its sections, its chart, every kind of need
    render_html(build_report(camille(), report.framework, learner="Camille", generated_at="2026-03-12T17:00:00Z"), tr)
    game = Path(__file__).resolve().parents[2] / "game"
    extracted = set()
    for path in [*(game / "report").glob("*.py"), game / "core" / "tableschema" / "kinds.py",
                 game / "i18n" / "levels.py", game / "core" / "publish_statements.py"]:
        for _line, message, _comments, _context in extract_from_file("python", path, {**DEFAULT_KEYWORDS, "N_": None}):
            extracted.add(message if isinstance(message, str) else message[0])
    assert len(tr.asked) > 30
    assert tr.asked - extracted == set()


def test_a_group_of_one_person_has_its_tables_without_charts_of_one(fw):
    d = Desk("Camille").begin().question("q", "1", "Q ?", "x", True)
    page = render_html(build_report(d.statements, fw, group="atelier", generated_at="2026-03-12T17:00:00Z"),
                       Translator("fr"))
    assert "<svg" not in page and page.count("<table") == 4  # participation, heat map, why these levels, needs
