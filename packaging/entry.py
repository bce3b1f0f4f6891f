"""The frozen app's entry point: the same ``pixop-desktop`` command line as the installed script."""

import multiprocessing
import sys

from pixop_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # harmless when unused; required on Windows if a pool is ever used
    sys.exit(main())
