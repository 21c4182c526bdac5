"""A save that fails for lack of space says so and loses nothing saved before.

The disk is really full: a 1.5 MiB tmpfs mounted as ENCLAVE_HOME in a private
mount namespace, so the kernel returns ENOSPC exactly as on a clinician's full
drive (RLIMIT_FSIZE would give EFBIG instead, a different error path, so it
is not used as a stand-in).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security import isolation

TMPFS_KIB = 1536


@pytest.mark.skipif(
    not isolation.tmpfs_available(),
    reason="needs `unshare -m` and tmpfs mounts (root or user namespaces); not available here",
)
def test_full_disk_refuses_the_save_with_a_message_and_loses_nothing(tmp_path: Path) -> None:
    mount_point = tmp_path / "tiny-disk"
    mount_point.mkdir()
    report = isolation.run_module_on_tiny_disk(
        "tests.security.fulldisk_child",
        [],
        mount_point=mount_point,
        size_kib=TMPFS_KIB,
        env={"ENCLAVE_HOME": str(mount_point)},
    )
    lost = report["lost_while_full"] + report["lost_after_reopen"]
    print(
        f"\nfull disk ({report['filesystem']} {TMPFS_KIB} KiB): {report['saved']} saves before "
        f"ENOSPC, error {report['error']}, lost saves = {lost}"
    )
    assert report["filesystem"] == "tmpfs"
    assert report["saved"] >= 3
    assert report["error"] == "DiskFullError"
    assert "disk is full" in report["message"]
    assert "saved before it is safe" in report["message"]
    assert report["again"] == "DiskFullError"
    assert lost == 0
    assert report["saved_after_freeing"] == report["saved"] + 1
