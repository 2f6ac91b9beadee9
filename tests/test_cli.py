"""The findings-bot command line: load, ask (text, JSON, JSON Lines), forces, health, errors."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from knowledge.store import DATA_FILES


@pytest.fixture
def env(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("FINDINGS_DB", str(db_path))
    return db_path


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.output


def test_ask_prints_the_cited_answer(env: Path) -> None:
    code, out = run("ask", "Herts robbery cancellations?")
    assert code == 0
    assert "2 of 20" in out and "2017" in out and "hemeltoday" in out


def test_ask_json_has_the_documented_fields(env: Path) -> None:
    code, out = run("ask", "--json", "Herts robbery cancellations?")
    data = json.loads(out)
    assert code == 0
    assert set(data) >= {
        "question",
        "intent",
        "forces",
        "candidates",
        "offence",
        "measure",
        "facts",
        "text",
    }
    assert data["forces"] == ["Hertfordshire Constabulary"]
    assert (data["offence"], data["measure"]) == ("robbery", "cancelled_incorrect")
    [fact] = data["facts"]
    assert (fact["numerator"], fact["denominator"], fact["inspection_year"]) == (2, 20, 2017)
    assert set(fact) >= {
        "force",
        "inspection",
        "inspection_year",
        "offence",
        "measure",
        "value",
        "ci_plus_minus",
        "numerator",
        "denominator",
        "source_url",
    }


def test_ask_json_file_answers_each_line_in_order(env: Path, tmp_path: Path) -> None:
    questions = ["Kent grade", "West robbery", "what does AVI mean"]
    path = tmp_path / "q.txt"
    path.write_text("\n".join(questions) + "\n")
    code, out = run("ask", "--json", "--file", str(path))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["question"] for r in rows] == questions
    assert [r["intent"] for r in rows] == ["lookup", "clarify", "glossary"]
    assert rows[0]["facts"][0]["value"] == "outstanding"
    assert rows[1]["candidates"]


def test_empty_question_is_one_clear_error(env: Path) -> None:
    code, out = run("ask", "  ")
    assert code != 0 and "give a question" in out and "Traceback" not in out


def test_missing_database_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FINDINGS_DB", str(tmp_path / "none.db"))
    code, out = run("ask", "Kent")
    assert code == 1 and "findings-bot load" in out and "Traceback" not in out


def test_load_rejects_bad_data_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    for name in DATA_FILES:
        source = Path(__file__).parent.parent / "knowledge" / "data" / name
        (data / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with (data / "findings.csv").open("a", encoding="utf-8") as handle:
        handle.write("Kent Police,X,2017,,burglary,grade,good,,,,https://x.org,news,q\n")
    monkeypatch.setenv("FINDINGS_DB", str(tmp_path / "f.db"))
    code, out = run("load", "--data-dir", str(data))
    assert code == 1
    assert "findings.csv:507: unknown offence 'burglary'" in out
    assert "database left unchanged" in out and not (tmp_path / "f.db").exists()


def test_load_then_if_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINDINGS_DB", str(tmp_path / "f.db"))
    code, out = run("load")
    assert code == 0 and "Loaded 505 findings" in out
    code, out = run("load", "--if-missing")
    assert code == 0 and "not rebuilt" in out


def test_forces_lists_every_force_with_aliases(env: Path) -> None:
    code, out = run("forces")
    assert code == 0
    assert len(out.splitlines()) == 43
    herts = next(line for line in out.splitlines() if line.startswith("Hertfordshire"))
    assert "herts" in herts and "st albans" in herts  # a nickname and a curated place
    assert "wheathampstead" not in herts and "towns: --towns lists them" in herts
    code, everything = run("forces", "--towns")
    assert code == 0 and len(everything.splitlines()) == 43
    assert "wheathampstead" in everything and len(everything) > 3 * len(out)


def test_health(env: Path) -> None:
    assert run("health") == (0, "ok\n")


def test_chat_without_a_terminal_answers_piped_lines(env: Path) -> None:
    code, out = run("chat", input="Kent grade\n")
    assert code == 0 and "outstanding" in out


def test_chat_with_nothing_piped_answers_the_samples(env: Path) -> None:
    code, out = run("chat", input="")
    assert code == 0 and "2 of 20" in out
