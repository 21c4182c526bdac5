"""Child process: one whole headless session, reported as one JSON line.

Run as `python -m tests.security.session_child MODEL EXPORT_DIR MARKER`, normally
inside `unshare -n`.  Before the session it records what the network looks
like from here (interfaces, whether even loopback is reachable) so the parent
can tell a really empty namespace from an ordinary one.  The app's network
guard is installed before any layer is imported, as both entry points do,
so attempts made at import time (a dependency probing the network) count.
"""

from __future__ import annotations

import errno
import json
import socket
import sys
from pathlib import Path
from typing import Any

from app import netguard


def _network_view() -> dict[str, Any]:
    interfaces = [name for _index, name in socket.if_nameindex()]
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(("127.0.0.1", 9))
        loopback = "connected"
    except OSError as error:
        loopback = errno.errorcode.get(error.errno or 0, str(error))
    finally:
        probe.close()
    return {"interfaces": interfaces, "loopback_connect": loopback}


def main(model: Path, export_dir: Path, marker: str) -> int:
    view = _network_view()
    netguard.install_network_guard()
    from tests.security.session import run_headless_session

    result = run_headless_session(model_path=model, marker=marker, export_dir=export_dir)
    report = {
        **view,
        "attempts": len(netguard.blocked_attempts()),
        "versions": result.versions,
        "signed_version": result.signed_version,
        "exports": sorted(result.exports),
        "generated_tokens": result.generated_tokens,
        "backup_exists": bool(result.backup and result.backup.exists()),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]))
