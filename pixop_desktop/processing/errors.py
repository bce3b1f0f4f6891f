"""Why a processing request was refused, in words a person can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a request.

    ``field`` is the dotted JSON path (``"resolution.width"``; ``""`` for the
    request as a whole); ``message`` is a plain sentence naming the field.
    """

    field: str
    message: str


class ProcessingRequestError(ValueError):
    """A processing request that Pixop would refuse; ``problems`` says why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(p.message for p in self.problems))

    def __reduce__(self):
        # Pickle with the problems, not the joined message (threads/processes hand errors on).
        return type(self), (self.problems,)

    def fields(self) -> list[str]:
        """The JSON paths of the fields at fault, in order, without repeats."""
        return list(dict.fromkeys(p.field for p in self.problems))
