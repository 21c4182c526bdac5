"""The network guard must really refuse: if it silently let a connect through,
the "0 attempts" figure of the session tests would prove nothing."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from app import netguard


@pytest.fixture
def guard() -> Iterator[None]:
    netguard.install_network_guard()
    netguard.reset_blocked_attempts()
    yield
    netguard.set_guard_active(False)
    netguard.reset_blocked_attempts()


def _loopback_listener() -> socket.socket:
    """Opened with the guard off: the guard refuses bind() too."""
    netguard.set_guard_active(False)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    netguard.set_guard_active(True)
    return listener


def test_loopback_connect_is_refused_and_recorded(guard: None) -> None:
    listener = _loopback_listener()
    port = listener.getsockname()[1]
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(netguard.NetworkBlockedError):
        client.connect(("127.0.0.1", port))
    client.close()
    with pytest.raises(TimeoutError):
        listener.accept()
    listener.close()
    attempts = netguard.blocked_attempts()
    print(f"\nnetguard: loopback connect attempts recorded = {len(attempts)}")
    assert [event for event, _ in attempts] == ["socket.connect"]
    assert str(port) in attempts[0][1]


def test_name_lookup_and_udp_are_refused(guard: None) -> None:
    with pytest.raises(netguard.NetworkBlockedError):
        socket.getaddrinfo("example.org", 443)
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with pytest.raises(netguard.NetworkBlockedError):
        udp.sendto(b"x", ("127.0.0.1", 9))
    udp.close()
    events = [event for event, _ in netguard.blocked_attempts()]
    print(f"\nnetguard: lookup + udp attempts recorded = {len(events)}")
    assert events == ["socket.getaddrinfo", "socket.sendto"]


def test_local_unix_sockets_stay_allowed(guard: None) -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    left.sendall(b"ping")
    assert right.recv(4) == b"ping"
    left.close()
    right.close()
    assert netguard.blocked_attempts() == []


def test_only_a_loopback_port_zero_bind_is_allowed(guard: None) -> None:
    """urllib3 probes IPv6 support with bind(('::1', 0)) at import; nothing else passes."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    probe.close()
    for address in (("0.0.0.0", 0), ("127.0.0.1", 8080)):
        server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        with pytest.raises(netguard.NetworkBlockedError):
            server.bind(address)
        server.close()
    assert [event for event, _ in netguard.blocked_attempts()] == ["socket.bind", "socket.bind"]
