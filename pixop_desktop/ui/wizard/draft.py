"""The wizard's working copy of a request: JSON that may still be wrong while people edit it.

Plain Python (no Qt): the pages write values by JSON path; the draft answers
with the model's own verdict — the problems of each field, the request it
makes when valid, and a *lenient* request (the draft minus the fields at
fault) that ``inapplicable_reason``/``choice_reason`` can reason about while
something is still wrong.
"""

from __future__ import annotations

import copy
from enum import Enum
from typing import Any

from pixop_desktop.processing import (
    Problem,
    ProcessingRequest,
    ProcessingRequestError,
    SourceInfo,
    check_against_source,
)

_MAX_PASSES = 8  # each pass drops at least one field; a request has far fewer layers of rules


class Draft:
    def __init__(self, body: dict[str, Any] | None = None, source: SourceInfo | None = None) -> None:
        self.source = source
        self.body: dict[str, Any] = copy.deepcopy(body or {})

    def load(self, body: dict[str, Any]) -> None:
        self.body = copy.deepcopy(body)

    def get(self, path: str) -> Any:
        node: Any = self.body
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return None
            node = node[part]
        return node

    def set(self, path: str, value: Any) -> None:
        """Set one field (``None`` removes it, and a group left empty goes with it)."""
        if isinstance(value, Enum):
            value = value.value
        *parents, leaf = path.split(".")
        if value is None:
            self._remove(parents, leaf)
            return
        node = self.body
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value

    def _remove(self, parents: list[str], leaf: str) -> None:
        chain = [self.body]
        for part in parents:
            child = chain[-1].get(part)
            if not isinstance(child, dict):
                return
            chain.append(child)
        chain[-1].pop(leaf, None)
        for depth in range(len(parents), 0, -1):  # drop groups left empty
            if not chain[depth]:
                chain[depth - 1].pop(parents[depth - 1], None)

    def problems(self) -> list[Problem]:
        """Everything wrong: the request's rules, then (when those pass) the source's."""
        try:
            request = ProcessingRequest.from_json(self.body)
        except ProcessingRequestError as exc:
            return exc.problems
        if self.source is None:
            return []
        try:
            check_against_source(request, self.source)
        except ProcessingRequestError as exc:
            return exc.problems
        return []

    def request(self) -> ProcessingRequest:
        """The valid request; raises ``ProcessingRequestError`` while something is wrong."""
        request = ProcessingRequest.from_json(self.body)
        if self.source is not None:
            check_against_source(request, self.source)
        return request

    def lenient_request(self) -> ProcessingRequest:
        """The draft without the fields at fault: what the rules can reason about meanwhile."""
        body = copy.deepcopy(self.body)
        for _ in range(_MAX_PASSES):
            try:
                return ProcessingRequest.from_json(body)
            except ProcessingRequestError as exc:
                trimmed = Draft(body)
                for field in exc.fields():
                    if not field:
                        return ProcessingRequest()
                    trimmed.set(field, None)
                if trimmed.body == body:
                    return ProcessingRequest()
                body = trimmed.body
        return ProcessingRequest()
