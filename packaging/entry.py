"""The frozen app's entry point: the same ``pixop-desktop`` command line as the installed script."""

import multiprocessing
import sys

from pixop_desktop.cli import main
from pixop_desktop.updates.start import apply_staged_update

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required on Windows if a pool is ever used
    apply_staged_update()  # a verified update downloaded earlier: put in place, then exec'd
    sys.exit(main())
