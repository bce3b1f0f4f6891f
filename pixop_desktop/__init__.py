"""Pixop Desktop: send videos to Pixop, choose how they are processed, get the results back."""

__version__ = "0.1.0"
