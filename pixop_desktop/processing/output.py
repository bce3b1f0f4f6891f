"""``plan_output``: what a request makes from a source, after checking it can apply.

Its own module because the check reads the plan's sizes and rates: plan.py computes,
check.py judges, and this one composes them, so neither needs to import the other back.
"""

from __future__ import annotations

from .check import check_against_source
from .model import ProcessingRequest
from .plan import OutputPlan, build_plan
from .source import SourceInfo


def plan_output(request: ProcessingRequest, source: SourceInfo) -> OutputPlan:
    """The output this request makes from this source; raises ``ProcessingRequestError``
    when the request cannot apply to the source (see ``check_against_source``)."""
    check_against_source(request, source)
    return build_plan(request, source)
