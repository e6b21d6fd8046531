"""Single instance: the second start activates the first, over a real local socket."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from hipcoach.desktop.single_instance import SingleInstance


def test_second_instance_asks_the_first_to_show_itself(qtbot, tmp_path):
    first = SingleInstance(key="test-app", folder=tmp_path)
    second = SingleInstance(key="test-app", folder=tmp_path)
    assert first.claim()
    with qtbot.waitSignal(first.activation_requested, timeout=5000) as blocker:
        assert not second.claim()
    assert blocker.args == [""]
    first.release()


def test_the_wayland_activation_token_is_handed_on(qtbot, tmp_path, monkeypatch):
    first = SingleInstance(key="test-app", folder=tmp_path)
    assert first.claim()
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "kwin-4711_TIME1234")
    with qtbot.waitSignal(first.activation_requested, timeout=5000) as blocker:
        assert not SingleInstance(key="test-app", folder=tmp_path).claim()
    assert blocker.args == ["kwin-4711_TIME1234"]
    first.release()


def test_after_the_first_quits_the_next_start_is_first_again(qtbot, tmp_path):
    first = SingleInstance(key="test-app", folder=tmp_path)
    assert first.claim()
    first.release()
    again = SingleInstance(key="test-app", folder=tmp_path)
    assert again.claim()
    again.release()


def test_a_socket_left_by_a_crash_does_not_block_the_start(qtbot, tmp_path):
    fresh = SingleInstance(key="test-app", folder=tmp_path)
    stale = socket.socket(socket.AF_UNIX)  # bound, then dropped without unlinking: a crash
    stale.bind(fresh.socket_name)
    stale.close()
    assert Path(fresh.socket_name).exists()

    assert fresh.claim()
    with qtbot.waitSignal(fresh.activation_requested, timeout=5000):
        assert not SingleInstance(key="test-app", folder=tmp_path).claim()
    fresh.release()


def test_different_keys_do_not_interfere(qtbot, tmp_path):
    one = SingleInstance(key="app-one", folder=tmp_path)
    two = SingleInstance(key="app-two", folder=tmp_path)
    assert one.claim() and two.claim()
    one.release()
    two.release()


def test_a_folder_too_deep_for_a_unix_socket_still_works(qtbot, tmp_path):
    deep = tmp_path / ("d" * 60) / ("e" * 60)
    deep.mkdir(parents=True)
    first = SingleInstance(key="test-app", folder=deep)
    assert len(first.socket_name) < 100
    assert first.claim()
    with qtbot.waitSignal(first.activation_requested, timeout=5000):
        assert not SingleInstance(key="test-app", folder=deep).claim()
    first.release()


def test_a_start_in_another_process_activates_the_running_one(qapp, tmp_path_factory,
                                                              monkeypatch):
    monkeypatch.setenv("XDG_ACTIVATION_TOKEN", "from-the-launcher")
    folder = tmp_path_factory.mktemp("run")
    holder = subprocess.Popen([sys.executable, str(Path(__file__).with_name("instance_holder.py")),
                               "test-app", str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "first"
        assert not SingleInstance(key="test-app", folder=folder).claim()
        rest, _ = holder.communicate(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
    assert rest.split() == ["activated", "from-the-launcher"]
    assert holder.returncode == 0
    again = SingleInstance(key="test-app", folder=folder)  # the holder quit: first again
    assert again.claim()
    again.release()


def test_after_a_crash_of_the_running_one_the_next_start_is_first(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    holder = subprocess.Popen([sys.executable, str(Path(__file__).with_name("instance_holder.py")),
                               "test-app", str(folder)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "first"
    holder.kill()  # SIGKILL: lock file and socket file stay behind
    holder.communicate()
    assert list(folder.iterdir())
    fresh = SingleInstance(key="test-app", folder=folder)
    assert fresh.claim()
    fresh.release()


def test_the_user_name_is_the_one_getpass_finds(monkeypatch):
    import getpass

    from hipcoach.desktop.single_instance import user_name

    assert user_name() == getpass.getuser()
    for variable in ("LOGNAME", "USER", "LNAME", "USERNAME"):
        monkeypatch.delenv(variable, raising=False)
    assert user_name() == getpass.getuser()
    monkeypatch.setenv("USER", "runner")
    assert user_name() == getpass.getuser() == "runner"


def test_a_start_while_the_first_is_still_starting_waits_for_it(qapp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    holder = subprocess.Popen([sys.executable, str(Path(__file__).with_name("instance_holder.py")),
                               "test-app", str(folder), "700"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "first"  # locked, not listening yet
        assert not SingleInstance(key="test-app", folder=folder).claim()
        rest, _ = holder.communicate(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.communicate()
    assert rest.split() == ["activated"]
