"""The Content-Security-Policy (hooks/csp_hook.py, hooks/content_security_policy.py).

Without a browser: every built page has the policy's meta tag before any script, allowing
exactly the hashes of the inline scripts the page has (worked out here with lxml, not with the
hook's own parser); site/_headers gives every page the same policy plus frame-ancestors, and
the email snippet previews a policy of their own; `mkdocs serve` adds no policy, so its live
reload script runs.

In Chromium, with the policy sent as a real HTTP header from site/_headers (and the meta tag in
the page): every page loads with no violation, search finds pages, the palette toggle changes
the scheme, instant navigation works, a quiz marks an answer, and the staff page's email
previews stay readable in light and dark mode.
In Chromium, with the policy sent as a header: tests/browser/test_csp_browser.py.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import lxml.html
import pytest

import content_security_policy as csp  # hooks/ is on the path (pytest.ini)
from support.site_pages import PAGES, STAFF_PAGES
from support.site_server import HeaderRules

ROOT = Path(__file__).resolve().parents[2]
PAGE_FILES = [page.html for page in PAGES] + ["404.html"]
# The staff site (mkdocs-staff.yml): its own pages, and the home page with its banner.
BUILD_FIXTURES = {"public": "built_site", "staff": "built_staff_site"}
CHECKED_FILES = [("public", file) for file in PAGE_FILES] + \
    [("staff", file) for file in [page.html for page in STAFF_PAGES] + ["index.html"]]

JAVASCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
COPIES_EMAIL_HTML = "staff/sales-emails/index.html"  # the one page whose styles may be inline
EXPECTED_DIRECTIVES = {
    "default-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "worker-src": ["'self'"],
}


def parse_policy(policy: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *values = directive.split()
        assert name not in directives, f"{name} appears twice in {policy!r}"
        directives[name] = values
    return directives


def browser_hash(text: str) -> str:
    """What Chromium computes for an inline script (written out here, independent of the hook)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(document: str) -> list[str]:
    """The text of each inline script that runs (not data blocks such as type=application/json)."""
    tree = lxml.html.document_fromstring(document)
    return [script.text or "" for script in tree.iter("script")
            if script.get("src") is None and (script.get("type") or "").strip().lower() in JAVASCRIPT_TYPES]


def meta_policies(document: str) -> list[str]:
    tree = lxml.html.document_fromstring(document)
    return [meta.get("content") for meta in tree.iter("meta")
            if (meta.get("http-equiv") or "").lower() == "content-security-policy"]


# --- without a browser -----------------------------------------------------------------------


def test_the_hash_is_the_one_browsers_compute() -> None:
    # Chromium's own example: "Refused to execute inline script ... 'sha256-...'" for alert(1)
    assert csp.sha256_source("alert(1)") == "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    # The HTML parser turns CR LF into LF before the script is hashed.
    assert csp.sha256_source("a();\r\nb();\r") == browser_hash("a();\nb();\n")
    assert csp.sha256_source("é") == browser_hash("é")


def test_only_scripts_that_run_are_hashed() -> None:
    found = csp.read_inline_code(
        '<script>a()</script><script type="module">b()</script><script type="application/json">{}</script>'
        '<script type="text/javascript">c()</script><script src="x.js"></script><script language="javascript">d()'
        '</script><script type="text/javascript; charset=utf-8">e()</script>')
    assert found.scripts == ["a()", "b()", "c()", "d()"]
    assert found.external_scripts == 1


def test_inline_code_no_hash_can_allow_is_reported() -> None:
    found = csp.read_inline_code('<img src="x.png" onerror="alert(1)"><a href=" JavaScript:alert(1)">x</a>'
                                 '<p style="color:red">x</p><p style="">y</p>')
    problems = csp.page_problems(found)
    assert len(problems) == 3, problems
    assert problems[0].startswith("<img onerror>: inline event handler")
    assert problems[1].startswith('<a href=" JavaScript:alert(1)">: javascript: URLs')
    assert problems[2].startswith("<p style>: style attributes")


