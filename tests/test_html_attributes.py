"""A saved web page holds its images inline as ``data:`` URIs: megabytes in one attribute, which
lxml's parser stops at. They are left out before the page is parsed, and the report after them
is read."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import opengovreport as ogr
from opengovreport import examples
from opengovreport.reading._attributes import without_large_attributes

SYNTHETIC = examples.load("synthetic-2021")
PAGE = SYNTHETIC.to_html(standalone=True)


def _image(size: int, quote: str = '"') -> str:
    q = quote
    return f"<p><img alt={q}seal{q} src={q}data:image/png;base64,{'A' * size}{q}></p>"


def test_a_page_with_an_inline_image_of_20_mb_reads_its_report() -> None:
    page = PAGE.replace("<body>", "<body>" + _image(20 * 2**20), 1)
    result = ogr.read(page.encode("utf-8"))
    assert result.status is ogr.ReadStatus.OK, result.reason
    assert result.report == SYNTHETIC
    assert ogr.parse(page).report == SYNTHETIC  # the same as text in memory


#: the places between a page's elements where a saved page may hold an image
_GAPS = [m.end() for m in re.finditer(r"</(?:p|h\d|td|tr|table|div)>", PAGE)]


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.sampled_from(_GAPS), min_size=1, max_size=4, unique=True),
    st.integers(0, 200_000),
    st.sampled_from(['"', "'"]),
)
def test_inline_images_anywhere_leave_the_report_and_its_text_as_they_were(
    gaps: list[int], size: int, quote: str
) -> None:
    page = PAGE
    for at in sorted(gaps, reverse=True):
        page = page[:at] + _image(size, quote) + page[at:]
    assert ogr.read(page.encode("utf-8")).report == SYNTHETIC
    stripped = without_large_attributes(page)
    # only attribute values go: the text between the tags is what it was
    assert re.sub(r"<[^>]*>", "", stripped) == re.sub(r"<[^>]*>", "", page)
    assert len(stripped) < len(PAGE) + 200 * len(gaps) or len(page) < 65536


def test_a_large_value_that_is_not_a_data_uri_goes_too_and_text_stays() -> None:
    style = '<p style="' + "color: red; " * 10_000 + '">一、总体情况</p>'
    page = PAGE.replace("<body>", "<body>" + style, 1)
    assert without_large_attributes(page).count('style=""') == 1
    assert "一、总体情况</p>" in without_large_attributes(page)
