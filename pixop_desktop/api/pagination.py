"""Iterate every item of a paged list, in either of Pixop's two page styles.

- v1 (HAL): ``{page, pageSize, _links{next...}, _embedded{<key>: [...]}}``.
  We follow ``_links.next`` while it is on the server's origin; when the
  server gives no links at all we count pages ourselves. A page we have
  already seen (same URL, or only items already yielded) ends the walk, so a
  server whose ``next`` points back never makes us loop forever.
- current API: ``{pageNumber (from 0), totalPages, items[...]}``.

Both stop after ``MAX_PAGES`` pages whatever the server says.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Iterator, TypeVar

from pydantic import BaseModel

from . import urls
from .answers import parse
from .models import HalPage, Page

if TYPE_CHECKING:
    from .client import PixopClient

log = logging.getLogger("pixop_desktop.api")

M = TypeVar("M", bound=BaseModel)
MAX_PAGES = 10_000


def _id_of(item: dict) -> Any:
    return item.get("id") or item.get("videoId")


def _next_hal_request(client: PixopClient, page: HalPage, path: str, params: dict,
                      count: int, page_number: int) -> tuple[str, dict | None] | None:
    """Where the next page is, or None at the end."""
    links = page.links
    has_links = any(link is not None for link in (links.self_, links.next, links.last, links.first))
    if has_links:
        if links.next is None or not links.next.href:
            return None
        target = urls.resolve(client.server, links.next.href)
        if urls.same_origin(target, client.server):
            return str(target), None
        log.warning("Ignoring a next-page link to another host; counting pages instead")
    size = page.page_size or params.get("page-size")
    if count == 0 or (size and count < int(size)):
        return None
    current = page.page if page.page is not None else page_number
    return path, {**params, "page": current + 1}


def iter_hal(client: PixopClient, path: str, key: str, model: type[M], *,
             params: dict[str, Any] | None = None, page_size: int | None = None) -> Iterator[M]:
    """Every item of a v1 HAL list, page after page."""

    query: dict[str, Any] = {k: v for k, v in (params or {}).items() if v is not None}
    if page_size:
        query["page-size"] = page_size
    url, request_params = path, dict(query) or None
    seen_urls: set[str] = set()
    seen_ids: set[Any] = set()
    for page_number in range(MAX_PAGES):
        response = client.send_v1("GET", url, params=request_params)
        seen_urls.add(str(response.request.url))
        page = parse(response, HalPage)
        items = page.items(key)
        fresh = [item for item in items if _id_of(item) not in seen_ids or _id_of(item) is None]
        for item in fresh:
            seen_ids.add(_id_of(item))
            yield model.model_validate(item)
        if items and not fresh:
            log.warning("A page repeated items already seen; stopping the list there")
            return
        following = _next_hal_request(client, page, path, query, len(items), page_number)
        if following is None:
            return
        url, request_params = following
        if request_params is None and str(urls.resolve(client.server, url)) in seen_urls:
            log.warning("The next-page link points back to a page already read; stopping")
            return


def _page_base(asked: int, answered: int) -> int | None:
    """0 or 1: how the server counts pages, seen from its answer to the first request."""
    offset = answered - asked
    return offset if offset in (0, 1) else None


def iter_api_pages(client: PixopClient, path: str, model: type[M], *,
                   params: dict[str, Any] | None = None, page_size: int | None = None,
                   team_id: str | None = None) -> Iterator[M]:
    """Every item of a current-API paged list.

    Pages count from 0 by the docs, but a server counting from 1 answers ``pageNumber: 1`` to
    the first request; we then follow the server's own numbering to the end instead of
    stopping after one page.
    """

    query: dict[str, Any] = {k: v for k, v in (params or {}).items() if v is not None}
    if page_size:
        query["pageSize"] = page_size
    asked, base = 0, None
    seen: set[Any] = set()
    for _ in range(MAX_PAGES):
        response = client.send_api("GET", path, params={**query, "pageNumber": asked}, team_id=team_id)
        page = parse(response, Page[model])  # type: ignore[valid-type]
        fresh = [item for item in page.items if getattr(item, "id", None) is None or item.id not in seen]
        seen.update(getattr(item, "id", None) for item in fresh)
        yield from fresh
        if not page.items:
            return
        if page.items and not fresh:
            log.warning("Page %s of %s repeated items already seen; stopping the list there", asked, path)
            return
        current = page.page_number if page.page_number is not None else asked
        if base is None:
            base = _page_base(asked, current)
        if base is None or (asked != 0 and current != asked):
            log.warning("Asked %s for page %s, it answered page %s; stopping the list there",
                        path, asked, current)
            return
        if page.total_pages is None or current - base + 1 >= page.total_pages:
            return
        asked = current + 1
