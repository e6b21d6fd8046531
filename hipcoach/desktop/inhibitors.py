"""Ways to stop the screen from blanking, one class per platform mechanism.

Every inhibitor has `inhibit(reason)` and `release()`; both raise
`InhibitError` when the platform refuses. `release()` without a held inhibit
does nothing. D-Bus calls are short blocking calls (about a millisecond on a
live bus, at most `DBUS_TIMEOUT_MS` on a hung one); QtDBus and jeepney are
imported only when a D-Bus inhibitor is first used.
"""

from __future__ import annotations

import ctypes
import itertools
import os
import sys
from pathlib import Path
from typing import Any, Callable, Protocol

from hipcoach.paths import APP_ID

DBUS_TIMEOUT_MS = 1000
FLATPAK_INFO = Path("/.flatpak-info")
PORTAL_FLAG_SUSPEND = 4
PORTAL_FLAG_IDLE = 8


class InhibitError(Exception):
    """The platform would not (un)inhibit the screen saver."""


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None: ...
    def release(self) -> None: ...


def _session_bus() -> Any:
    from PySide6.QtDBus import QDBusConnection

    return QDBusConnection.sessionBus()


class ScreenSaverInhibitor:
    """org.freedesktop.ScreenSaver on the session bus (KDE, GNOME, Xfce, ...), via QtDBus.

    The interface is built from the service's introspection on first use, so
    `QMetaObject.invokeMethod` sends UnInhibit's cookie as a real D-Bus `u`
    (uint32), which PySide cannot express through `QDBusMessage.setArguments`.
    """

    service = "org.freedesktop.ScreenSaver"
    path = "/org/freedesktop/ScreenSaver"
    interface = "org.freedesktop.ScreenSaver"

    def __init__(self, bus: Callable[[], Any] = _session_bus) -> None:
        self._bus = bus
        self._iface: Any = None
        self._cookie: int | None = None

    def inhibit(self, reason: str) -> None:
        if self._cookie is not None:
            return
        reply = self._interface().call("Inhibit", APP_ID, reason)
        values = reply.arguments()
        if reply.errorMessage() or not values or not isinstance(values[0], int):
            raise InhibitError(f"ScreenSaver.Inhibit failed: {reply.errorMessage() or values}")
        self._cookie = values[0]

    def release(self) -> None:
        cookie, self._cookie = self._cookie, None
        if cookie is None:
            return
        from PySide6.QtCore import Q_ARG, QMetaObject, Qt

        iface = self._interface()
        ok = QMetaObject.invokeMethod(iface, "UnInhibit", Qt.ConnectionType.DirectConnection,
                                      Q_ARG("uint", cookie))
        error = iface.lastError()
        if not ok or error.isValid():
            raise InhibitError(f"ScreenSaver.UnInhibit failed: "
                               f"{error.message() or 'no such method'}")

    def _interface(self) -> Any:
        if self._iface is None:
            from PySide6.QtDBus import QDBusInterface

            connection = self._bus()
            if not connection.isConnected():
                raise InhibitError(f"no D-Bus session bus ({connection.lastError().message()})")
            self._probe(connection)
            iface = QDBusInterface(self.service, self.path, self.interface, connection)
            if not iface.isValid():
                raise InhibitError(f"{self.service} is not available: "
                                   f"{iface.lastError().message() or 'no such service'}")
            iface.setTimeout(DBUS_TIMEOUT_MS)
            self._iface = iface
        return self._iface

    def _probe(self, connection: Any) -> None:
        """Introspect once with our short timeout: QDBusInterface's own introspection
        would wait 25 s on a hung service, freezing the window at Start."""
        from PySide6.QtDBus import QDBus, QDBusMessage

        probe = QDBusMessage.createMethodCall(self.service, self.path,
                                              "org.freedesktop.DBus.Introspectable", "Introspect")
        reply = connection.call(probe, QDBus.CallMode.Block, DBUS_TIMEOUT_MS)
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            raise InhibitError(f"{self.service} is not available: {reply.errorMessage()}")


class PortalInhibitor:
    """org.freedesktop.portal.Inhibit, the way out of a Flatpak sandbox.

    Spoken with jeepney on a connection of its own, opened on inhibit and closed
    on release: the portal wants a `u` and an `a{sv}` in one call, which PySide's
    QtDBus cannot marshal against the portal's introspection. Releasing is a
    `Request.Close` on the handle the portal returned (closing the connection
    would end the inhibit too).
    """

    service = "org.freedesktop.portal.Desktop"
    path = "/org/freedesktop/portal/desktop"
    interface = "org.freedesktop.portal.Inhibit"
    _tokens = itertools.count(1)

    def __init__(self, bus: str = "SESSION") -> None:
        self._bus = bus  # "SESSION" or a D-Bus address
        self._connection: Any = None
        self._handle: str | None = None

    def inhibit(self, reason: str) -> None:
        if self._handle is not None:
            return
        from jeepney import DBusAddress, new_method_call

        token = f"hipcoach{os.getpid()}_{next(self._tokens)}"
        portal = DBusAddress(self.path, bus_name=self.service, interface=self.interface)
        options = {"reason": ("s", reason), "handle_token": ("s", token)}
        message = new_method_call(portal, "Inhibit", "sua{sv}",
                                  ("", PORTAL_FLAG_IDLE | PORTAL_FLAG_SUSPEND, options))
        try:
            from jeepney.io.blocking import open_dbus_connection

            self._connection = open_dbus_connection(bus=self._bus)
            body = self._call(message)
        except InhibitError:
            self._close_connection()
            raise
        except (OSError, KeyError, ValueError) as exc:  # no bus, refused, bad address
            self._close_connection()
            raise InhibitError(f"no D-Bus session bus for the portal ({exc})") from exc
        sender = self._connection.unique_name.lstrip(":").replace(".", "_")
        self._handle = body[0] if body else f"{self.path}/request/{sender}/{token}"

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        from jeepney import DBusAddress, new_method_call

        request = DBusAddress(handle, bus_name=self.service,
                              interface="org.freedesktop.portal.Request")
        try:
            self._call(new_method_call(request, "Close"))
        finally:
            self._close_connection()

    def _call(self, message: Any) -> tuple[Any, ...]:
        from jeepney import DBusErrorResponse
        from jeepney.wrappers import unwrap_msg

        try:
            reply = self._connection.send_and_get_reply(message, timeout=DBUS_TIMEOUT_MS / 1000)
            return tuple(unwrap_msg(reply))
        except DBusErrorResponse as exc:
            raise InhibitError(f"the inhibit portal refused: {exc.name}: {exc.data}") from exc
        except (OSError, TimeoutError) as exc:
            raise InhibitError(f"the inhibit portal did not answer ({exc})") from exc

    def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()


