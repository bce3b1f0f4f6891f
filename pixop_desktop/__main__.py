"""``python -m pixop_desktop`` runs the command line (the GUI when no subcommand is given)."""

import sys

from pixop_desktop.cli import main

sys.exit(main())
