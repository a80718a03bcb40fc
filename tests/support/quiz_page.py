"""What the browser tests of a quiz page do again and again, written once.

Used by tests/browser/test_quiz_browser.py (the fixture quizzes), tests/browser/test_trade_quizzes_browser.py (a
generated trade quiz) and tests/browser/test_post_checker_browser.py (keyboard focus).
"""

from __future__ import annotations

import re

try:
    from playwright.sync_api import Page, expect
except ImportError:  # `-m "not browser"` runs without Playwright; the browser fixture says what is missing
    Page = expect = None

CHOICE = ".quiz-post__choice"


def posts_of(page: Page) -> list[tuple[str, str]]:
    """(post id, right answer) for each post of the page's first quiz, in the order shown."""
    return page.locator("section.quiz").first.locator(".quiz-post").evaluate_all(
        "items => items.map(item => [item.dataset.post, item.dataset.answer])")


def post(page: Page, post_id: str):
    return page.locator(f'section.quiz .quiz-post[data-post="{post_id}"]').first


def button(page: Page, post_id: str, answer: str):
    return post(page, post_id).locator(f'{CHOICE}[value="{answer}"]')


def ready(page: Page, quiz: str | None = None) -> None:
    """Waits until the script has enhanced the quiz (the one with id `quiz`, if given)."""
    section = page.locator(f'section.quiz[data-quiz="{quiz}"]' if quiz else "section.quiz").first
    expect(section).to_have_class(re.compile(r"\bquiz--ready\b"))


def no_errors(visit) -> None:
    assert visit.console_errors == [], "\n".join(visit.console_errors)
    assert visit.external_requests == [], visit.external_requests


def answer_without_javascript(page: Page, post_id: str, answer: str) -> None:
    """Ticks the post's radio button and opens "Show the answer": the verdict is `answer`."""
    item = post(page, post_id)
    radio = item.get_by_role("radio", name=answer.capitalize())
    radio.check()
    expect(radio).to_be_checked()
    explanation = item.locator(".quiz-post__explanation")
    expect(explanation).to_be_hidden()
    item.locator("summary", has_text="Show the answer").click()
    expect(explanation).to_be_visible()
    expect(explanation.locator(".quiz-post__verdict")).to_have_text(f"{answer.capitalize()}.")


def tab_to(page: Page, focused: str, want, limit: int = 300) -> dict:
    """Presses Tab until `want(found)`, where `found` is what the script `focused` returns
    about the focused element."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        found = page.evaluate(focused)
        if want(found):
            return found
    raise AssertionError("Tab never reached the element")


def settle(page: Page) -> None:
    """Wait for the feedback's fade-in and any transitions, so screenshots and colours are final."""
    page.evaluate("""() => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))""")


def drag_with_mouse(page: Page, source, target, steps: int = 12) -> None:
    """Press on the middle of `source`, move to the middle of `target` in `steps`, let go."""
    start, end = source.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(end["x"] + end["width"] / 2, end["y"] + end["height"] / 2, steps=steps)
    page.mouse.up()


# --- geometry: nothing covers a control, nothing looks like a button and does nothing ---------

