"""Current API appraisals: what a processing order would cost, and ordering it by accepting.

- ``POST /videos/{id}/processing/appraisals/create`` (the body and query of ``processing/start``)
  → ``{appraisalId, expiresAt, video{id, name, processingJobAppraisal{jobItems[], estimation
  {fileSize, storageCostUsd, downloadCostUsd, totalComputeTimeSeconds}, outputDurationMillis,
  cost{discountPercentage, totalProcessingCostUsd, totalProcessingDiscountUsd,
  totalNormalProcessingCostUsd}}}}`` (the SDK's VideoProcessingAppraisal);
- ``POST /videos/{id}/processing/appraisals/{appraisalId}/accept`` (query ``videoName``,
  ``videoDescription``) → the answer of ``processing/start``: the order is placed exactly as
  there (``routes_current.place_order``). Accepting again gives the same processed video,
  never a second order; an expired or unknown appraisal → 404.

The price is a stand-in (README): per output megapixel-second, by which filters are on.
Appraisals live in the source video's record (``appraisals``), so they survive a restart.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pixop_desktop.sandbox import auth
from pixop_desktop.sandbox.common import ctx_of, json_body
from pixop_desktop.sandbox.errors import ApiError
from pixop_desktop.sandbox.routes_current import api_team_video, checked_order, order_answer, place_order
from pixop_desktop.sandbox.store import new_id

APPRAISAL_TTL = timedelta(hours=1)
# USD per output megapixel-second: encoding always, plus each filter that is on.
ENCODE_RATE = 0.0004
FILTER_RATES = {"pabsr1": 0.0020, "dvres": 0.0016, "dvres2": 0.0020, "scale": 0.0002,
                "deint": 0.0006, "yadif": 0.0003, "bwdif": 0.0003, "weston3f": 0.0006,
                "denoise": 0.0008, "hqdn3d": 0.0004, "dejit": 0.0010}
OTHER_FILTER_RATE = 0.0005
MINIMUM_USD = 0.05
COMPUTE_SECONDS_PER_MP_S = 0.05  # plus as much again for each filter
BITS_PER_PIXEL = 0.1  # the file size when the request names no bitrate
STORAGE_USD_PER_GB, DOWNLOAD_USD_PER_GB = 0.023, 0.09


def _usd(value: float) -> float:
    return round(value + 1e-9, 2)


def appraise(plan) -> dict:
    """The stand-in ``processingJobAppraisal`` of an output plan."""
    seconds = max(((plan.end_ms or plan.source.duration_ms) - plan.start_ms) / 1000.0, 0.0)
    mp_seconds = plan.width * plan.height / 1e6 * seconds
    items = [("Encoding", ENCODE_RATE)] + [(name, FILTER_RATES.get(name, OTHER_FILTER_RATE))
                                           for name in plan.filters]
    job_items = [{"productName": name, "category": "PROCESSING", "amount": round(mp_seconds, 3),
                  "amountUnit": "MEGAPIXEL_SECONDS", "discountPercentage": 0, "unitPriceUsd": rate,
                  "costUsd": _usd(mp_seconds * rate), "discountUsd": 0,
                  "normalCostUsd": _usd(mp_seconds * rate)} for name, rate in items]
    total = max(_usd(sum(rate for _name, rate in items) * mp_seconds), MINIMUM_USD)
    bitrate = plan.bitrate_bps or plan.width * plan.height * (plan.fps or 25) * BITS_PER_PIXEL
    size = int(bitrate * seconds / 8)
    compute = math.ceil(mp_seconds * COMPUTE_SECONDS_PER_MP_S * (1 + len(plan.filters)))
    return {"jobItems": job_items, "outputDurationMillis": int(seconds * 1000),
            "estimation": {"fileSize": size, "storageCostUsd": _usd(size / 1e9 * STORAGE_USD_PER_GB),
                           "downloadCostUsd": _usd(size / 1e9 * DOWNLOAD_USD_PER_GB),
                           "totalComputeTimeSeconds": max(compute, 5)},
            "cost": {"discountPercentage": 0, "totalProcessingCostUsd": total,
                     "totalProcessingDiscountUsd": 0, "totalNormalProcessingCostUsd": total}}


async def create_appraisal(request: Request) -> JSONResponse:
    ctx = ctx_of(request)
    auth.api_key_identity(ctx, request)
    source = api_team_video(request)
    body = await json_body(request, lambda message: ApiError(400, message))
    _request_json, plan = await checked_order(request, source, body)
    if plan is None:
        raise ApiError(400, "This processing cannot be made from this video, so it has no price.")
    appraisal_id = new_id()
    expires = (datetime.now(timezone.utc) + APPRAISAL_TTL).isoformat().replace("+00:00", "Z")
    record = {"body": body, "query": dict(request.query_params), "expiresAt": expires, "acceptedVideoId": None}
    source = ctx.store.videos[source["id"]]
    ctx.store.update(source["id"], appraisals={**source.get("appraisals", {}), appraisal_id: record})
    return JSONResponse({"appraisalId": appraisal_id, "expiresAt": expires,
                         "video": {"id": source["id"], "name": source["name"],
                                   "processingJobAppraisal": appraise(plan)}})


def _appraisal(request: Request, source_id: str) -> dict:
    """The stored appraisal named in the path, or 404 (unknown, another video's, expired)."""
    found = (ctx_of(request).store.videos[source_id].get("appraisals") or {}).get(
        request.path_params["appraisal_id"])
    if found is None:
        raise ApiError(404, f"Appraisal {request.path_params['appraisal_id']} was not found.")
    return found


async def accept_appraisal(request: Request):
    ctx = ctx_of(request)
    user, _team = auth.api_key_identity(ctx, request)
    source = api_team_video(request)
    record = _appraisal(request, source["id"])
    if record["acceptedVideoId"]:  # accepted before: the same order, never a second one
        return order_answer(request, record["acceptedVideoId"])
    if datetime.fromisoformat(record["expiresAt"].replace("Z", "+00:00")) < datetime.now(timezone.utc):
        raise ApiError(404, "The appraisal has expired. Ask for a new one.")
    # The order is checked again as processing/start would (the source may have changed since).
    query = {**record["query"], **dict(request.query_params)}
    scoped = Request({**request.scope, "query_string": _query_string(query)}, request.receive)
    request_json, plan = await checked_order(scoped, source, record["body"])
    record = _appraisal(request, source["id"])  # read again: another accept may have ordered meanwhile
    if record["acceptedVideoId"]:
        return order_answer(request, record["acceptedVideoId"])
    processed_id = place_order(scoped, user, ctx.store.videos[source["id"]], request_json, plan)
    appraisals = dict(ctx.store.videos[source["id"]].get("appraisals") or {})
    appraisals[request.path_params["appraisal_id"]] = {**record, "acceptedVideoId": processed_id}
    ctx.store.update(source["id"], appraisals=appraisals)
    return order_answer(request, processed_id)


def _query_string(query: dict) -> bytes:
    from urllib.parse import urlencode

    return urlencode(query).encode("ascii")


ROUTES = [
    Route("/api/v1/videos/{id}/processing/appraisals/create", create_appraisal, methods=["POST"]),
    Route("/api/v1/videos/{id}/processing/appraisals/{appraisal_id}/accept", accept_appraisal,
          methods=["POST"]),
]
