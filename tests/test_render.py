import io
import re

from rich.console import Console

from briefcli import build_brief
from briefcli.render import print_rich, to_markdown, to_text

ESC = re.compile(r"\x1b\[")


def test_text_has_every_part(seed_text):
    brief = build_brief(seed_text)
    out = to_text(brief)
    assert "Summary" in out and "Key figures" in out and "US$20 billion" in out
    assert "Keywords:" in out and "min read" in out
    for s in brief.summary:
        assert s.text in out
    assert not ESC.search(out)


def test_markdown_table_and_headings(seed_text):
    out = to_markdown(build_brief(seed_text))
    assert out.startswith("## ")
    assert "| Figure | What | Value |" in out
    assert "### Summary" in out and not ESC.search(out)


def test_markdown_escapes_pipes_in_cells():
    out = to_markdown(build_brief("Shares rose 5% | said the desk. Shares rose again today."))
    for line in out.splitlines():
        if line.startswith("| 5%"):
            assert line.count(" | ") == 2


def test_rich_panel_has_title_and_table(seed_text):
    buf = io.StringIO()
    print_rich(build_brief(seed_text), Console(file=buf, width=100, color_system=None))
    out = buf.getvalue()
    assert "Key figures" in out and "US$20 billion" in out and "╭" in out
    assert not ESC.search(out)


def test_rich_escapes_markup_in_titles():
    buf = io.StringIO()
    print_rich(build_brief("Text [bold]x[/bold] here.", title="[red]T[/red]"),
               Console(file=buf, width=80, color_system=None))
    assert "[red]T[/red]" in buf.getvalue()


def test_explain_shows_scores(seed_text):
    out = to_text(build_brief(seed_text), explain=True)
    assert "[score " in out
