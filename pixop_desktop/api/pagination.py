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
    from .client import parse  # late: client imports the resource groups

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


def iter_api_pages(client: PixopClient, path: str, model: type[M], *,
                   params: dict[str, Any] | None = None, page_size: int | None = None,
                   team_id: str | None = None) -> Iterator[M]:
    """Every item of a current-API paged list."""
    from .client import parse

    query: dict[str, Any] = {k: v for k, v in (params or {}).items() if v is not None}
    if page_size:
        query["pageSize"] = page_size
    for number in range(MAX_PAGES):
        response = client.send_api("GET", path, params={**query, "pageNumber": number}, team_id=team_id)
        page = parse(response, Page[model])  # type: ignore[valid-type]
        yield from page.items
        if not page.items:
            return
        total = page.total_pages
        current = page.page_number if page.page_number is not None else number
        if total is None or current + 1 >= total or current != number:
            return
