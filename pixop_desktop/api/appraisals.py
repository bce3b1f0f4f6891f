"""``client.appraisals``: what processing would cost, before ordering it (current API, X-API-Key).

``create`` asks Pixop to price a processing order (the body and query of ``processing/start``)
and orders nothing; ``accept`` orders what an appraisal priced, and answers like
``processing/start`` (the new processed video's id). Shapes from the SDK
(``VideoProcessingAppraisal`` → ``video.processingJobAppraisal{cost, estimation}``); where the
price sits is read leniently (``docs/pixop-api-guesses.md``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import AliasChoices, Field, model_validator

from .answers import parse
from .models_api import ProcessingStatusApi
from .models_base import LenientDatetime, LenientFloat, LenientInt, PixopModel
from .urls import segment

if TYPE_CHECKING:
    from .client import PixopClient

# Where the priced job may sit in an appraisal: under ``video`` (the SDK), at the top, or under
# ``appraisal`` / ``processingJobAppraisal`` (guesses).
_JOB_KEYS = ("processingJobAppraisal", "jobAppraisal", "appraisal")


class AppraisalCost(PixopModel):
    total_processing_cost_usd: LenientFloat = Field(
        default=None, validation_alias=AliasChoices("totalProcessingCostUsd", "totalCostUsd", "costUsd"))
    """What the order would be charged, in US dollars, discount applied."""
    total_normal_processing_cost_usd: LenientFloat = None
    discount_percentage: LenientFloat = None


class ProcessingEstimation(PixopModel):
    file_size: LenientInt = None
    """Estimated size of the processed file, in bytes."""
    total_compute_time_seconds: LenientInt = None
    """Estimated processing time, in seconds."""
    storage_cost_usd: LenientFloat = None
    download_cost_usd: LenientFloat = None


class Appraisal(PixopModel):
    """A priced processing order, valid until ``expires_at``; ``accept`` orders it."""

    appraisal_id: str = Field(validation_alias=AliasChoices("appraisalId", "id"))
    expires_at: LenientDatetime = None
    cost: AppraisalCost | None = None
    estimation: ProcessingEstimation | None = None
    output_duration_millis: LenientInt = None

    @model_validator(mode="before")
    @classmethod
    def _lift_job(cls, data: Any) -> Any:
        """Bring ``cost``/``estimation`` up from wherever the answer nests the priced job."""
        if not isinstance(data, dict) or isinstance(data.get("cost"), dict):
            return data
        for holder in (data.get("video"), data):
            if not isinstance(holder, dict):
                continue
            for key in _JOB_KEYS:
                job = holder.get(key)
                if isinstance(job, dict):
                    return {**job, **{k: v for k, v in data.items() if k in ("appraisalId", "id", "expiresAt")}}
        if "totalProcessingCostUsd" in data:  # a flat answer: the cost at the top
            return {**data, "cost": {"totalProcessingCostUsd": data["totalProcessingCostUsd"]}}
        return data

    @property
    def cost_usd(self) -> float | None:
        return self.cost.total_processing_cost_usd if self.cost else None

    @property
    def seconds(self) -> int | None:
        return self.estimation.total_compute_time_seconds if self.estimation else None

    @property
    def output_bytes(self) -> int | None:
        return self.estimation.file_size if self.estimation else None


class Appraisals:
    def __init__(self, client: PixopClient) -> None:
        self._client = client

    def create(self, video_id: str, options: dict[str, Any], *, query: dict[str, Any] | None = None,
               team_id: str | None = None) -> Appraisal:
        """``POST /v1/videos/{id}/processing/appraisals/create``: a price; nothing is ordered,
        so it is retried like a read."""
        response = self._client.send_api(
            "POST", f"/api/v1/videos/{segment(video_id)}/processing/appraisals/create",
            params=dict(query or {}), json=options, team_id=team_id, idempotent=True,
            what=f"video {video_id}")
        return parse(response, Appraisal)

    def accept(self, video_id: str, appraisal_id: str, *, video_name: str | None = None,
               video_description: str | None = None, team_id: str | None = None) -> ProcessingStatusApi:
        """``POST .../appraisals/{appraisalId}/accept``: order what the appraisal priced; the
        answer's ``video_id`` is the new processed video. Never retried once sent: whether Pixop
        orders twice when an appraisal is accepted twice is not documented (the sandbox does not)."""
        params: dict[str, Any] = {}
        if video_name:
            params["videoName"] = video_name[:255]
        if video_description:
            params["videoDescription"] = video_description[:511]
        response = self._client.send_api(
            "POST", f"/api/v1/videos/{segment(video_id)}/processing/appraisals/{segment(appraisal_id)}/accept",
            params=params, team_id=team_id, idempotent=False, what=f"video {video_id}")
        return parse(response, ProcessingStatusApi)
