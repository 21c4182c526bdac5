"""Reading an MSI's tables with msitools' `msiinfo` (tab-separated exports)."""

from __future__ import annotations

from pathlib import Path

from tests.installer.conftest import require_tool, run


def table(msi: Path, name: str) -> list[dict[str, str]]:
    """Rows of one table as dicts keyed by column name."""
    result = run([require_tool("msiinfo"), "export", str(msi), name])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:] if line]


def tables(msi: Path) -> set[str]:
    result = run([require_tool("msiinfo"), "tables", str(msi)])
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


def summary(msi: Path) -> str:
    result = run([require_tool("msiinfo"), "suminfo", str(msi)])
    assert result.returncode == 0, result.stderr
    return result.stdout
