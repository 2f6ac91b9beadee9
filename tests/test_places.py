"""The gazetteer: areas.csv (GeoNames area -> force), places.csv and places_elsewhere.csv."""

import csv
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from knowledge.loader import ALIASES_COLUMNS, DATA_DIR, read_aliases, read_forces

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "build_places.py"
SAMPLE = Path(__file__).parent / "data" / "rg_cities_sample.csv"

# What the script makes of the sample: real rows of rg_cities1000.csv chosen to hit every rule.
SAMPLE_PLACES = [
    ["alias", "force", "kind", "needs_capital"],
    ["weston", "Avon and Somerset Constabulary", "place", "0"],  # short form of Weston-super-Mare
    ["eye", "Cambridgeshire Constabulary", "place", "1"],
    ["saint neots", "Cambridgeshire Constabulary", "place", "0"],
    ["yarm", "Cleveland Police", "place", "0"],
    ["caerleon", "Gwent Police", "place", "0"],
    ["newport", "Hampshire Constabulary", "place", "0"],
    ["shenley", "Hertfordshire Constabulary", "place", "0"],
    ["kingston", "Humberside Police", "place", "0"],  # upon Hull, or upon Thames: asks which
    ["kingston", "Metropolitan Police Service", "place", "0"],
    ["hope", "North Wales Police", "place", "1"],
    ["hetton le hole", "Northumbria Police", "place", "0"],
    ["houghton le spring", "Northumbria Police", "place", "0"],
    ["houghton-le-spring", "Northumbria Police", "place", "0"],
    ["newcastle", "Northumbria Police", "place", "0"],  # upon Tyne, or under Lyme: asks which
    ["wick", "South Wales Police", "place", "1"],
    ["burton", "Staffordshire Police", "place", "0"],  # Burton upon Trent, the dominant use
    ["newcastle", "Staffordshire Police", "place", "0"],
    ["whyteleafe", "Surrey Police", "place", "0"],
    ["colnbrook", "Thames Valley Police", "place", "0"],
    ["newport", "West Mercia Police", "place", "0"],
    ["hebden bridge", "West Yorkshire Police", "place", "0"],
]
SAMPLE_ELSEWHERE = [["alias"], ["belfast"], ["glasgow"]]


def read_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    data_dir = tmp_path_factory.mktemp("data")
    for name in ("forces.csv", "areas.csv", "aliases.csv"):
        shutil.copy(DATA_DIR / name, data_dir / name)
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(SAMPLE), "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    return data_dir, result.stdout


@pytest.fixture(scope="module")
def forces() -> set[str]:
    return {row["force"] for row in read_forces(DATA_DIR / "forces.csv")}


@pytest.fixture(scope="module")
def gazetteer(forces: set[str]) -> dict[str, dict[str, int]]:
    """Every place alias (aliases.csv and places.csv) -> {force: needs_capital}."""
    places: dict[str, dict[str, int]] = defaultdict(dict)
    for name in ("aliases.csv", "places.csv"):
        for row in read_aliases(DATA_DIR / name, forces):
            if row["kind"] == "place":
                places[str(row["alias"])][str(row["force"])] = int(row["needs_capital"])
    return places


def test_the_script_builds_the_sample_into_the_aliases_format(
    sample_run: tuple[Path, str],
) -> None:
    data_dir, _ = sample_run
    assert read_rows(data_dir / "places.csv") == SAMPLE_PLACES
    assert read_rows(data_dir / "places_elsewhere.csv") == SAMPLE_ELSEWHERE
    assert SAMPLE_PLACES[0] == ALIASES_COLUMNS


def test_the_script_flags_a_name_that_is_another_forces_alias(
    sample_run: tuple[Path, str],
) -> None:
    _, output = sample_run
    assert "FLAG: newport (Hampshire Constabulary) is an alias of Gwent Police" in output
    assert "FLAG: newport (West Mercia Police) is an alias of Gwent Police" in output
    assert "Swindon (Gloucestershire)" in output  # a village named like a bigger town
    assert "Wales" in output.split("means something else")[1].split("\n")[0]


def test_the_committed_files_agree_with_the_script() -> None:
    """The committed files hold what the script makes of the sample (same rules, same format)."""
    committed = read_rows(DATA_DIR / "places.csv")
    assert committed[0] == ALIASES_COLUMNS
    assert all(row in committed for row in SAMPLE_PLACES[1:])
    assert committed[1:] == sorted(committed[1:], key=lambda row: (row[1], row[0]))
    elsewhere = {row[0] for row in read_rows(DATA_DIR / "places_elsewhere.csv")[1:]}
    assert {"belfast", "glasgow"} <= elsewhere


