"""The machine-wide model path IT configures (MSI MODELPATH, deployment.json,
environment) is what the first-run flow is offered."""

from __future__ import annotations

import json
from pathlib import Path, PureWindowsPath

import pytest

from app import deployment

MACHINE_CONFIG_FILE = deployment.machine_config_file  # before the fixture replaces it


@pytest.fixture(autouse=True)
def no_machine_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the machine-wide file at a temp path so the host's /etc is never read."""
    config = tmp_path / "machine" / "deployment.json"
    monkeypatch.setattr(deployment, "machine_config_file", lambda: config)
    monkeypatch.delenv(deployment.MODEL_PATH_ENV, raising=False)
    return config


def test_nothing_configured_means_no_path() -> None:
    assert deployment.preconfigured_model_path() is None


def test_environment_variable_wins(
    monkeypatch: pytest.MonkeyPatch, no_machine_config: Path
) -> None:
    _write(no_machine_config, {"model_path": "/srv/models/from-file.gguf"})
    monkeypatch.setenv(deployment.MODEL_PATH_ENV, "/srv/models/from-env.gguf")

    setting = deployment.preconfigured_model_setting()

    assert setting == deployment.ModelSetting(
        Path("/srv/models/from-env.gguf"), f"environment variable {deployment.MODEL_PATH_ENV}"
    )


def test_machine_config_file_is_read(no_machine_config: Path) -> None:
    _write(no_machine_config, {"model_path": "  /srv/models/gpt-oss-20b.gguf  "})

    setting = deployment.preconfigured_model_setting()

    assert setting is not None
    assert setting.path == Path("/srv/models/gpt-oss-20b.gguf")
    assert setting.source == str(no_machine_config)


@pytest.mark.parametrize(
    "content",
    [b"{not json", b'["a list"]', b'{"model_path": 42}', b'{"model_path": "   "}', b"\xff\xfe"],
)
def test_malformed_config_is_ignored(no_machine_config: Path, content: bytes) -> None:
    no_machine_config.parent.mkdir(parents=True, exist_ok=True)
    no_machine_config.write_bytes(content)

    assert deployment.preconfigured_model_path() is None


def test_blank_environment_variable_falls_through(
    monkeypatch: pytest.MonkeyPatch, no_machine_config: Path
) -> None:
    _write(no_machine_config, {"model_path": "/srv/models/from-file.gguf"})
    monkeypatch.setenv(deployment.MODEL_PATH_ENV, "  ")

    assert deployment.preconfigured_model_path() == Path("/srv/models/from-file.gguf")


def test_machine_config_locations_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROGRAMDATA", r"D:\ProgramData")

    windows = MACHINE_CONFIG_FILE(platform="win32")

    assert PureWindowsPath(str(windows).replace("/", "\\")).parts[-2:] == (
        "Enclave Scribe",
        "deployment.json",
    )
    assert str(windows).startswith(r"D:\ProgramData")
    assert MACHINE_CONFIG_FILE(platform="darwin") == Path(
        "/Library/Application Support/Enclave Scribe/deployment.json"
    )
    assert MACHINE_CONFIG_FILE(platform="linux") == Path("/etc/enclave-scribe/deployment.json")


def test_registry_names_match_the_msi() -> None:
    wxs = (Path(__file__).resolve().parents[2] / "installer/windows/enclave.wxs").read_text()

    assert f'Key="{deployment.REGISTRY_KEY}"' in wxs
    assert f'Name="{deployment.REGISTRY_VALUE}"' in wxs
    assert 'Value="[MODELPATH]"' in wxs


def _write(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
