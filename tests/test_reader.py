import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefcli.reader import InputError, article_from_record, decode_bytes, parse_text


def test_date_line_sets_date_and_leaves_body():
    art = parse_text("date 2024-01-19 Officials met on Friday.\n")
    assert art.date == "2024-01-19"
    assert art.text.startswith("Officials met")


def test_date_line_with_invalid_date_is_an_input_error():
    with pytest.raises(InputError, match="invalid date"):
        parse_text("date 2024-02-30 Text.")


def test_heading_lines_become_sections_and_first_is_title():
    raw = ("Storm hits coast\n\nThe storm arrived at night. It was strong.\n\n"
           "What comes next\n\nMore rain.")
    art = parse_text(raw)
    assert art.title == "Storm hits coast"
    assert art.headings == ["Storm hits coast", "What comes next"]
    assert [b.heading for b in art.blocks] == [True, False, True, False]


def test_punctuated_short_line_is_not_a_heading():
    art = parse_text("He said no.\n\nShe agreed.")
    assert art.headings == []


def test_long_unpunctuated_paragraph_is_not_a_heading():
    line = " ".join(["word"] * 40)
    assert parse_text(line).headings == []


def test_markdown_heading_inside_a_block():
    art = parse_text("# Title here\nFirst paragraph text.\n## Part two\nMore text.")
    assert art.title == "Title here"
    assert len(art.headings) == 2
    assert [art.text[b.start:b.end] for b in art.blocks if not b.heading] == [
        "First paragraph text.", "More text."]


def test_crlf_is_normalised():
    art = parse_text("A line.\r\n\r\nAnother line.\r\n")
    assert "\r" not in art.text
    assert len(art.blocks) == 2


def test_block_spans_point_into_text():
    raw = "date 2024-05-01\nHeadline here\n\nBody one. Body two.\n\n\n  Indented para.  "
    art = parse_text(raw)
    for b in art.blocks:
        piece = art.text[b.start:b.end]
        assert piece == piece.strip() and piece


@pytest.mark.parametrize("data,expected", [
    ("héllo".encode(), "héllo"),
    (b"\xef\xbb\xbfhello", "hello"),
    ("héllo".encode("utf-16"), "héllo"),
    ("café – ok".encode("cp1252"), "café – ok"),
])
def test_decode_bytes(data, expected):
    assert decode_bytes(data) == expected


def test_nul_bytes_are_binary():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"abc\x00def")


def test_record_needs_text():
    with pytest.raises(InputError, match="text"):
        article_from_record({"id": "x"}, default_id="d", source="s")
    art = article_from_record({"text": "Hi there.", "date": "2024-01-02T10:00:00"},
                              default_id="d", source="s")
    assert art.id == "d" and art.date == "2024-01-02"


@given(st.text(alphabet=st.sampled_from([*"ab .:#-", "\t", "\u00a0", "\u2019"]), max_size=40))
def test_a_one_line_paragraph_is_read_as_the_line_walk_reads_it(line: str) -> None:
    from briefcli.reader import _one_line_block, _walk_lines

    assert _one_line_block(line, 0, len(line)) == _walk_lines(line, 0, len(line))