def test_the_meta_tag_goes_before_any_script() -> None:
    policy = csp.PagePolicy(("'sha256-x'",))
    with_charset = csp.add_meta('<html><head><meta charset="utf-8"><script>a()</script></head></html>', policy)
    assert re.match(r'<html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" '
                    r"content=\"default-src 'self'; script-src 'self' 'sha256-x'; ", with_charset)
    # A charset that comes after a script would leave the script unprotected: right after <head>.
    late = csp.add_meta('<html><head><script>a()</script><meta charset="utf-8"></head></html>', policy)
    assert late.index("Content-Security-Policy") < late.index("<script>")
    # A page processed twice keeps one tag.
    assert csp.add_meta(with_charset, policy).count("Content-Security-Policy") == 1


@pytest.mark.parametrize(("build", "file"), CHECKED_FILES)
def test_page_has_the_policy_first_with_exactly_its_scripts_hashes(request: pytest.FixtureRequest, build: str,
                                                                   file: str) -> None:
    document = (request.getfixturevalue(BUILD_FIXTURES[build]) / file).read_text(encoding="utf-8")
    policies = meta_policies(document)
    assert len(policies) == 1, f"/{file}: {len(policies)} Content-Security-Policy meta tags, expected one"
    directives = parse_policy(policies[0])

    head = document[: document.index("</head>")]
    meta_at = head.index('http-equiv="Content-Security-Policy"')
    assert meta_at < head.index("<script"), f"/{file}: the policy comes after a script, which it cannot cover"
    assert meta_at < head.index("<link"), f"/{file}: the policy comes after a style sheet or other link"

    scripts = inline_scripts(document)
    assert scripts, f"/{file}: no inline scripts found: has Material's template changed?"
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert sorted(script_src[1:]) == sorted({browser_hash(script) for script in scripts}), (
        f"/{file}: script-src must list exactly the hashes of the page's {len(scripts)} inline scripts")
    expected = dict(EXPECTED_DIRECTIVES)
    allowed_unsafe = set()
    if file == COPIES_EMAIL_HTML:  # copying a snippet as rich HTML parses its inline styles in the page
        expected["style-src"] = ["'self'", "'unsafe-inline'"]
        allowed_unsafe = {("style-src", "'unsafe-inline'")}
    for name, values in expected.items():
        assert directives.get(name) == values, f"/{file}: {name} is {directives.get(name)}, expected {values}"
    unexpected = set(directives) - set(EXPECTED_DIRECTIVES) - {"script-src"}
    assert not unexpected, f"/{file}: unexpected directives {unexpected} (frame-ancestors is ignored in a meta tag)"
    unsafe = {(name, value) for name, values in directives.items() for value in values
              if value in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'")} - allowed_unsafe
    assert not unsafe, f"/{file}: {unsafe}"


@pytest.mark.parametrize("build", BUILD_FIXTURES)
def test_every_material_page_in_the_build_has_the_policy(request: pytest.FixtureRequest, build: str) -> None:
    """A page the build writes that PAGE_FILES does not know about is still covered."""
    built_site = request.getfixturevalue(BUILD_FIXTURES[build])
    missing = [path.relative_to(built_site).as_posix() for path in sorted(built_site.rglob("*.html"))
               if b"data-md-component=" in path.read_bytes() and not meta_policies(path.read_text("utf-8"))]
    assert not missing, f"Material pages with no Content-Security-Policy meta tag: {missing}"


@pytest.fixture(scope="module")
def header_rules(built_site: Path) -> HeaderRules:
    return _header_rules(built_site)


@pytest.fixture(scope="module")
def staff_header_rules(built_staff_site: Path) -> HeaderRules:
    return _header_rules(built_staff_site)


def _header_rules(site: Path) -> HeaderRules:
    headers_file = site / "_headers"
    assert headers_file.is_file(), f"the build wrote no {site.name}/_headers"
    return HeaderRules.parse(headers_file.read_text(encoding="utf-8"))


def csp_headers(rules: HeaderRules, path: str) -> list[str]:
    return [value for name, value in rules.headers_for(path) if name.lower() == "content-security-policy"]


@pytest.mark.parametrize("file", PAGE_FILES)
def test_headers_file_gives_the_page_its_policy_and_frame_ancestors(
        built_site: Path, header_rules: HeaderRules, file: str) -> None:
    meta = meta_policies((built_site / file).read_text(encoding="utf-8"))[0]
    addresses = [f"/{file}"] + ([f"/{file.removesuffix('index.html')}"] if file.endswith("index.html") else [])
    for address in addresses:
        headers = dict((name.lower(), value) for name, value in header_rules.headers_for(address))
        policies = csp_headers(header_rules, address)
        assert len(policies) == 1, f"{address}: {len(policies)} Content-Security-Policy headers, expected one"
        assert parse_policy(policies[0]) == {**parse_policy(meta), "frame-ancestors": ["'none'"]}, address
        assert headers.get("x-content-type-options") == "nosniff", address
        assert headers.get("referrer-policy") == "strict-origin-when-cross-origin", address


def test_no_two_policies_ever_meet_on_one_path(built_site: Path, header_rules: HeaderRules) -> None:
    """Hosts merge overlapping rules differently, so no file may match two rules with a policy."""
    paths = [f"/{path.relative_to(built_site).as_posix()}" for path in built_site.rglob("*") if path.is_file()]
    paths += ["/", "/no-such-page/"]
    doubled = {path: csp_headers(header_rules, path) for path in paths if len(csp_headers(header_rules, path)) > 1}
    assert not doubled, f"paths with more than one Content-Security-Policy: {sorted(doubled)}"


def test_email_previews_get_inline_styles_no_script_and_framing_by_this_site_only(
        built_staff_site: Path, staff_header_rules: HeaderRules) -> None:
    built_site, header_rules = built_staff_site, staff_header_rules  # the snippets are in the staff site only
    previews = sorted(path for path in (built_site / "email-snippets").rglob("*.html"))
    assert previews, "no email snippet previews in the build"
    for preview in previews:
        address = f"/{preview.relative_to(built_site).as_posix()}"
        policies = csp_headers(header_rules, address)
        assert len(policies) == 1, f"{address}: {policies}"
        directives = parse_policy(policies[0])
        assert directives["default-src"] == ["'none'"], address
        assert "script-src" not in directives, f"{address}: the previews have no script, and need none"
        assert directives["style-src"] == ["'unsafe-inline'"], f"{address}: email HTML is styled inline"
        assert directives["frame-ancestors"] == ["'self'"], f"{address}: the staff page frames it"
        assert not meta_policies(preview.read_text(encoding="utf-8")), f"{address}: the previews are left as written"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_adds_no_policy_so_live_reload_runs(tmp_path: Path) -> None:
    """`mkdocs serve` injects an inline live reload script after the hooks run: no policy then."""
    port = _free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"), text=True)
    try:
        deadline, page = time.monotonic() + 90, ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        assert page, f"mkdocs serve did not answer:\n{log.read_text()[-3000:]}"
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "livereload" in page, "the served page has no live reload script: did MkDocs change how it injects it?"
    assert not meta_policies(page), "a policy while serving blocks MkDocs' inline live reload script"


# --- in the browser, with the policy sent as a header -------------------------------------------


def test_the_server_sends_the_policy_as_a_header(built_staff_site: Path, site_url_with_headers: str,
                                                 staff_site_url_with_headers: str) -> None:
    """So the browser tests below really run under the header, not just the meta tag."""
    preview = next((built_staff_site / "email-snippets").rglob("*.html")).relative_to(built_staff_site).as_posix()
    for base, path, wanted in ((site_url_with_headers, "", "frame-ancestors 'none'"),
                               (site_url_with_headers, "quizzes/basics/", "frame-ancestors 'none'"),
                               (staff_site_url_with_headers, "staff/sales-emails/", "frame-ancestors 'none'"),
                               (staff_site_url_with_headers, preview, "frame-ancestors 'self'")):
        with urllib.request.urlopen(base + path, timeout=10) as response:
            assert wanted in (response.headers.get("Content-Security-Policy") or ""), path
            assert response.headers.get("X-Content-Type-Options") == "nosniff", path