def test_places_csv_is_a_valid_alias_table_without_duplicates(forces: set[str]) -> None:
    places = read_aliases(DATA_DIR / "places.csv", forces)
    pairs = [(row["alias"], row["force"]) for row in places]
    assert len(pairs) == len(set(pairs))
    assert len(places) > 2500
    assert {row["kind"] for row in places} == {"place"}
    existing = {
        (row["alias"], row["force"]) for row in read_aliases(DATA_DIR / "aliases.csv", forces)
    }
    assert not existing & set(pairs)


def test_every_area_maps_to_one_canonical_force_of_its_country() -> None:
    country = {row["force"]: row["country"] for row in read_forces(DATA_DIR / "forces.csv")}
    areas = read_rows(DATA_DIR / "areas.csv")
    assert areas[0] == ["admin1", "admin2", "force"]
    keys = [(admin1, admin2) for admin1, admin2, _ in areas[1:]]
    assert len(keys) == len(set(keys)) == 142
    for admin1, admin2, force in areas[1:]:
        assert force in country, admin2
        assert country[force] == admin1, admin2


def test_every_force_has_a_place(forces: set[str], gazetteer: dict[str, dict[str, int]]) -> None:
    covered = {force for by_force in gazetteer.values() for force in by_force}
    assert covered == forces
    in_places_csv = {row[1] for row in read_rows(DATA_DIR / "places.csv")[1:]}
    assert forces - in_places_csv == {"City of London Police"}  # its places are in aliases.csv


@pytest.mark.parametrize(
    ("place", "force"),
    [
        ("slough", "Thames Valley Police"),
        ("bath", "Avon and Somerset Constabulary"),
        ("hull", "Humberside Police"),
        ("swindon", "Wiltshire Police"),
        ("truro", "Devon and Cornwall Police"),
        ("wrexham", "North Wales Police"),
        ("milton keynes", "Thames Valley Police"),
        ("sunderland", "Northumbria Police"),
        ("stoke-on-trent", "Staffordshire Police"),
        ("luton", "Bedfordshire Police"),
        ("cardiff", "South Wales Police"),
        ("leeds", "West Yorkshire Police"),
        ("bradford", "West Yorkshire Police"),
        ("hebden bridge", "West Yorkshire Police"),
        ("llangollen", "North Wales Police"),
        ("caerleon", "Gwent Police"),
        ("tenterden", "Kent Police"),
        ("yarm", "Cleveland Police"),
        ("biggin hill", "Metropolitan Police Service"),
        ("west thurrock", "Essex Police"),
        ("eaton bray", "Bedfordshire Police"),
        ("thornton cleveleys", "Lancashire Constabulary"),
        ("south nutfield", "Surrey Police"),
        ("whyteleafe", "Surrey Police"),
    ],
)
def test_places_map_to_their_force(
    gazetteer: dict[str, dict[str, int]], place: str, force: str
) -> None:
    assert set(gazetteer[place]) == {force}


def test_newport_is_in_three_forces(gazetteer: dict[str, dict[str, int]]) -> None:
    assert set(gazetteer["newport"]) == {
        "Gwent Police",
        "Hampshire Constabulary",
        "West Mercia Police",
    }


@pytest.mark.parametrize("place", ["glasgow", "belfast", "aberdeen", "derry", "paisley"])
def test_scottish_and_northern_irish_places_are_elsewhere(
    gazetteer: dict[str, dict[str, int]], place: str
) -> None:
    elsewhere = {row[0] for row in read_rows(DATA_DIR / "places_elsewhere.csv")[1:]}
    assert place in elsewhere
    assert place not in gazetteer


def test_elsewhere_never_names_a_place_in_england_or_wales(
    gazetteer: dict[str, dict[str, int]],
) -> None:
    elsewhere = {row[0] for row in read_rows(DATA_DIR / "places_elsewhere.csv")[1:]}
    assert not elsewhere & set(gazetteer)
    assert "hillsborough" not in elsewhere  # Sheffield's, not only County Down's


@pytest.mark.parametrize(
    "place",
    [
        *"bath reading street march deal sale wells hope cheddar battle rye box".split(),
        *"fleet eye stock ware wool".split(),
        "west end",
    ],
)
def test_common_word_places_need_a_capital(
    gazetteer: dict[str, dict[str, int]], place: str
) -> None:
    assert gazetteer[place]
    assert all(gazetteer[place].values())


@pytest.mark.parametrize("place", ["leeds", "hebden bridge", "caerleon", "yarm", "ilfracombe"])
def test_ordinary_place_names_need_no_capital(
    gazetteer: dict[str, dict[str, int]], place: str
) -> None:
    assert not any(gazetteer[place].values())


@pytest.mark.parametrize(
    "name",
    [
        "wales",
        "washington",
        "waterloo",
        "police",
        "durham",
        "city of london",
        "hill",
        "over",
        "send",
    ],
)
def test_misleading_names_are_not_places_csv_rows(name: str) -> None:
    assert name not in {row[0] for row in read_rows(DATA_DIR / "places.csv")[1:]}
