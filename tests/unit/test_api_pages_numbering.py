"""Current-API pages from a server that counts pages from 1, or answers another page than asked."""

from __future__ import annotations

import logging


PAGES = [[{"id": "l1"}, {"id": "l2"}], [{"id": "l3"}, {"id": "l4"}], [{"id": "l5"}]]


def _asked(handler) -> int:
    return int(handler.path.split("pageNumber=")[1].split("&")[0])


def test_a_server_counting_pages_from_one_is_read_to_the_end(server, client):  # noqa: F811
    def one_based(handler):
        number = max(_asked(handler), 1)  # like Spring with one-indexed pages: 0 means the first page
        return 200, {}, {"pageNumber": number, "pageSize": 2, "totalPages": 3, "totalElements": 5,
                         "items": PAGES[number - 1] if number <= 3 else []}

    server.on("GET", "/api/v1/input-locations/s3", one_based)
    assert [loc.id for loc in client.imports.iter_input_locations(page_size=2)] == ["l1", "l2", "l3", "l4", "l5"]
    asked = [r.path.split("pageNumber=")[1].split("&")[0] for r in server.requests if "pageNumber" in r.path]
    assert asked == ["0", "2", "3"]


def test_a_server_answering_another_page_stops_the_list_with_a_warning(server, client, caplog):  # noqa: F811
    def stuck(handler):
        number = 0 if _asked(handler) == 0 else 5
        return 200, {}, {"pageNumber": number, "totalPages": 9, "items": [{"id": f"x{_asked(handler)}"}]}

    server.on("GET", "/api/v1/input-locations/s3", stuck)
    with caplog.at_level(logging.WARNING, logger="pixop_desktop.api"):
        assert [loc.id for loc in client.imports.iter_input_locations()] == ["x0", "x1"]
    assert "it answered page 5" in caplog.text


def test_a_server_repeating_the_first_page_stops_without_duplicates(server, client, caplog):  # noqa: F811
    server.on("GET", "/api/v1/input-locations/s3",
              (200, {}, {"pageNumber": 0, "totalPages": 4, "items": [{"id": "same"}]}))
    with caplog.at_level(logging.WARNING, logger="pixop_desktop.api"):
        assert [loc.id for loc in client.imports.iter_input_locations()] == ["same"]
    assert "repeated items" in caplog.text
