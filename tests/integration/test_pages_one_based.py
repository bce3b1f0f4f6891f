"""v1 lists read to the end whether Pixop numbers its HAL pages from 0 or from 1."""

from __future__ import annotations

import httpx
import pytest

from pixop_desktop.api.client import PixopClient
from pixop_desktop.sandbox import Sandbox
from tests.fixtures.sandbox import client_kwargs, v1_headers


@pytest.mark.parametrize("variants", [[], ["one-based-pages"]], ids=["zero-based", "one-based"])
def test_every_project_and_video_is_listed_over_small_pages(tmp_path, variants):
    with Sandbox(data_dir=tmp_path / "sandbox", variants=variants) as sandbox, \
            PixopClient(**client_kwargs(sandbox)) as client:
        before = {p.id for p in client.videos.iter_projects()}
        made = {client.videos.create_project(f"Project {i}").id for i in range(7)}
        project = sorted(made)[0]
        videos = {client.videos.create(name=f"v{i}", project_id=project).video_id for i in range(5)}

        assert {p.id for p in client.videos.iter_projects(page_size=3)} == before | made
        listed = [v.id for v in client.videos.iter_videos(project_id=project, page_size=2)]
        assert sorted(listed) == sorted(videos)  # all of them, none twice

        first = httpx.get(f"{sandbox.url}/videos/v1/projects", params={"page-size": 3},
                          headers=v1_headers(sandbox)).json()
        assert first["page"] == (1 if variants else 0)


def test_one_based_server_refuses_page_zero(tmp_path):
    with Sandbox(data_dir=tmp_path / "sandbox", variants=["one-based-pages"]) as sandbox:
        answer = httpx.get(f"{sandbox.url}/videos/v1/projects", params={"page": 0},
                           headers=v1_headers(sandbox))
    assert answer.status_code == 400
