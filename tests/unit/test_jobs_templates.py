"""Output file-name templates: every refusal, and safe rendering."""

from __future__ import annotations

import datetime as dt

import pytest

from pixop_desktop.jobs.templates import (
    DEFAULT_TEMPLATE, TemplateError, render, template_problem, template_values, validate_template,
)

VALUES = template_values("Interview 1.mov", preset="HD 1080p", width=1920, height=1080, ext="mp4",
                         today=dt.date(2024, 5, 31))


@pytest.mark.parametrize(("template", "words"), [
    ("", "is empty"),
    ("   ", "is empty"),
    ("{stem", "matching }"),
    ("stem}", "matching }"),
    ("{}", "{} is not a placeholder"),
    ("{title}", "{title} is not a placeholder. Use {stem}, {name}"),
    ("{stem:>10}", "without : or !"),
    ("{stem!r}", "without : or !"),
    ("out/{stem}", "not a folder"),
    ("..\\{stem}", "not a folder"),
    ("{stem}..{ext}", "'..'"),
    ("..", "'..'"),
    ("._", "empty file name"),
    ("{ext}", None),  # renders "mp4" from the sample: acceptable
])
def test_refusals(template, words):
    problem = template_problem(template)
    if words is None:
        assert problem is None
        return
    assert problem is not None and words in problem
    with pytest.raises(TemplateError, match="template|placeholder"):
        validate_template(template)


def test_valid_templates_are_returned_unchanged():
    for template in (DEFAULT_TEMPLATE, "{stem}_{width}x{height}", "{date} {preset} - {name}", "{stem}.{ext}"):
        assert validate_template(template) == template
        assert template_problem(template) is None


def test_render_fills_placeholders_and_appends_the_extension():
    assert render("{stem}_{width}x{height}", VALUES) == "Interview 1_1920x1080.mp4"
    assert render("{date} {preset}", VALUES) == "2024-05-31 HD 1080p.mp4"
    assert render("{name}", VALUES) == "Interview 1.mov.mp4"
    assert render("{stem}.{ext}", VALUES) == "Interview 1.mp4"  # {ext} given: not appended twice


def test_render_sanitises_values_from_outside():
    values = template_values("../../etc/passwd", preset="a/b:c", ext="mov")
    name = render("{stem} {preset}", values)
    assert "/" not in name and "\\" not in name and ":" not in name and name.endswith(".mov")
    assert render("{stem}", template_values("CON", ext="mp4")) != "CON.mp4"


def test_render_falls_back_to_the_stem_when_the_result_would_be_empty():
    values = template_values("clip.mov", preset=None, ext="mp4")
    assert render("{preset}", values) == "clip.mp4"


def test_render_refuses_an_invalid_template():
    with pytest.raises(TemplateError):
        render("{nope}", VALUES)


def test_template_values_keep_dotfiles_and_missing_dimensions():
    values = template_values(".hidden", ext=None)
    assert values["stem"] == ".hidden" and values["ext"] == ""
    assert render("{stem}_{width}", values) == "hidden_"  # no hidden result files
    assert render("{stem}-{width}x{height}", template_values("a.mov", ext="mp4")) == "a-x.mp4"
