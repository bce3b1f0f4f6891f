"""One module per ``pixop-desktop`` subcommand: ``HELP``, ``add_arguments(parser)``, ``run(args) -> int``.

Qt-free: the ``gui`` command imports ``pixop_desktop.ui`` only when it runs.
"""
