"""Keep-awake over a real (private) D-Bus session bus, following a real Session."""

from __future__ import annotations

import logging
import sys

import pytest

from fakes import FakeClock, FakeTimer, run_to_end, run_until
from hipcoach.desktop.inhibitors import (FirstWorkingInhibitor, InhibitError, MacInhibitor,
                                         PortalInhibitor, ScreenSaverInhibitor, WindowsInhibitor,
                                         default_inhibitor)
from hipcoach.desktop.keep_awake import REASON, KeepAwake
from hipcoach.paths import APP_ID
from hipcoach.self_test import three_step_plan
from hipcoach.session import Session

PORTAL_REQUESTS = "/org/freedesktop/portal/desktop/request/"


def test_screensaver_inhibit_then_uninhibit_with_the_uint_cookie(bus, inhibit_service):
    log = inhibit_service("screensaver")
    inhibitor = ScreenSaverInhibitor(bus)
    inhibitor.inhibit("testing")
    inhibitor.inhibit("testing")  # already held: no second call
    inhibitor.release()
    inhibitor.release()  # nothing held: no call

    inhibit, uninhibit = log.calls()
    assert (inhibit["member"], inhibit["signature"], inhibit["args"]) == \
        ("Inhibit", "ss", [APP_ID, "testing"])
    assert (uninhibit["member"], uninhibit["signature"], uninhibit["args"]) == \
        ("UnInhibit", "u", [41])


def test_portal_inhibit_asks_for_idle_and_suspend_then_closes_its_request(bus_address,
                                                                          inhibit_service):
    log = inhibit_service("portal")
    inhibitor = PortalInhibitor(bus_address)
    inhibitor.inhibit("testing")
    inhibitor.release()

    inhibit, close = log.calls()
    assert (inhibit["interface"], inhibit["member"], inhibit["signature"]) == \
        ("org.freedesktop.portal.Inhibit", "Inhibit", "sua{sv}")
    window, flags, options = inhibit["args"]
    assert (window, flags, options["reason"]) == ("", 4 | 8, "testing")
    sender = inhibit["sender"].lstrip(":").replace(".", "_")
    assert (close["interface"], close["member"]) == ("org.freedesktop.portal.Request", "Close")
    assert close["path"] == f"{PORTAL_REQUESTS}{sender}/{options['handle_token']}"


def test_without_a_screensaver_service_the_portal_is_used(bus, bus_address, inhibit_service):
    log = inhibit_service("portal")
    inhibitor = FirstWorkingInhibitor(ScreenSaverInhibitor(bus), PortalInhibitor(bus_address))
    inhibitor.inhibit("testing")
    inhibitor.release()
    inhibitor.inhibit("again")
    inhibitor.release()
    assert [m for m, _ in log.members()] == ["Inhibit", "Close"] * 2


def session_rig(inhibitor):
    clock = FakeClock()
    timer = FakeTimer(clock)
    session = Session(three_step_plan(), now=clock.monotonic, wall=clock.wall, timer=timer)
    keep_awake = KeepAwake(inhibitor)
    keep_awake.watch(session)
    return clock, timer, session, keep_awake


def test_held_only_while_the_session_runs(qapp, bus, inhibit_service):
    log = inhibit_service("screensaver")
    clock, timer, session, keep_awake = session_rig(ScreenSaverInhibitor(bus))
    assert not keep_awake.held  # IDLE

    session.start()
    assert keep_awake.held
    run_until(clock, timer, 1.0)
    session.pause()
    assert not keep_awake.held
    session.resume()
    assert keep_awake.held
    run_to_end(clock, timer)  # FINISHED
    assert not keep_awake.held
    assert log.members() == [("Inhibit", "ss"), ("UnInhibit", "u")] * 2


def test_stop_and_quit_release(qapp, bus, inhibit_service):
    log = inhibit_service("screensaver")
    clock, timer, session, keep_awake = session_rig(ScreenSaverInhibitor(bus))
    session.start()
    session.stop()
    assert not keep_awake.held
    session.start()
    assert keep_awake.held
    # what QCoreApplication.aboutToQuit triggers
    keep_awake.release()
    assert [m for m, _ in log.members()] == ["Inhibit", "UnInhibit"] * 2


def test_a_failing_bus_is_logged_once_and_the_workout_goes_on(qapp, bus, bus_address, caplog):
    # the private bus runs, but nothing on it can inhibit
    inhibitor = FirstWorkingInhibitor(ScreenSaverInhibitor(bus), PortalInhibitor(bus_address))
    clock, timer, session, keep_awake = session_rig(inhibitor)
    with caplog.at_level(logging.WARNING, logger="hipcoach.desktop.keep_awake"):
        session.start()
        session.pause()
        session.resume()
        run_to_end(clock, timer)
    warnings = [r for r in caplog.records if r.name == "hipcoach.desktop.keep_awake"]
    assert len(warnings) == 1
    assert "cannot keep the screen awake" in warnings[0].getMessage()
    assert not keep_awake.working and not keep_awake.held
    assert session.state.name == "FINISHED"


def test_no_session_bus_at_all_is_an_inhibit_error(qapp, tmp_path):
    from PySide6.QtDBus import QDBusConnection

    nowhere = f"unix:path={tmp_path}/no-bus"
    broken = QDBusConnection.connectToBus(nowhere, "hipcoach-no-bus")
    try:
        with pytest.raises(InhibitError, match="no D-Bus session bus"):
            ScreenSaverInhibitor(lambda: broken).inhibit(REASON)
    finally:
        QDBusConnection.disconnectFromBus("hipcoach-no-bus")
    with pytest.raises(InhibitError, match="no D-Bus session bus"):
        PortalInhibitor(nowhere).inhibit(REASON)


def test_a_hung_screensaver_gives_up_after_the_short_timeout(qapp, bus, inhibit_service):
    inhibit_service("screensaver", "hung")
    with pytest.raises(InhibitError, match="not available"):
        ScreenSaverInhibitor(bus).inhibit(REASON)  # ~1 s (DBUS_TIMEOUT_MS), not Qt's 25 s


@pytest.mark.parametrize(("platform", "flatpak", "expected"), [
    ("win32", False, WindowsInhibitor), ("darwin", False, MacInhibitor),
    ("linux", True, PortalInhibitor), ("linux", False, FirstWorkingInhibitor)])
def test_platform_choice(tmp_path, platform, flatpak, expected):
    info = tmp_path / ".flatpak-info"
    if flatpak:
        info.write_text("[Application]\nname=io.github.hipcoach.HipCoach\n")
    assert type(default_inhibitor(platform, info)) is expected


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="checks the refusal elsewhere")
@pytest.mark.parametrize("inhibitor", [WindowsInhibitor, MacInhibitor])
def test_native_inhibitors_refuse_cleanly_on_other_systems(inhibitor):
    with pytest.raises(InhibitError):
        inhibitor().inhibit(REASON)


class BrokenInhibitor:
    """An inhibitor whose platform code fails in an unforeseen way."""

    def inhibit(self, reason):
        raise RuntimeError("unexpected failure deep in a platform library")

    def release(self):
        raise AssertionError("never held, never released")


def test_an_unexpected_failure_is_logged_with_its_traceback_and_ignored(qapp, caplog):
    clock, timer, session, keep_awake = session_rig(BrokenInhibitor())
    with caplog.at_level(logging.WARNING, logger="hipcoach.desktop.keep_awake"):
        session.start()
        run_to_end(clock, timer)
    (record,) = caplog.records
    assert record.exc_info is not None and "unexpected failure" in record.getMessage()
    assert session.state.name == "FINISHED" and not keep_awake.held
