"""Fixtures for the unit tests: a scripted HTTP server on loopback and a client on it."""

from tests.fixtures.scripted_server import client, other_server, server, sleeps  # noqa: F401
