"""The curated content: the rows the issues name as the floor are there and stay there."""
import csv

import pytest

from .conftest import ROOT


def rows(table):
    with open(ROOT / "data" / f"{table}.csv", newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def ids(table):
    return {r["id"] for r in rows(table)}


@pytest.mark.parametrize("agreement", [
    "treaty-friendship-cooperation-1995", "treaty-union-1997", "union-charter-1997", "treaty-union-state-1999",
    "agreement-vileyka-1995", "agreement-hantsavichy-1995", "vileyka-extension-2021", "hantsavichy-extension-2021",
    "regional-security-military-sphere-1997", "joint-regional-air-defence-2009", "military-doctrine-union-state-2001",
    "military-doctrine-union-state-2021", "joint-training-centres-2021", "nuclear-storage-2023",
    "security-guarantees-treaty-2024", "csto-collective-security-treaty-1992", "csto-charter-2002",
])
def test_floor_agreements_are_present(agreement):
    assert agreement in ids("agreements")


def test_extensions_point_at_what_they_extend():
    by_id = {r["id"]: r for r in rows("agreements")}
    assert by_id["vileyka-extension-2021"]["amends_id"] == "agreement-vileyka-1995"
    assert by_id["hantsavichy-extension-2021"]["amends_id"] == "agreement-hantsavichy-1995"


def test_agreements_are_dated_to_the_day_in_at_least_80_percent_of_rows():
    agreements = rows("agreements")
    assert sum(r["signed_date_precision"] == "day" for r in agreements) >= 0.8 * len(agreements)


@pytest.mark.parametrize("year", [1999, 2009, 2013, 2017, 2021, 2025])
def test_every_zapad_is_present(year):
    assert f"zapad-{year}" in ids("exercises")


def test_exercises_have_day_dates_and_places():
    exercises = rows("exercises")
    located = {r["exercise_id"] for r in rows("exercise_locations")}
    assert sum(r["date_precision"] == "day" for r in exercises) >= 0.8 * len(exercises)
    assert len(located & {r["id"] for r in exercises}) >= 0.7 * len(exercises)


def test_sanctions_cover_authorities_and_targets():
    sanctions = rows("sanctions")
    assert len({r["authority"] for r in sanctions}) >= 5
    assert len({r["target_id"] for r in sanctions}) >= 60
    targets = {r["target_id"] for r in sanctions}
    assert {"belarus-ministry-of-defence", "belarus-state-authority-for-military-industry", "mzkt",
            "viktor-khrenin", "beltechexport"} <= targets


def test_component_trade_covers_enterprises_and_systems():
    trade = rows("component_trade")
    assert len({r["supplier_id"] for r in trade}) >= 20
    assert len(ids("weapon_systems")) >= 15


def test_every_row_cites_a_source_that_is_in_sources():
    known = ids("sources")
    for table in ("agreements", "exercises", "exercise_participants", "exercise_locations", "training_links",
                  "component_trade", "industry_figures", "sanctions", "deployments", "citations"):
        for r in rows(table):
            assert r["source_id"] in known, (table, r)


def test_people_appear_in_official_roles():
    people = [r for r in rows("entities") if r["entity_type"] == "person"]
    assert people and all(r["position"] for r in people)
