"""A stand-in screen-saver and portal service for keep-awake tests (run as a process).

    python fake_inhibit_service.py BUS_ADDRESS LOG_FILE [screensaver] [portal] [hung]

Owns org.freedesktop.ScreenSaver and/or org.freedesktop.portal.Desktop on the
given bus and answers like the real services: introspection, ScreenSaver
Inhibit (a uint32 cookie from 41 up) and UnInhibit, portal Inhibit (the Request
handle built from the caller's name and its `handle_token`) and Request.Close.
Each call is appended to LOG_FILE as one JSON line *before* the reply goes out,
so a caller's blocking call returning means its line is there. With `hung` it
owns the names but never answers anything, like a frozen desktop. Written with
jeepney, which decodes and encodes every D-Bus type exactly.
"""

from __future__ import annotations

import json
import sys

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection

SCREENSAVER = "org.freedesktop.ScreenSaver"
PORTAL = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
INTROSPECTION = {
    SCREENSAVER: """<node><interface name="org.freedesktop.ScreenSaver">
 <method name="Inhibit"><arg name="application_name" type="s" direction="in"/>
  <arg name="reason_for_inhibit" type="s" direction="in"/><arg name="cookie" type="u" direction="out"/></method>
 <method name="UnInhibit"><arg name="cookie" type="u" direction="in"/></method>
</interface></node>""",
    PORTAL: """<node><interface name="org.freedesktop.portal.Inhibit">
 <method name="Inhibit"><arg name="window" type="s" direction="in"/><arg name="flags" type="u" direction="in"/>
  <arg name="options" type="a{sv}" direction="in"/><arg name="handle" type="o" direction="out"/></method>
 <property name="version" type="u" access="read"/>
</interface></node>""",
}


def plain(value: object) -> object:
    """JSON-able form: variants ("s", x) inside a{sv} maps become just x."""
    if isinstance(value, dict):
        return {key: item[1] for key, item in value.items()}
    return value


def serve(address: str, log_file: str, names: list[str], hung: bool) -> None:
    connection = open_dbus_connection(bus=address)
    for name in names:
        connection.send_and_get_reply(message_bus.RequestName(name))
    print("ready", flush=True)
    cookie = 40
    while True:
        message = connection.receive()
        if hung or message.header.message_type != MessageType.method_call:
            continue
        fields = message.header.fields
        path, member = fields[HeaderFields.path], fields[HeaderFields.member]
        interface = fields.get(HeaderFields.interface, "")
        owner = SCREENSAVER if "ScreenSaver" in path else PORTAL
        if member == "Introspect":
            connection.send(new_method_return(message, "s", (INTROSPECTION[owner],)))
            continue
        sender = fields[HeaderFields.sender]
        record = {"path": path, "interface": interface, "member": member, "sender": sender,
                  "signature": fields.get(HeaderFields.signature, ""),
                  "args": [plain(arg) for arg in message.body]}
        with open(log_file, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        if (interface, member) == (SCREENSAVER, "Inhibit"):
            cookie += 1
            reply = new_method_return(message, "u", (cookie,))
        elif (interface, member) == ("org.freedesktop.portal.Inhibit", "Inhibit"):
            token = record["args"][2]["handle_token"]
            handle = f"{PORTAL_PATH}/request/{sender.lstrip(':').replace('.', '_')}/{token}"
            reply = new_method_return(message, "o", (handle,))
        elif member in ("UnInhibit", "Close"):
            reply = new_method_return(message)
        else:
            reply = new_error(message, "org.freedesktop.DBus.Error.UnknownMethod")
        connection.send(reply)


def main() -> int:
    address, log_file, *wanted = sys.argv[1:]
    names = [{"screensaver": SCREENSAVER, "portal": PORTAL}[w] for w in wanted if w != "hung"]
    serve(address, log_file, names, hung="hung" in wanted)
    return 0


if __name__ == "__main__":
    sys.exit(main())
