"""Entry point of the PyInstaller bundle: the same as the `hipcoach` command."""

import sys

from hipcoach.cli import main

if __name__ == "__main__":
    sys.exit(main())
