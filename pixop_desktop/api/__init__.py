"""The Pixop API client (httpx + pydantic). Start at ``PixopClient``."""

from .client import PixopClient
from .errors import PixopError

__all__ = ["PixopClient", "PixopError"]
