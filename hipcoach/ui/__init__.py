"""Qt user interface: main window, settings dialog, widgets."""