class FirstWorkingInhibitor:
    """Tries each inhibitor in turn and sticks with the first that works."""

    def __init__(self, *choices: Inhibitor) -> None:
        self._choices = list(choices)
        self._active: Inhibitor | None = None

    def inhibit(self, reason: str) -> None:
        errors = []
        for choice in self._choices:
            try:
                choice.inhibit(reason)
            except InhibitError as exc:
                errors.append(str(exc))
                continue
            self._active = choice
            self._choices = [choice]
            return
        raise InhibitError("; ".join(dict.fromkeys(errors)) or "no inhibitor to try")

    def release(self) -> None:
        active, self._active = self._active, None
        if active is not None:
            active.release()


class WindowsInhibitor:
    """SetThreadExecutionState: keep display and system awake (call from the GUI thread)."""

    ES_CONTINUOUS = 0x80000000
    ES_SYSTEM_REQUIRED = 0x00000001
    ES_DISPLAY_REQUIRED = 0x00000002

    def __init__(self) -> None:
        self._held = False

    def _set(self, flags: int) -> None:
        try:
            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
        except (AttributeError, OSError) as exc:  # not Windows
            raise InhibitError(f"SetThreadExecutionState not available: {exc}") from exc
        function = kernel32.SetThreadExecutionState
        function.argtypes, function.restype = [ctypes.c_uint32], ctypes.c_uint32
        if function(flags) == 0:
            raise InhibitError("SetThreadExecutionState failed")

    def inhibit(self, reason: str) -> None:
        if not self._held:
            self._set(self.ES_CONTINUOUS | self.ES_SYSTEM_REQUIRED | self.ES_DISPLAY_REQUIRED)
            self._held = True

    def release(self) -> None:
        if self._held:
            self._held = False
            self._set(self.ES_CONTINUOUS)


class MacInhibitor:
    """An IOPM assertion that keeps the display from idle sleep."""

    LEVEL_ON = 255
    UTF8 = 0x08000100

    def __init__(self) -> None:
        self._assertion: int | None = None

    def inhibit(self, reason: str) -> None:
        if self._assertion is not None:
            return
        frameworks = "/System/Library/Frameworks"
        try:
            iokit = ctypes.cdll.LoadLibrary(f"{frameworks}/IOKit.framework/IOKit")
            cf = ctypes.cdll.LoadLibrary(f"{frameworks}/CoreFoundation.framework/CoreFoundation")
        except OSError as exc:
            raise InhibitError(f"IOKit not available: {exc}") from exc
        cf.CFStringCreateWithCString.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_uint32]
        cf.CFStringCreateWithCString.restype = ctypes.c_void_p
        cf.CFRelease.argtypes = [ctypes.c_void_p]
        create = iokit.IOPMAssertionCreateWithName
        create.argtypes = [ctypes.c_void_p, ctypes.c_uint32, ctypes.c_void_p,
                           ctypes.POINTER(ctypes.c_uint32)]
        create.restype = ctypes.c_int
        kind = cf.CFStringCreateWithCString(None, b"PreventUserIdleDisplaySleep", self.UTF8)
        name = cf.CFStringCreateWithCString(None, reason.encode(), self.UTF8)
        assertion = ctypes.c_uint32(0)
        try:
            result = create(kind, self.LEVEL_ON, name, ctypes.byref(assertion))
        finally:
            cf.CFRelease(kind)
            cf.CFRelease(name)
        if result != 0:
            raise InhibitError(f"IOPMAssertionCreateWithName returned {result:#x}")
        self._iokit, self._assertion = iokit, assertion.value

    def release(self) -> None:
        assertion, self._assertion = self._assertion, None
        if assertion is not None:
            self._iokit.IOPMAssertionRelease.argtypes = [ctypes.c_uint32]
            self._iokit.IOPMAssertionRelease(assertion)


def default_inhibitor(platform: str | None = None,
                      flatpak_info: Path = FLATPAK_INFO) -> Inhibitor:
    """The inhibitor for this platform: portal in Flatpak, ScreenSaver then portal elsewhere."""
    platform = platform or sys.platform
    if platform == "win32":
        return WindowsInhibitor()
    if platform == "darwin":
        return MacInhibitor()
    if flatpak_info.exists():
        return PortalInhibitor()
    return FirstWorkingInhibitor(ScreenSaverInhibitor(), PortalInhibitor())
