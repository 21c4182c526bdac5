"""Refuse and record every network attempt made from this process.

Installed first thing by both entry points.  A `sys.addaudithook` hook sees
`socket.connect`, `socket.sendto`, `socket.bind` and address look-ups made by
any library (Python-level sockets; C libraries that open sockets themselves
are covered by the test that runs a session inside an empty network
namespace).  Local AF_UNIX sockets are allowed: they never leave the machine.
So is binding a loopback address to port 0: urllib3 (pulled in by the drug
lexicon) does exactly that at import to probe for IPv6 support; it sends
nothing, and connecting anywhere, loopback included, stays refused.
Audit hooks cannot be removed, so the guard is switched by a module flag.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

_GUARDED_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.sendto",
        "socket.sendmsg",
        "socket.bind",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
    }
)


_LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})


class NetworkBlockedError(ConnectionRefusedError):
    """Raised inside the library that tried to reach the network."""


@dataclass
class _GuardState:
    installed: bool = False
    active: bool = False
    attempts: list[tuple[str, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


_state = _GuardState()


def _is_local_unix(event: str, args: tuple[Any, ...]) -> bool:
    if event not in {"socket.connect", "socket.bind", "socket.sendto"} or not args:
        return False
    sock = args[0]
    return isinstance(sock, socket.socket) and sock.family == getattr(socket, "AF_UNIX", -1)


def _is_loopback_probe(event: str, args: tuple[Any, ...]) -> bool:
    if event != "socket.bind" or len(args) < 2:
        return False
    address = args[1]
    if not isinstance(address, tuple) or len(address) < 2:
        return False
    return address[0] in _LOOPBACK_HOSTS and address[1] == 0


def _hook(event: str, args: tuple[Any, ...]) -> None:
    if not _state.active or event not in _GUARDED_EVENTS:
        return
    if _is_local_unix(event, args) or _is_loopback_probe(event, args):
        return
    target = repr(args[1:] if event.startswith("socket.") and len(args) > 1 else args)[:200]
    with _state.lock:
        _state.attempts.append((event, target))
    log.warning("blocked network attempt: %s %s", event, target)
    raise NetworkBlockedError(f"Enclave Scribe makes no network connections ({event}).")


def install_network_guard() -> None:
    """Install (once) and switch on the guard."""
    if not _state.installed:
        sys.addaudithook(_hook)
        _state.installed = True
    _state.active = True


def set_guard_active(active: bool) -> None:
    """Tests switch it off around their own loopback helpers, nothing else does."""
    _state.active = active


def blocked_attempts() -> list[tuple[str, str]]:
    with _state.lock:
        return list(_state.attempts)


def reset_blocked_attempts() -> None:
    with _state.lock:
        _state.attempts.clear()
