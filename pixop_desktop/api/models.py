"""Pydantic models of every documented Pixop response (one import point).

v1 shapes live in ``models_base.py`` (shared types, accounts, projects) and ``models_video.py``, current-API shapes in ``models_api.py``;
see ``models_base`` for the forgiving parsing rules.
"""

from .models_api import *  # noqa: F401,F403
from .models_api import __all__ as _api_all
from .models_base import *  # noqa: F401,F403
from .models_base import __all__ as _base_all
from .models_video import *  # noqa: F401,F403
from .models_video import __all__ as _video_all

__all__ = [*_base_all, *_video_all, *_api_all]
