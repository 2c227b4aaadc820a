"""Graphiques : les PNG exportés montrent les bonnes barres, la courbe dans l'ordre, les points
au bon endroit ; le clavier déplace l'élément mis en évidence et `announce` le lit."""

import math

import pygame
import pytest

from game.engine import intents as I
from game.engine.fonts import FontBook
from game.engine.intents import Intent
from game.ui.chart import nice_ticks
from game.ui.theme import Theme, contrast_ratio
from game.ui.widgets import Button, ChartView, FocusManager, render_chart_png

UP, DOWN, LEFT, RIGHT = Intent(I.UP), Intent(I.DOWN), Intent(I.LEFT), Intent(I.RIGHT)
HOME, END = Intent(I.HOME), Intent(I.END)
TOULOUSE = [(43.70, 1.30, "Blagnac"), (43.40, 1.45, "Portet"), (43.55, 1.60, "Balma")]
OUTLINE = [[(43.35, 1.25), (43.75, 1.25), (43.75, 1.65), (43.35, 1.65)]]


def euros(value):
    return f"{value:,.0f}".replace(",", "\u202f") + "\u00a0€"


def blobs(path, color):
    """Rectangles englobants des zones d'une couleur exacte dans un PNG, de haut en bas."""
    image = pygame.image.load(str(path))
    mask = pygame.mask.from_threshold(image, color, (1, 1, 1, 255))
    return sorted((m.get_bounding_rects()[0] for m in mask.connected_components(minimum=4)), key=lambda r: r.y)


def not_blank(path, theme):
    image = pygame.image.load(str(path))
    w, h = image.get_size()
    colors = {tuple(image.get_at((x, y)))[:3] for x in range(0, w, 7) for y in range(0, h, 7)}
    return len(colors) > 3 and theme.accent in colors


@pytest.fixture
def png(tmp_path, theme, fonts):
    def export(chart, name="chart.png", **kw):
        return render_chart_png(tmp_path / name, chart, theme=theme, fonts=fonts, **kw)
    return export


# --- barres ---------------------------------------------------------------------------------
def test_bar_png_has_three_bars_whose_lengths_are_proportional_to_their_values(png, theme):
    chart = ChartView("bar", [("Petit", 10), ("Moyen", 20), ("Grand", 40)], title="Subventions",
                      value_format=euros)
    path = png(chart)
    assert path.exists() and not_blank(path, theme)
    bars = blobs(path, theme.accent)
    assert len(bars) == 3
    small, medium, large = (bar.width for bar in bars)  # de haut en bas = ordre de la série
    assert small > 20
    assert abs(medium - 2 * small) <= 3
    assert abs(large - 4 * small) <= 4
    assert len({bar.left for bar in bars}) == 1  # toutes partent de l'axe du zéro
    assert all(bar.height == bars[0].height for bar in bars)


def test_a_negative_bar_goes_left_of_the_zero_axis(png, theme):
    path = png(ChartView("bar", [("Recettes", 30), ("Déficit", -15)], value_format=euros))
    positive, negative = blobs(path, theme.accent)
    assert negative.right <= positive.left
    assert abs(negative.width - positive.width / 2) <= 3


def test_bar_png_shows_every_bar_even_when_the_chart_scrolls(png, theme):
    chart = ChartView("bar", [(f"Association {i}", i + 1) for i in range(30)], height_lines=5)
    chart.layout(0, 0, 760, FontBook(1.0))
    chart.handle(END)
    path = png(chart)
    assert len(blobs(path, theme.accent)) == 30
    assert pygame.image.load(str(path)).get_height() > 800  # l'image s'allonge


def test_bar_highlight_moves_with_up_down_home_end_and_announce_reads_it(fonts):
    chart = ChartView("bar", [("Tennis Roques Olympic Club", 2400), ("Judo", 800), ("Chorale", 950)],
                      value_format=euros, on_change="chart")
    chart.layout(0, 0, 760, fonts)
    assert chart.uses_vertical_keys and chart.focusable
    assert chart.index == 0 and chart.announce == "Tennis Roques Olympic Club : 2\u202f400\u00a0€"
    assert chart.handle(DOWN) == "chart"
    assert chart.index == 1 and chart.announce == "Judo : 800\u00a0€"
    chart.handle(END)
    assert chart.announce.startswith("Chorale")
    assert chart.handle(DOWN) is None and chart.index == 2  # pas de boucle
    chart.handle(HOME)
    assert chart.index == 0
    assert chart.handle(UP) is None
    assert chart.handle(RIGHT) is None and chart.index == 0  # Gauche / Droite : pas pour les barres


