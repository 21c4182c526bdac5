"""Slow: build the real PyInstaller bundle, .deb, tarball and wixl MSI here,
then run the frozen app's `--self-test` on the tiny model (from the bundle
and from the unpacked .deb).  Sizes are printed for the report.

CI keeps the artefacts by setting ENCLAVE_INSTALLER_BUILD_DIR.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.installer.conftest import PYTHON, REPO, require_tool, run
from tests.installer.msi import table
from tests.installer.test_msi_structure import build_msi

pytestmark = pytest.mark.slow

USED_QT = {"QtCore", "QtGui", "QtWidgets", "QtPrintSupport"}


@dataclass(frozen=True)
class Build:
    root: Path
    bundle: Path
    deb: Path
    tarball: Path
    log: str

    @property
    def executable(self) -> Path:
        return self.bundle / "enclave-scribe"


def _size_mib(path: Path) -> float:
    files = (
        [path]
        if path.is_file()
        else [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    )
    return sum(f.stat().st_size for f in files) / 2**20


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    require_tool("dpkg-deb")
    configured = os.environ.get("ENCLAVE_INSTALLER_BUILD_DIR")
    root = (REPO / configured) if configured else tmp_path_factory.mktemp("linux-build")
    env = {**os.environ, "BUILD_DIR": str(root), "PYTHON": str(PYTHON), "DEB_COMPRESSION": "gzip"}
    started = time.perf_counter()
    result = run(["installer/build_linux.sh"], cwd=REPO, env=env, timeout=1500)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (deb,) = (root / "packages").glob("enclave-scribe_*_cpu.deb")
    (tarball,) = (root / "packages").glob("enclave-scribe_*_cpu.tar.gz")
    print(
        f"\n[installer] build_linux.sh took {time.perf_counter() - started:.0f} s\n{result.stdout}"
    )
    return Build(root, root / "dist" / "enclave-scribe", deb, tarball, result.stdout)


def _self_test(executable: Path, model: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ENCLAVE_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    return run([str(executable), "--self-test", str(model)], env=env, timeout=300, cwd=home)


def test_frozen_self_test_passes(build: Build, tiny_model_path: Path, enclave_home: Path) -> None:
    result = _self_test(build.executable, tiny_model_path, enclave_home)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "(frozen bundle," in result.stdout
    assert re.search(r"^  ok   backend +CPU", result.stdout, re.MULTILINE)
    assert re.search(
        r"^  ok   bundled data +6 templates, docx template, drug names", result.stdout, re.M
    )
    assert re.search(r"^  ok   store ", result.stdout, re.MULTILINE)
    assert re.search(r"^  ok   model \+ draft .*drafted 8 tokens", result.stdout, re.MULTILINE)
    assert result.stdout.rstrip().endswith("self-test passed")


def test_bundle_size_is_reported_and_sane(build: Build, capsys: pytest.CaptureFixture[str]) -> None:
    sizes = {
        "bundle": _size_mib(build.bundle),
        "deb (gzip)": _size_mib(build.deb),
        "tar.gz": _size_mib(build.tarball),
    }
    with capsys.disabled():
        for name, mib in sizes.items():
            print(f"\n[installer] {name}: {mib:.0f} MiB")

    assert 50 < sizes["bundle"] < 450
    assert sizes["deb (gzip)"] < sizes["bundle"]


def test_only_the_used_qt_modules_are_bundled(build: Build) -> None:
    bindings = {
        p.name.split(".")[0] for p in (build.bundle / "_internal" / "PySide6").glob("Qt*.so")
    }

    assert bindings == USED_QT


def test_bundle_carries_libraries_data_and_licences(build: Build) -> None:
    internal = build.bundle / "_internal"
    llama_libs = {p.name for p in (internal / "llama_cpp" / "lib").iterdir()}
    notices = (internal / "licenses" / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")

    assert {"libllama.so", "libggml.so", "libggml-base.so", "libggml-cpu.so"} <= llama_libs
    assert not any(re.search(r"\.so\.\d+\.\d+", name) for name in llama_libs)
    assert (internal / "licenses" / "LICENSE").is_file()
    assert "sqlcipher3" in notices and "PySide6_Essentials" in notices
    assert sorted(p.name for p in (internal / "assets" / "templates").glob("*.json"))


def test_no_downloaders_dev_tools_or_unused_qt_in_the_archive(build: Build) -> None:
    toc = (build.root / "pyinstaller" / "enclave" / "PYZ-00.toc").read_text(encoding="utf-8")
    modules = set(re.findall(r"\('([\w.]+)'", toc))

    assert {"app.selftest", "app.deployment", "engine.runtime.loader", "tiktoken.core"} <= modules
    assert {m for m in modules if m.startswith("app.commands.")}  # found by pkgutil at run time
    assert not {m for m in modules if m.startswith("tiktoken_ext.openai_public")}
    assert not {m for m in modules if m.split(".")[0] in {"pytest", "PyInstaller", "mypy", "tests"}}
    assert not {"PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick"} & modules


def test_bundle_runs_the_headless_cli(build: Build, enclave_home: Path) -> None:
    env = {**os.environ, "ENCLAVE_HOME": str(enclave_home)}
    result = run([str(build.executable), "cli", "--help"], env=env, timeout=120)

    assert result.returncode == 0, result.stderr
    assert "prompt" in result.stdout  # a command found by pkgutil inside the frozen app


def test_gui_starts_offscreen_from_the_bundle(build: Build, enclave_home: Path) -> None:
    env = {**os.environ, "ENCLAVE_HOME": str(enclave_home), "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen(
        [str(build.executable)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        time.sleep(8)
        still_running = process.poll() is None
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)

    assert still_running, err[-3000:]
    assert "could not load the Qt platform plugin" not in err.lower()


def test_deb_metadata_and_layout(build: Build) -> None:
    info = run([require_tool("dpkg-deb"), "--field", str(build.deb)]).stdout
    contents = run(["dpkg-deb", "--contents", str(build.deb)]).stdout

    assert re.search(r"^Package: enclave-scribe$", info, re.MULTILINE)
    assert re.search(r"^Architecture: \S+$", info, re.MULTILINE)
    for path in (
        "./opt/enclave-scribe/enclave-scribe",
        "./usr/bin/enclave-scribe",
        "./usr/bin/enclave",
        "./usr/share/applications/enclave-scribe.desktop",
        "./usr/share/icons/hicolor/256x256/apps/enclave-scribe.png",
        "./usr/share/doc/enclave-scribe/deployment.md",
    ):
        assert path in contents, path


@pytest.fixture
def unpacked_deb(build: Build, tmp_path: Path) -> Iterator[Path]:
    result = run(["dpkg-deb", "-x", str(build.deb), str(tmp_path)])
    assert result.returncode == 0, result.stderr
    yield tmp_path


def test_self_test_from_the_unpacked_deb(
    unpacked_deb: Path, tiny_model_path: Path, enclave_home: Path
) -> None:
    launcher = (unpacked_deb / "usr/bin/enclave-scribe").read_text()
    executable = unpacked_deb / "opt/enclave-scribe/enclave-scribe"

    result = _self_test(executable, tiny_model_path, enclave_home)

    assert launcher.strip().endswith('exec /opt/enclave-scribe/enclave-scribe "$@"')
    assert result.returncode == 0, result.stdout + result.stderr


def test_tarball_holds_the_bundle(build: Build) -> None:
    names = run(["tar", "-tzf", str(build.tarball)]).stdout.split()

    assert "enclave-scribe/enclave-scribe" in names
    assert any(name.startswith("enclave-scribe/_internal/llama_cpp/lib/") for name in names)


def test_msi_from_the_real_bundle_lists_every_file(
    build: Build, capsys: pytest.CaptureFixture[str]
) -> None:
    msi = build_msi(build.root)
    files_in_bundle = [p for p in build.bundle.rglob("*") if p.is_file()]
    with capsys.disabled():
        print(f"\n[installer] wixl msi: {_size_mib(msi):.0f} MiB ({len(files_in_bundle)} files)")

    assert len(table(msi, "File")) == len(files_in_bundle)
