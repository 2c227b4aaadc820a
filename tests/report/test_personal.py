"""The learner's own report reads as a personal report: my progress, my competencies, what to work on,
my errors — no head count, no averages over participants, no column of learners; the workshop named."""

import re
from html import unescape

import pytest

from game.core.report import build_report
from game.i18n import Translator
from game.report import render_csv, render_html

from .desk import Desk
from .test_html import parse

WHEN = "2026-03-12T17:00:00Z"
HEADINGS = ["Mon avancement", "Mes compétences", "Pourquoi ces niveaux ?", "À travailler", "Mes erreurs les plus fréquentes"]


@pytest.fixture(scope="module")
def fw():
    from game.storage.scenarios import load_framework

    return load_framework()[0]


def camille(group: str | None = "K7M-4QX") -> list[dict]:
    """A finished scenario (B2 half right, B4 all wrong, A1 right twice) and a second one left half-way."""
    done = Desk("Camille", "sc", group=group, title="Prénoms").begin()
    done.question("q", "1", "Quel séparateur ?", "Tabulation", False).question("q", "2", "Quel encodage ?", "UTF-8", True)
    done.card("tri", "c", "Budget", "garder", False).card("tri", "d", "Menus", "garder", False)
    done.choice("d1", 0, "Oui", "right").choice("d2", 1, "Non", "right")
    done.step("q", "quiz", 300).finish(0.5, 754)
    half = Desk("Camille", "sc2", group=group, title="Subventions").begin().step("q", "quiz", 125)
    return done.statements + half.statements


@pytest.fixture(scope="module")
def mine(fw):
    return build_report(camille(), fw, learner="Camille", generated_at=WHEN)


def text_of(page: str) -> str:
    return unescape("".join(parse(page).text))


def section(page: str, key: str) -> str:
    return page.split(f'<section id="{key}"', 1)[1].split("</section>", 1)[0]


