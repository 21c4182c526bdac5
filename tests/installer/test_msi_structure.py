"""The WiX source builds with wixl (from a small stand-in bundle, so this runs
in seconds) and the MSI has what a silent, per-machine, upgradable install
needs.  The slow test repeats the build from the real PyInstaller bundle."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.installer.conftest import PYTHON, REPO, load_installer_module, require_tool, run
from tests.installer.msi import properties, summary, table, tables

harvest = load_installer_module("windows/harvest.py")
msi_version = load_installer_module("windows/msi_version.py").msi_version
component_guid, fragment_xml = harvest.component_guid, harvest.fragment_xml

UPGRADE_CODE = "{8E0C2B57-5C4A-4E43-9A0B-3D4C9E5F7A21}"
VERSION = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]


def make_standin_bundle(build_dir: Path) -> list[str]:
    """A bundle-shaped folder: executable, nested libraries, a symlink."""
    bundle = build_dir / "dist" / "enclave-scribe"
    (bundle / "_internal" / "llama_cpp" / "lib").mkdir(parents=True)
    (bundle / "enclave-scribe.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "llama_cpp" / "lib" / "llama.dll").write_bytes(b"llama")
    (bundle / "_internal" / "base_library.zip").write_bytes(b"PK")
    os.symlink("base_library.zip", bundle / "_internal" / "alias.zip")
    return ["enclave-scribe.exe", "llama.dll", "base_library.zip", "alias.zip"]


def build_msi(build_dir: Path, *, variant: str = "cpu") -> Path:
    require_tool("wixl")
    env = {**os.environ, "BUILD_DIR": str(build_dir), "VARIANT": variant, "PYTHON": str(PYTHON)}
    result = run(["installer/windows/build_msi_wixl.sh"], cwd=REPO, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    msis = sorted((build_dir / "packages").glob(f"*-{variant}-wixl.msi"))
    assert len(msis) == 1
    return msis[0]


@pytest.fixture(scope="module")
def standin_msi(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    build_dir = tmp_path_factory.mktemp("msi-build")
    names = make_standin_bundle(build_dir)
    return build_msi(build_dir), names


def test_msi_has_the_expected_tables(standin_msi: tuple[Path, list[str]]) -> None:
    msi, _ = standin_msi

    expected = {"File", "Component", "Directory", "Feature", "Shortcut", "Registry", "Upgrade"}
    assert expected | {"AppSearch", "RegLocator", "Icon", "Media"} <= tables(msi)


def test_product_properties(standin_msi: tuple[Path, list[str]]) -> None:
    msi, _ = standin_msi

    props = properties(msi)

    assert props["UpgradeCode"] == UPGRADE_CODE
    assert props["ProductVersion"] == msi_version(VERSION)
    assert props["ProductName"] == "Enclave Scribe"
    assert props["ALLUSERS"] == "1"  # per-machine
    assert props["ARPPRODUCTICON"] == "EnclaveScribeIcon"
    assert "Template: x64;1033" in summary(msi)


def test_major_upgrade_replaces_older_and_refuses_downgrade(
    standin_msi: tuple[Path, list[str]],
) -> None:
    msi, _ = standin_msi

    upgrades = table(msi, "Upgrade")
    sequence = {row["Action"] for row in table(msi, "InstallExecuteSequence")}

    assert {row["ActionProperty"] for row in upgrades} == {
        "WIX_UPGRADE_DETECTED",
        "WIX_DOWNGRADE_DETECTED",
    }
    assert all(row["UpgradeCode"] == UPGRADE_CODE for row in upgrades)
    assert {"FindRelatedProducts", "RemoveExistingProducts"} <= sequence


def test_start_menu_shortcut(standin_msi: tuple[Path, list[str]]) -> None:
    msi, _ = standin_msi

    (shortcut,) = table(msi, "Shortcut")
    directories = {row["Directory"]: row for row in table(msi, "Directory")}

    assert shortcut["Name"] == "Enclave Scribe"
    assert shortcut["Target"] == "[INSTALLDIR]enclave-scribe.exe"
    assert directories[shortcut["Directory_"]]["Directory_Parent"] == "ProgramMenuFolder"


def test_model_path_property_is_written_and_remembered(standin_msi: tuple[Path, list[str]]) -> None:
    msi, _ = standin_msi

    registry = {row["Name"]: row for row in table(msi, "Registry")}
    (search,) = table(msi, "AppSearch")
    (locator,) = table(msi, "RegLocator")

    assert registry["ModelPath"]["Value"] == "[MODELPATH]"
    assert registry["ModelPath"]["Root"] == "2"  # HKEY_LOCAL_MACHINE
    assert registry["ModelPath"]["Key"] == r"SOFTWARE\Enclave Scribe"
    assert search["Property"] == "MODELPATH"
    assert (locator["Key"], locator["Name"]) == (r"SOFTWARE\Enclave Scribe", "ModelPath")


def test_every_bundle_file_is_installed_under_program_files(
    standin_msi: tuple[Path, list[str]],
) -> None:
    msi, names = standin_msi

    files = table(msi, "File")
    directories = {row["Directory"]: row for row in table(msi, "Directory")}

    assert sorted(row["FileName"].split("|")[-1] for row in files) == sorted(names)
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert directories["INSTALLDIR"]["DefaultDir"].split("|")[-1] == "Enclave Scribe"


def test_component_guids_are_stable_across_builds(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    make_standin_bundle(first)
    make_standin_bundle(second)

    one = fragment_xml(first / "dist" / "enclave-scribe")
    two = fragment_xml(second / "dist" / "enclave-scribe")

    assert one == two
    assert component_guid_for("_internal/base_library.zip") in one


def component_guid_for(path: str) -> str:
    from pathlib import PurePosixPath

    return component_guid(PurePosixPath(path))


def test_msi_version_is_numeric() -> None:
    assert msi_version("0.1.0") == "0.1.0"
    assert msi_version("2.3") == "2.3.0"
    assert msi_version("1.4.0rc2") == "1.4.0"
    with pytest.raises(SystemExit):
        msi_version("dev")
