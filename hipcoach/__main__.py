"""`python -m hipcoach` runs the same entry point as the `hipcoach` command."""

import sys

from hipcoach.cli import main

sys.exit(main())
