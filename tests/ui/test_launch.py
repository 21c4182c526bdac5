"""`python -m app` opens the main window (a fresh process, offscreen), and the
app's settings file never receives patient text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.ui.settings import UiSettings, load_settings, save_settings, settings_path

ROOT = Path(__file__).resolve().parents[2]


def test_python_m_app_shows_the_window(enclave_home: Path) -> None:
    env = dict(os.environ, ENCLAVE_LAUNCH_MARK="1", QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "app"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        assert process.stdout is not None
        first_line = process.stdout.readline()
    finally:
        process.kill()
        process.wait()
    assert first_line.startswith("window-shown ")
    assert (enclave_home / "log" / "enclave-scribe.log").exists()


def test_settings_round_trip_and_hold_only_preferences(enclave_home: Path) -> None:
    settings = UiSettings(model_path="/models/gpt-oss-20b.gguf", idle_lock_minutes=3.5)
    save_settings(settings.with_changes(default_effort="high"))
    loaded = load_settings()
    assert loaded.default_effort == "high" and loaded.idle_lock_minutes == 3.5
    assert loaded.crisis_resources == settings.crisis_resources
    stored = json.loads(settings_path().read_text(encoding="utf-8"))
    assert set(stored) == {
        "model_path", "model_sha256", "context_size", "offload_mode", "manual_cpu_moe_layers",
        "default_effort", "idle_lock_minutes", "crisis_resources", "default_template_id",
        "clinician_name",
    }
    assert settings_path().is_relative_to(enclave_home)