def test_two_hundred_bars_scroll_with_the_keys(screen, theme, fonts):
    chart = ChartView("bar", [(f"Association numéro {i}", i * 10.0) for i in range(200)], height_lines=12)
    chart.layout(20, 20, 760, fonts)
    chart.draw(screen, theme, fonts, True)
    assert chart.top == 0
    for _ in range(15):
        chart.handle(DOWN)
    assert chart.index == 15 and chart.top == 4  # la barre mise en évidence reste visible
    chart.handle(Intent(I.PAGE_DOWN))
    assert chart.index == 27 and chart.top <= 27 < chart.top + 12
    chart.handle(END)
    assert chart.index == 199 and chart.top == 188
    chart.draw(screen, theme, fonts, True)
    assert chart.scroll(1) and chart.top == 185  # molette
    chart.handle(HOME)
    assert chart.top == 0 and chart.announce == "Association numéro 0 : 0.0"


def test_bar_chart_inside_a_form_keeps_up_and_down(fonts):
    chart = ChartView("bar", [("A", 1), ("B", 2)])
    line = ChartView("line", [("2012", 1), ("2013", 2)])
    focus = FocusManager([chart, line, Button("Exporter le graphique (PNG)", "export")])
    focus.handle(DOWN)
    assert focus.focused is chart and chart.index == 1
    focus.handle(Intent(I.NEXT))
    focus.handle(DOWN)  # la courbe laisse Haut / Bas au formulaire
    assert focus.focused.action == "export"


# --- courbe ---------------------------------------------------------------------------------
def test_line_png_draws_the_points_from_left_to_right_in_series_order(png, theme):
    values = [10, 40, 20, 30]
    path = png(ChartView("line", [(str(2014 + i), v) for i, v in enumerate(values)], x_label="Année"))
    assert not_blank(path, theme)
    image = pygame.image.load(str(path))
    mask = pygame.mask.from_threshold(image, theme.accent, (1, 1, 1, 255))
    rects = mask.get_bounding_rects()
    box = rects[0].unionall(rects[1:])
    tops = []
    for i in range(len(values)):
        x = min(box.right - 1, box.x + round(i * box.width / (len(values) - 1)))
        tops.append(next(y for y in range(box.y, box.bottom) if mask.get_at((x, y))))
    # plus la valeur est grande, plus le point est haut (y petit) : 40 > 30 > 20 > 10
    assert tops[1] < tops[3] < tops[2] < tops[0]
    assert box.width > 600  # la courbe occupe la largeur


def test_line_highlight_moves_with_left_right(fonts):
    chart = ChartView("line", [("2012", 1.5), ("2013", 2.0), ("2014", 2.5)])
    chart.layout(0, 0, 760, fonts)
    assert not chart.uses_vertical_keys
    chart.handle(RIGHT)
    assert chart.announce == "2013 : 2.0"
    chart.handle(END)
    chart.handle(LEFT)
    assert chart.index == 1
    assert chart.handle(DOWN) is None and chart.index == 1


def test_many_line_labels_are_thinned_and_drawn_without_error(screen, theme, fonts):
    chart = ChartView("line", [(f"Mois {i}", math.sin(i / 5) * 100) for i in range(120)])
    chart.layout(0, 0, 760, fonts)
    chart.draw(screen, theme, fonts, True)
    geo = chart._geometry(fonts)
    assert geo.label_step > 1


# --- carte ----------------------------------------------------------------------------------
@pytest.mark.parametrize("outline", [None, OUTLINE], ids=["cadre", "contour"])
def test_map_points_keep_their_west_east_and_north_south_order(png, theme, outline):
    path = png(ChartView("map", points=TOULOUSE, outline=outline, title="Défibrillateurs"))
    spots = sorted(blobs(path, theme.accent), key=lambda r: r.centerx)
    assert len(spots) == 3
    blagnac, portet, balma = spots  # d'ouest en est : lon 1.30, 1.45, 1.60
    assert blagnac.centery < balma.centery < portet.centery  # du nord au sud : 43.70, 43.55, 43.40
    # projection équirectangulaire corrigée : 1° de longitude = cos(latitude moyenne) × 1° de latitude
    px_per_lon = (balma.centerx - blagnac.centerx) / 0.30
    px_per_lat = (portet.centery - blagnac.centery) / 0.30
    assert px_per_lon / px_per_lat == pytest.approx(math.cos(math.radians(43.55)), rel=0.05)
    if outline:
        image = pygame.image.load(str(path))
        assert image.get_at((blagnac.centerx, blagnac.bottom + 12))[:3] == theme.background  # sous le point


def test_map_highlight_goes_west_to_east_and_announces_coordinates(fonts):
    chart = ChartView("map", points=TOULOUSE, coord_format=lambda v: f"{v:.2f}".replace(".", ","))
    chart.layout(0, 0, 760, fonts)
    assert chart.announce == "Blagnac : 43,70 ; 1,30"
    chart.handle(RIGHT)
    assert chart.announce == "Portet : 43,40 ; 1,45"
    chart.handle(END)
    assert chart.points[chart.index][2] == "Balma"
    chart.handle(HOME)
    assert chart.index == 0


