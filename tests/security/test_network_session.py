"""A whole session makes no network attempt, and still works with no network.

In-process, the app's audit-hook guard counts attempts over the session (its
own test proves it does catch them).  In a child inside an empty network
namespace (`unshare -n`), even C-level sockets the hook cannot see would
fail, so the session passing there proves nothing needs the network.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import netguard
from tests.security import isolation
from tests.security.session import run_headless_session

MARKER = "NETCHECK-7f3a"


@pytest.fixture
def guard() -> Iterator[None]:
    netguard.install_network_guard()
    netguard.reset_blocked_attempts()
    yield
    netguard.set_guard_active(False)
    netguard.reset_blocked_attempts()


def test_whole_session_makes_zero_network_attempts(
    guard: None, steered_model_path: Path, tmp_path: Path
) -> None:
    result = run_headless_session(
        model_path=steered_model_path, marker=MARKER, export_dir=tmp_path / "exports"
    )
    attempts = netguard.blocked_attempts()
    print(f"\nnetwork attempts during a whole session: {len(attempts)}")
    assert attempts == []
    assert result.versions == 2 and result.generated_tokens > 0
    assert result.exports and all(path.exists() for path in result.exports.values())
    assert result.backup is not None and result.backup.exists()
    with pytest.raises(netguard.NetworkBlockedError):  # the guard was on throughout
        socket.create_connection(("127.0.0.1", 9), timeout=0.5)


def test_whole_session_from_process_start_makes_zero_attempts(
    steered_model_path: Path, tmp_path: Path, enclave_home: Path
) -> None:
    """Counted from before the first import, as in the real app."""
    report = isolation.run_module(
        "tests.security.session_child",
        [str(steered_model_path), str(tmp_path / "exports"), MARKER],
        env={"ENCLAVE_HOME": str(enclave_home)},
    )
    print(f"\nnetwork attempts from process start through a whole session: {report['attempts']}")
    assert report["attempts"] == 0
    assert report["versions"] == 2 and report["backup_exists"] and report["exports"]


@pytest.mark.skipif(not isolation.available("-n"), reason="`unshare -n` is not available here")
def test_whole_session_passes_in_an_empty_network_namespace(
    steered_model_path: Path, tmp_path: Path, enclave_home: Path
) -> None:
    report = isolation.run_module_without_network(
        "tests.security.session_child",
        [str(steered_model_path), str(tmp_path / "exports"), MARKER],
        env={"ENCLAVE_HOME": str(enclave_home)},
    )
    print(
        f"\nempty network namespace: interfaces={report['interfaces']} "
        f"loopback={report['loopback_connect']} attempts={report['attempts']}"
    )
    assert report["interfaces"] == ["lo"]
    assert report["loopback_connect"] == "ENETUNREACH"
    assert report["attempts"] == 0
    assert report["versions"] == 2 and report["backup_exists"]
    assert report["exports"]
