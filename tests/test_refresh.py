"""The running bot picks up ingested findings without a restart."""

import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from bot.refresh import refresh_knowledge
from bot.replies import KNOWLEDGE
from bot.settings import Settings
from knowledge import Knowledge
from knowledge.ingest import ingest_findings
from knowledge.loader import FINDINGS_COLUMNS

ROW = (
    "Cumbria Constabulary,PEEL 2026,2026,,rape,cancelled_incorrect,,,3,20,"
    "https://example.org/cumbria,inspectorate,three of 20\n"
)


def job_context(settings: Settings, knowledge: Knowledge) -> Any:
    return SimpleNamespace(job=SimpleNamespace(data=settings), bot_data={KNOWLEDGE: knowledge})


async def test_new_data_version_swaps_in_fresh_knowledge(db_path: Path, tmp_path: Path) -> None:
    findings = tmp_path / "findings.db"
    shutil.copy(db_path, findings)
    settings = Settings(findings_db=findings, state_db=tmp_path / "state.db")
    before = Knowledge.open(findings)
    context = job_context(settings, before)
    assert before.ask("Cumbria rape cancellations").missing

    await refresh_knowledge(context)
    assert context.bot_data[KNOWLEDGE] is before  # nothing changed, nothing reloaded

    new_file = tmp_path / "new.csv"
    new_file.write_text(",".join(FINDINGS_COLUMNS) + "\n" + ROW, encoding="utf-8")
    ingest_findings(findings, new_file)
    await refresh_knowledge(context)
    after = context.bot_data[KNOWLEDGE]
    assert after is not before and after.data_version != before.data_version
    assert "3 of 20" in after.reply("Cumbria rape cancellations")


async def test_missing_database_keeps_the_old_knowledge(db_path: Path, tmp_path: Path) -> None:
    knowledge = Knowledge.open(db_path)
    context = job_context(Settings(findings_db=tmp_path / "gone.db"), knowledge)
    await refresh_knowledge(context)
    assert context.bot_data[KNOWLEDGE] is knowledge
