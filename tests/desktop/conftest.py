"""A private D-Bus session bus and a stand-in screen-saver/portal service for desktop tests."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

FAKE_SERVICE = Path(__file__).with_name("fake_inhibit_service.py")
_names = itertools.count()


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture
def bus_address():
    """Address of a fresh `dbus-daemon --session` that lives for one test."""
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--print-address", "--nofork",
                               "--nopidfile"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    address = daemon.stdout.readline().strip()
    assert address.startswith("unix:"), f"dbus-daemon printed {address!r}"
    yield address
    _stop(daemon)


@pytest.fixture
def bus(qapp, bus_address):
    """A QtDBus connection to the private bus, as a zero-argument factory (like the session bus)."""
    from PySide6.QtDBus import QDBusConnection

    name = f"hipcoach-test-{next(_names)}"
    connection = QDBusConnection.connectToBus(bus_address, name)
    assert connection.isConnected(), connection.lastError().message()
    yield lambda: connection
    QDBusConnection.disconnectFromBus(name)


class CallLog:
    """The calls the fake service received, one dict per call."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def calls(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines()]

    def members(self) -> list[tuple[str, str]]:
        return [(call["member"], call["signature"]) for call in self.calls()]


@pytest.fixture
def inhibit_service(bus_address, tmp_path):
    """Start the fake service owning the given names ("screensaver", "portal"); returns its log."""
    started: list[subprocess.Popen] = []

    def start(*services: str) -> CallLog:
        log = CallLog(tmp_path / f"calls-{len(started)}.jsonl")
        process = subprocess.Popen([sys.executable, str(FAKE_SERVICE), bus_address, str(log.path),
                                    *services], stdout=subprocess.PIPE, text=True)
        started.append(process)
        assert process.stdout.readline().strip() == "ready"
        return log

    yield start
    for process in started:
        _stop(process)
