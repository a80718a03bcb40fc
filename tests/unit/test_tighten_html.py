"""Pages go out without the blank lines and indentation between tags (hooks/minify_hook.py), and
nothing a reader sees changes: whitespace inside <pre>, <textarea>, <script> and <style> is kept,
and a run between tags still leaves a line break, which shows as the space it showed before."""

from __future__ import annotations

from minify_hook import tighten


def test_blank_lines_and_indentation_between_tags_become_one_line_break() -> None:
    assert tighten("<div>\n\n    <p>a</p>\n   \n  <p>b</p>\n</div>") == "<div>\n<p>a</p>\n<p>b</p>\n</div>"


def test_a_space_between_inline_tags_on_one_line_is_left_alone() -> None:
    assert tighten("<p><a>one</a> <b>two</b></p>") == "<p><a>one</a> <b>two</b></p>"


def test_whitespace_inside_preformatted_text_scripts_and_styles_is_kept() -> None:
    kept = ("<pre>x\n\n  <b>y</b>\n</pre>", "<textarea>\n\n  a\n</textarea>", "<script>\n  var a;\n\n</script>",
            "<style>\n  p { }\n</style>")
    for element in kept:
        assert tighten(f"<div>\n\n  {element}\n\n  </div>") == f"<div>\n{element}\n</div>"


def test_text_with_words_is_never_touched() -> None:
    assert tighten("<p>\n  Hello,\n\n  world\n</p>") == "<p>\n  Hello,\n\n  world\n</p>"
