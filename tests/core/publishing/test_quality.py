"""udata's 9-criterion metadata quality score, one criterion at a time."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from game.core.publishing import QUALITY_DESCRIPTION_LENGTH, Metadata, Resource, quality

from .helpers import TODAY, complete

CRITERIA = ("license", "temporal_coverage", "spatial", "update_frequency", "update_fulfilled_in_time",
            "dataset_description_quality", "has_open_format", "all_resources_available", "resources_documentation")


def ok(meta: Metadata, cid: str, **kw) -> bool:
    return quality(meta, today=TODAY, **kw).criterion(cid).ok


def test_complete_metadata_scores_nine_out_of_nine():
    report = quality(complete(), today=TODAY)
    assert tuple(c.id for c in report.criteria) == CRITERIA
    assert report.score == 1.0 and report.points == 9


def test_empty_metadata_scores_zero_but_lists_every_criterion():
    report = quality(Metadata(), today=TODAY)
    assert tuple(c.id for c in report.criteria) == CRITERIA
    assert report.score == 0.0


@pytest.mark.parametrize("cid, broken", [
    ("license", complete(licence="")),
    ("temporal_coverage", complete(temporal_start="", temporal_end="")),
    ("spatial", complete(spatial_zone="")),
    ("spatial", complete(granularity="")),
    ("dataset_description_quality", complete(description="Trop court.")),
    ("has_open_format", complete(resources=(Resource("d", "Données", "xlsx"), Resource("n", "Notice", "pdf",
                                                                                       type="documentation")))),
    ("all_resources_available", complete(resources=(Resource("d", "Données", "csv", "desc", available=False),))),
    ("resources_documentation", complete(resources=(Resource("d", "Données", "csv"),))),
])
def test_one_missing_criterion_scores_eight_out_of_nine(cid, broken):
    report = quality(broken, today=TODAY)
    assert [c.id for c in report.criteria if not c.ok] == [cid]
    assert report.score == pytest.approx(8 / 9)


@pytest.mark.parametrize("freq", ["", "unknown"])
def test_no_frequency_loses_both_frequency_points(freq):
    # as in udata: without a frequency there is no promise to keep, so that point is not earned either
    report = quality(complete(frequency=freq), today=TODAY)
    assert {c.id for c in report.criteria if not c.ok} == {"update_frequency", "update_fulfilled_in_time"}
    assert report.score == pytest.approx(7 / 9)


def test_a_late_update_loses_only_the_in_time_point():
    report = quality(complete(frequency="monthly"), today=TODAY, last_update=date(2025, 1, 1))
    assert [c.id for c in report.criteria if not c.ok] == ["update_fulfilled_in_time"]
    assert report.score == pytest.approx(8 / 9)


def test_description_must_be_longer_than_100_characters():
    assert QUALITY_DESCRIPTION_LENGTH == 100
    assert not ok(complete(description="a" * 100), "dataset_description_quality")
    assert ok(complete(description="a" * 101), "dataset_description_quality")


def test_an_update_one_day_late_is_still_in_time_two_days_is_not():
    daily = complete(frequency="daily")
    assert ok(daily, "update_fulfilled_in_time", last_update=TODAY - timedelta(days=2))  # expected yesterday
    assert not ok(daily, "update_fulfilled_in_time", last_update=TODAY - timedelta(days=3))


def test_an_annual_dataset_last_updated_two_years_ago_is_late():
    annual = complete(frequency="annual")
    assert ok(annual, "update_fulfilled_in_time", last_update=date(2025, 6, 1))
    assert not ok(annual, "update_fulfilled_in_time", last_update=date(2024, 1, 1))


@pytest.mark.parametrize("freq", ["continuous", "irregular", "punctual"])
def test_unscheduled_frequencies_are_always_in_time(freq):
    assert ok(complete(frequency=freq), "update_fulfilled_in_time", last_update=date(2000, 1, 1))


def test_resources_left_out_do_not_count():
    pdf_only = complete(resources=(Resource("d", "Données", "csv", "desc", included=False),
                                   Resource("n", "Notice", "pdf", "desc", "documentation")))
    assert not ok(pdf_only, "has_open_format")
    none = complete(resources=(Resource("d", "Données", "csv", "desc", included=False),))
    report = quality(none, today=TODAY)
    assert {c.id for c in report.criteria if not c.ok} == {
        "has_open_format", "all_resources_available", "resources_documentation"}


def test_a_resource_description_documents_the_resources():
    described = complete(resources=(Resource("d", "Données", "csv", "Une ligne par subvention."),))
    assert ok(described, "resources_documentation")


def test_a_resource_without_format_is_not_open():
    assert not ok(complete(resources=(Resource("d", "Données", "", "desc"),)), "has_open_format")


def test_temporal_coverage_needs_a_real_start_date():
    assert not ok(complete(temporal_start="2017"), "temporal_coverage")
    assert ok(complete(temporal_end=""), "temporal_coverage")


def test_every_criterion_says_what_it_checks_and_why_in_french():
    for c in quality(Metadata(), today=TODAY).criteria:
        assert c.label.format_source() and c.why.format_source()
    assert quality(Metadata(), today=TODAY).criterion("dataset_description_quality").label.format_source() == (
        "La description fait plus de 100 caractères")


def test_score_ignores_an_unknown_licence_id():
    assert not ok(replace(complete(), licence="cc-zero"), "license")