# Every control on screen, with the points where a finger or a click would land on it (the middle
# and four corners of each of its boxes, 3 px in): each must hit the control or something in it.
# "On screen" is wholly inside the window and below the top band: the site's header, and the
# quiz's bar while it is stuck under the header (content scrolls under them as under any page
# header); the bar's own controls are checked below the header.
_COVERED = """() => {
  const name = el => el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className == 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
    (el.textContent ? ' "' + el.textContent.trim().slice(0, 40) + '"' : '') : 'nothing';
  const headerBottom = document.querySelector('.md-header')?.getBoundingClientRect().bottom || 0;
  let band = headerBottom;
  for (const bar of document.querySelectorAll('.quiz__bar')) {
    const box = bar.getBoundingClientRect();
    if (box.height && box.top <= headerBottom + 1 && box.bottom > headerBottom) band = Math.max(band, box.bottom);
  }
  const problems = [], checked = [];
  const controls = document.querySelectorAll(
    'main :is(button, a[href], summary, input, select, textarea, [tabindex]:not([tabindex="-1"]))');
  for (const control of controls) {
    const style = getComputedStyle(control);
    if (style.visibility == 'hidden' || !control.getClientRects().length) continue;
    const top = control.closest('.quiz__bar') ? headerBottom : band;
    const boxes = [...control.getClientRects()].filter(b => b.width > 6 && b.height > 6);
    if (!boxes.length || boxes.some(b => b.top < top - 0.5 || b.bottom > innerHeight + 0.5 || b.left < 0 ||
                                        b.right > innerWidth + 0.5)) continue;
    checked.push(name(control));
    for (const b of boxes) {
      for (const [x, y] of [[(b.left + b.right) / 2, (b.top + b.bottom) / 2], [b.left + 3, b.top + 3],
                            [b.right - 3, b.top + 3], [b.left + 3, b.bottom - 3], [b.right - 3, b.bottom - 3]]) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !(hit == control || control.contains(hit)))
          problems.push(`${name(control)} at (${Math.round(x)}, ${Math.round(y)}) is under ${name(hit)}`);
      }
    }
  }
  return {problems, checked};
}"""

# Things that look like something to press but are not a control: a pointer or grab cursor, or a
# bordered box of a button's size holding a short word or two (like the buckets the issue found
# on a phone), outside any control.
_INERT = """() => {
  const found = [];
  for (const el of document.querySelectorAll('main .md-content *')) {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (!box.width || !box.height || style.visibility == 'hidden') continue;
    if (el.closest('button, a[href], summary, label, input, select, textarea')) continue;
    const pointer = ['pointer', 'grab'].includes(style.cursor) && !el.closest('.quiz-post__card');
    const bordered = ['top', 'right', 'bottom', 'left'].every(side =>
      parseFloat(style[`border-${side}-width`]) >= 1 && style[`border-${side}-style`] != 'none');
    const text = el.textContent.trim();
    const buttonSized = bordered && box.height >= 30 && box.height <= 70 && text.length > 0 && text.length <= 30;
    if (pointer || buttonSized) found.push(el.className + ' "' + text.slice(0, 30) + '"');
  }
  return found;
}"""


def covered_controls(page: Page) -> list[str]:
    """Each control on screen that something else covers, where; asserts some were checked."""
    found = page.evaluate(_COVERED)
    assert found["checked"], "no control was on screen to check"
    return found["problems"]


def inert_lookalikes(page: Page) -> list[str]:
    """Elements that look like buttons and are not controls (see _INERT)."""
    return page.evaluate(_INERT)


def unobstructed(page: Page, where: str) -> None:
    """Asserts, by geometry, that no control on screen is covered and nothing that looks like a
    button does nothing."""
    assert covered_controls(page) == [], where
    assert inert_lookalikes(page) == [], where


# The focused element's ring: its colour against what is behind it (the ring is drawn outside
# the element, so the nearest ancestor with a background), as a WCAG contrast ratio.
_RING = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const rgba = text => {
    const canvas = document.createElement('canvas').getContext('2d');
    canvas.fillStyle = '#000'; canvas.fillStyle = text; // the browser parses any CSS colour
    const c = canvas.fillStyle;
    if (c.startsWith('#')) return [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16)).concat(1);
    return c.match(/[\\d.]+/g).map(Number);
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const layers = [];
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = rgba(getComputedStyle(node).backgroundColor);
    if (bg[3] > 0) layers.push(bg);
    if (bg[3] == 1) break;
  }
  const behind = layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
  const ring = over(rgba(style.outlineColor), behind);
  const lum = rgb => { const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
                       return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const [hi, lo] = [lum(ring), lum(behind)].sort((a, b) => b - a);
  return {element: el.className || el.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          contrast: (hi + 0.05) / (lo + 0.05)};
}"""


def focus_ring(page: Page) -> dict:
    """The focused element's outline: style, width (px) and contrast with what is behind it."""
    return page.evaluate(_RING)


def assert_focus_ring_visible(page: Page, where: str) -> None:
    ring = focus_ring(page)
    assert ring["style"] != "none" and ring["width"] >= 2 and ring["contrast"] >= 3, (where, ring)
