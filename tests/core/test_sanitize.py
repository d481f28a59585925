"""The one HTML sanitizer keeps simple formatting and removes everything else."""

import pytest

from workshop_credit.core.sanitize import clean_html


def test_simple_formatting_survives():
    html = "<p>示范单位：<strong>老王米粉</strong></p><ul><li>一</li><li>二</li></ul>"
    assert clean_html(html) == html


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        '<a href="javascript:alert(1)">点我</a>',
        '<p style="position:fixed">遮挡</p>',
        '<iframe src="https://example.com"></iframe>',
        "<svg><script>alert(1)</script></svg>",
        '<p onclick="steal()">文字</p>',
    ],
)
def test_scripts_handlers_styles_and_frames_are_removed(evil):
    cleaned = clean_html(evil)
    for bad in ("<script", "onerror", "javascript:", "style=", "<iframe", "onclick", "<svg"):
        assert bad not in cleaned


def test_links_get_nofollow_noopener():
    cleaned = clean_html('<a href="https://jgs.gov.cn/x" target="_blank">公告</a>')
    assert 'rel="nofollow noopener"' in cleaned
    assert "target" not in cleaned


def test_empty_input_is_empty():
    assert clean_html(None) == ""