# --- vide, échelle, couleurs -------------------------------------------------------------
@pytest.mark.parametrize("kind", ["bar", "line", "map"])
def test_empty_chart_draws_its_empty_text(screen, theme, fonts, png, kind):
    chart = ChartView(kind, [], [], empty_text="Aucune donnée à représenter.", title="Vide")
    silent = ChartView(kind, [], [], title="Vide")
    for c in (chart, silent):
        c.layout(0, 0, 760, fonts)
        for key in (DOWN, RIGHT, END, HOME):
            c.handle(key)
    assert chart.announce == "Aucune donnée à représenter." and chart.index is None
    screen.fill(theme.background)
    chart.draw(screen, theme, fonts, True)
    with_text = pygame.image.tobytes(screen, "RGB")
    screen.fill(theme.background)
    silent.draw(screen, theme, fonts, True)
    assert with_text != pygame.image.tobytes(screen, "RGB")
    assert png(chart).exists()


@pytest.mark.parametrize("kind", ["bar", "line", "map"])
def test_at_scale_2_the_chart_is_taller_and_draws(screen, theme, kind, png):
    series = [(f"Association sportive numéro {i}", 100.0 * i - 150) for i in range(8)]
    points = [(43.4 + i * 0.03, 1.3 + (i * 7 % 10) * 0.03, f"Point {i}") for i in range(10)]
    heights = []
    for scale in (1.0, 2.0):
        fonts = FontBook(scale)
        chart = ChartView(kind, series, points, title="Titre assez long pour passer à la ligne à 200 %",
                          x_label="Abscisse", y_label="Ordonnée", value_format=euros)
        heights.append(chart.layout(10, 10, round(760 * scale), fonts))
        chart.handle(DOWN)
        chart.handle(RIGHT)
        chart.draw(screen, theme, fonts, True)
        assert png(chart, f"{kind}-{scale}.png", size=(900, 600)).exists()
    assert heights[1] > 1.6 * heights[0]


def test_long_labels_are_cut_with_an_ellipsis(fonts):
    chart = ChartView("bar", [("Association sportive des cheminots de Toulouse Nord et environs " * 2, 1)])
    chart.layout(0, 0, 500, fonts)
    geo = chart._geometry(fonts)
    cut = chart._fit(fonts, chart.series[0][0], "body", geo.label_w - geo.gap)
    assert cut.endswith("…") and fonts.measure(cut, "body")[0] <= geo.label_w - geo.gap


def test_chart_colours_reach_the_required_contrast():
    theme = Theme()
    for text in (theme.text, theme.muted):  # libellés, valeurs, graduations, lecture
        for background in (theme.surface, theme.selection):
            assert contrast_ratio(text, background) >= 4.5
    assert contrast_ratio(theme.accent, theme.surface) >= 3  # barres, courbe, points
    assert contrast_ratio(theme.accent, theme.background) >= 3  # points sur le contour
    assert contrast_ratio(theme.accent, theme.selection) >= 3  # barre mise en évidence


def test_nice_ticks_are_round_numbers():
    assert nice_ticks(0, 40) == [0, 10, 20, 30, 40]
    assert nice_ticks(0, 2400, inside=True) == [0, 500, 1000, 1500, 2000]
    assert nice_ticks(176000, 241500)[0] <= 176000 and nice_ticks(176000, 241500)[-1] >= 241500
    assert nice_ticks(0, 0.3) == [0, 0.1, 0.2, 0.3]
    assert 3 <= len(nice_ticks(-800, 1200)) <= 5
    assert nice_ticks(5, 5)  # valeur unique : pas de division par zéro


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        ChartView("pie", [("a", 1)])


def test_a_click_highlights_the_bar_or_point_under_the_mouse(screen, theme, fonts):
    bars = ChartView("bar", [("A", 1), ("B", 2), ("C", 3)], on_change="chart")
    bars.layout(0, 0, 760, fonts)
    bars.draw(screen, theme, fonts, False)
    plot, row_h = bars._geometry(fonts).plot, bars._geometry(fonts).row_h
    assert bars.handle(Intent(I.CLICK, pos=(plot.centerx, plot.y + 2 * row_h + row_h // 2))) == "chart"
    assert bars.index == 2
    points = ChartView("map", points=TOULOUSE)
    points.layout(0, 0, 760, fonts)
    spot = points._geometry(fonts).spots[2]  # troisième d'ouest en est : Balma
    points.handle(Intent(I.CLICK, pos=spot))
    assert points.points[points.index][2] == "Balma"