def rows(html: str) -> list[list[str]]:
    """Each body row's cells as text."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [[" ".join(unescape(re.sub(r"<[^>]+>", " ", c)).split()) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body)]


def test_no_head_count_no_average_no_learners_column_no_plural_in_brackets(mine):
    text = text_of(render_html(mine, Translator("fr")))
    for group_words in ("participant", "Participant", "apprenants", "Apprenants", "en moyenne", "Pseudonyme", "(s)",
                        "Besoins de formation", "Niveaux par compétence"):
        assert group_words not in text


def test_the_header_names_the_workshop_the_records_and_the_date(mine, fw):
    page = render_html(mine, Translator("fr"))
    meta = text_of(page.split('<p class="meta">', 1)[1].split("</p>", 1)[0])
    assert "Atelier K7M-4QX" in meta and f"{mine.statements} relevés" in meta and "12 mars 2026" in meta
    without = render_html(build_report(camille(group=None), fw, learner="Camille", generated_at=WHEN), Translator("fr"))
    assert "Atelier" not in without and "<h1>Rapport de Camille</h1>" in without


def test_the_sections_and_the_table_of_contents_are_personal(mine):
    page = render_html(mine, Translator("fr"))
    assert re.findall(r'<h2 id="h-[^"]+">([^<]+)</h2>', unescape(page)) == HEADINGS
    assert re.findall(r'<li><a href="#[^"]+">([^<]+)</a></li>', unescape(page)) == HEADINGS


def test_my_progress_is_one_row_per_scenario_with_status_score_and_time(mine):
    progress = section(render_html(mine, Translator("fr")), "avancement")
    assert "1 scénario terminé sur 2 ; temps passé : 15 min en tout." in unescape(progress)
    assert rows(progress) == [["Prénoms", "terminé", "50 %", "13 min"], ["Subventions", "en cours", "—", "2 min"]]


def test_the_plural_follows_the_number_of_finished_scenarios(fw):
    two = Desk("Ana", "a", title="A").begin().finish(1.0, 60).statements + \
        Desk("Ana", "b", title="B").begin().finish(1.0, 60).statements
    progress = section(render_html(build_report(two, fw, learner="Ana", generated_at=WHEN), Translator("fr")), "avancement")
    assert "2 scénarios terminés sur 2" in progress


def test_my_competencies_give_the_level_in_words_the_mean_score_and_the_graded_items(mine):
    competencies = section(render_html(mine, Translator("fr")), "competences")
    table = {r[0].split(" — ")[0]: r[1:] for r in rows(competencies)}
    assert table["A1"] == ["acquis", "100 %", "2"]
    assert table["B2"] == ["en cours d'acquisition", "50 %", "2"]
    assert table["B4"] == ["à découvrir", "0 %", "2"]
    assert table["C1"] == ["pas assez d'éléments", "—", "0"]
    tags = parse(competencies).tags
    svgs = [a for t, a in tags if t == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img" and svgs[0]["aria-labelledby"] == "scores-t scores-d"
    assert 'id="scores-t">Mon score moyen par compétence</title>' in competencies
    assert competencies.count("<rect") == 2  # a bar for each score above 0: A1 and B2; none for B4 (0 %) or C1


def test_no_chart_when_nothing_is_graded(fw):
    page = render_html(build_report(Desk("Ana").begin().statements, fw, learner="Ana", generated_at=WHEN),
                       Translator("fr"))
    assert "<svg" not in page and "Mes compétences" in page


def test_to_work_on_says_what_my_level_means_and_links_the_resources(mine, fw):
    work = section(render_html(mine, Translator("fr")), "a-travailler")
    table = rows(work)
    assert [r[0].split(" — ")[0] for r in table] == ["B4", "B2", "C1"]  # à découvrir, en cours, then no evidence
    b4 = fw.competency("B4")
    assert table[0][1] == "à découvrir" and b4.descriptor("a-decouvrir").fr in table[0][2]
    assert "Objectif « acquis » : " + b4.descriptor("acquis").fr in table[0][2]
    assert re.match(r"0 éléments? notés? : il en faut au moins 2 pour situer un niveau\. Objectif", table[2][2])
    links = {a["href"] for t, a in parse(work).tags if t == "a"}
    assert links == {r.url for c in ("B4", "B2", "C1") for r in fw.competency(c).resources}


def test_nothing_to_work_on_when_every_competency_is_acquired(fw):
    d = Desk("Ana", competencies=("A1",)).begin().choice("d1", 0, "Oui", "right").choice("d2", 0, "Oui", "right")
    work = section(render_html(build_report(d.statements, fw, learner="Ana", generated_at=WHEN), Translator("fr")),
                   "a-travailler")
    assert "Rien à travailler en priorité" in work and "<table" not in work


def test_my_errors_have_my_answer_and_no_learners_column(mine):
    errors = section(render_html(mine, Translator("fr")), "erreurs")
    heads = re.findall(r'<th scope="col">([^<]+)</th>', unescape(errors))
    assert heads[:5] == ["Type", "Erreur ou question", "Ma réponse", "Réponse attendue", "Scénario"]
    assert "Apprenants" not in heads and "Camille" not in errors
    assert ["Réponse", "Quel séparateur ?", "Tabulation", "—", "Prénoms"] in rows(errors)
    assert "Mes erreurs les plus fréquentes — B4" in unescape(errors)


def test_tables_have_captions_and_scopes(mine):
    tags = parse(render_html(mine, Translator("fr"))).tags
    names = [t for t, _a in tags]
    assert names.count("table") == names.count("caption") >= 5
    assert all(a.get("scope") in ("col", "row") for t, a in tags if t == "th")


def test_the_csv_keeps_the_group_columns_with_the_workshop_filled(mine):
    lines = render_csv(mine, Translator("fr")).decode("utf-8-sig").split("\r\n")
    assert lines[0].startswith("Groupe;Pseudonyme;Compétence;") and lines[0].count(";") == 9
    assert all(line.startswith("K7M-4QX;Camille;") for line in lines[1:] if line)


def test_the_english_report_is_personal_too(mine, fw):
    page = render_html(mine, Translator("en"))
    text = text_of(page)
    assert '<html lang="en">' in page
    assert re.findall(r'<h2 id="h-[^"]+">([^<]+)</h2>', unescape(page)) == [
        "My progress", "My competencies", Translator("en").gettext("Pourquoi ces niveaux ?"), "To work on",
        "My most frequent errors"]
    assert "Workshop K7M-4QX" in text and "1 scenario finished out of 2" in text
    assert fw.competency("B4").descriptor("a-decouvrir").en in text and "to discover" in text
    assert "50%" in text and "participant" not in text.lower() and "(s)" not in text
