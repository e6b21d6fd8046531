"""Desktop integration: keep-awake, single instance, logging, icon and help actions.

Nothing here runs at import time; `install_desktop_integration` in
`hipcoach.desktop.integration` wires the pieces into a running window.
"""
