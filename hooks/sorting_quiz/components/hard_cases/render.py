"""The rulings' hard cases as a table (the `/// hard-cases` block); hard-cases.css beside it."""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ... import facts
from ...elements import _markdown, literal, text_element
from ...facts import answer_label, case_anchor
from ...model import HardCase


def render_hard_cases(parent: etree.Element, cases: list[HardCase], *, examples: bool = True) -> etree.Element:
    """The rulings' hard cases as a table: the case, the ruling, and (unless compact) an example
    post with its answer and the reason. On a phone each case becomes a card (hard-cases.css)."""
    holder = etree.SubElement(parent, "div", {"class": facts.HARD_CASES_CLASS})
    table = etree.SubElement(holder, "table", {"class": "hard-cases__table"})
    columns = ["The case", "The ruling"] + (["An example", "Why"] if examples else [])
    head = etree.SubElement(etree.SubElement(table, "thead"), "tr")
    for column in columns:
        text_element(head, "th", column, scope="col")
    body = etree.SubElement(table, "tbody")
    for case in cases:
        row = etree.SubElement(body, "tr", {"id": case_anchor(case.id)})
        text_element(row, "th", literal(case.case), scope="row")
        ruling = text_element(row, "td", None, data_label=columns[1])
        if case.close_call:
            text_element(ruling, "strong", "A close call.", class_="hard-cases__close").tail = " " + _markdown(case.ruling)
        else:
            ruling.text = _markdown(case.ruling)
        if not examples:
            continue
        example = text_element(row, "td", None, data_label=columns[2])
        text_element(example, "span", literal(case.example_text), class_="hard-cases__example").tail = " "
        text_element(example, "strong", f"{answer_label(case.example_answer)}.")
        why = text_element(row, "td", _markdown(case.why), data_label=columns[3])
        if case.older_reading:
            older = text_element(why, "span", None, class_="hard-cases__older")
            text_element(older, "em", "The older reading:").tail = " " + _markdown(case.older_reading)
    return holder
