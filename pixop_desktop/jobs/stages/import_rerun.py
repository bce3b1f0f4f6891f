"""A re-run of the IMPORT stage: find the import an earlier run sent, never send a second one.

An import is a new video on Pixop (and maybe a bill). When the app dies between sending it
and recording the new id, the re-run looks for the video by the job's tag in its name: with
email and password through the v1 list of the project's videos, with an API key alone
through the current API's ``GET /v1/videos``. When Pixop cannot give that list, the job
stops and says so; a person who checked on Pixop and found nothing sends it with Retry.
"""

from __future__ import annotations

from pixop_desktop.api.clips import is_free_clip
from pixop_desktop.api.errors import AuthenticationError, PixopError
from pixop_desktop.api.retry import is_transient

from ..model import IMPORT_UNSURE, SEND_IMPORT_AGAIN, Job, JobError, State
from ..pipeline import Fail, StageContext, is_ours

_LIST_PAGE = 100  # the current API's largest page: fewest requests through a big library


def confirmed_by_retry(job: Job, ctx: StageContext) -> bool:
    """Retried after the job said it could not tell whether Pixop already has the import, and
    this is the first run since: the person's word counts once (a crash after it asks again)."""
    history = ctx.store.history(job.id)
    marks = [i for i, entry in enumerate(history) if entry.message == SEND_IMPORT_AGAIN]
    if not marks:
        return False
    runs = [e for e in history[marks[-1] + 1:] if e.to_state is State.RUNNING and e.from_state is not State.RUNNING]
    return len(runs) == 1


def _found_with_api_key(job: Job, ctx: StageContext) -> str | None:
    for video in ctx.client.imports.iter_videos(project_id=job.project_id, page_size=_LIST_PAGE):
        if is_ours(video.name, job) and not video.master_id and not is_free_clip(video):
            return video.id
    return None


def earlier_import(job: Job, ctx: StageContext, name: str) -> str | Fail | None:
    """The id of the import an earlier run of this job sent; None if there is none; a Fail
    when Pixop cannot say (then sending could make a second copy)."""
    if ctx.client.has_v1_credentials:
        for summary in ctx.client.videos.iter_videos(project_id=job.project_id):
            if is_ours(summary.name, job) and not summary.parent_id:
                return summary.id
        return None
    try:
        return _found_with_api_key(job, ctx)
    except PixopError as exc:
        if is_transient(exc) or isinstance(exc, AuthenticationError):
            raise  # asked again later / the key itself is the problem: its own words
        return Fail(JobError(
            "Pixop may already have this video",
            f"An earlier attempt may already have started this import, and Pixop could not list "
            f"its videos to check ({exc.title}). Look for “{name}” among your videos on the Pixop "
            f"website. If it is not there, choose Retry to send the import again.", IMPORT_UNSURE))
