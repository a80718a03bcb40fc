"""Serves a built site on 127.0.0.1 for the browser tests, from a background thread.

With `headers_file=True` it also sends the headers that the site's `_headers` file gives each
path, the way Netlify and Cloudflare Pages do (see HeaderRules).
"""

from __future__ import annotations

import functools
import http.server
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from support.site_pages import configured_site_url


REPORT_PATH = "/__csp-report"


@dataclass
class HeaderRules:
    """A `_headers` file (Netlify / Cloudflare Pages format).

    A line that starts with "/" is a path pattern (`*` matches anything, `:name` one segment);
    the indented "Name: value" lines under it are its headers; "#" starts a comment. A path gets
    the headers of every rule that matches it, as Cloudflare Pages does: when two rules give the
    same header, both values are sent (for Content-Security-Policy that means both policies are
    enforced), so the test sees the strictest outcome any host could produce.
    """

    rules: list[tuple[str, re.Pattern[str], list[tuple[str, str]]]] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> HeaderRules:
        result = cls()
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line[0].isspace():
                result.rules.append((line.strip(), cls._pattern(line.strip()), []))
            elif ":" in line and result.rules:
                name, value = line.split(":", 1)
                result.rules[-1][2].append((name.strip(), value.strip()))
            else:
                raise ValueError(f"_headers line {number}: not a path, a header or a comment: {line!r}")
        return result

    @staticmethod
    def _pattern(path: str) -> re.Pattern[str]:
        parts = re.split(r"(\*|:[A-Za-z_]\w*)", path)
        regex = "".join(".*" if part == "*" else "[^/]+" if part.startswith(":") else re.escape(part)
                        for part in parts if part)
        return re.compile(f"^{regex}$")

    def matching(self, path: str) -> list[tuple[str, list[tuple[str, str]]]]:
        """(rule path, headers) of every rule that matches the URL path `path`."""
        return [(rule, headers) for rule, pattern, headers in self.rules if pattern.match(path)]

    def headers_for(self, path: str) -> list[tuple[str, str]]:
        return [header for _, headers in self.matching(path) for header in headers]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly, with sitemap.xml rewritten for the address it is served at.

    Material's instant navigation only takes over links that sitemap.xml lists, comparing
    scheme and host but not port. Built for site_url, the sitemap matches on the real domain;
    here, on a random port, it never would, and every click would be a full page load. So the
    sitemap is served as if the site had been built for this address.
    """

    base_url = ""  # set once the server has its port
    built_for = ""  # site_url in mkdocs.yml
    header_rules: HeaderRules | None = None  # from the site's _headers, when serve_site is asked to
    csp_reports: list[str] | None = None  # violation reports received, when serve_site is asked to

    def end_headers(self) -> None:
        if self.header_rules is not None:
            for name, value in self.header_rules.headers_for(unquote(urlsplit(self.path).path)):
                self.send_header(name, value)
                if self.csp_reports is not None and name.lower() == "content-security-policy":
                    # The same policy, report-only: every engine then posts what it blocks to us.
                    self.send_header("Content-Security-Policy-Report-Only", f"{value}; report-uri {REPORT_PATH}")
        super().end_headers()

    def do_POST(self) -> None:
        if self.csp_reports is None or urlsplit(self.path).path != REPORT_PATH:
            self.send_error(405)
            return
        self.csp_reports.append(self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace"))
        self.send_response(204)
        self.end_headers()

    def do_GET(self) -> None:
        if urlsplit(self.path).path.endswith("/sitemap.xml"):
            target = Path(self.translate_path(self.path))
            if target.is_file():
                body = target.read_text(encoding="utf-8").replace(self.built_for, self.base_url).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the stdlib's name)
        pass


@contextmanager
def serve_site(site: Path, *, headers_file: bool = False, csp_reports: list[str] | None = None) -> Iterator[str]:
    """Yields the base URL, "http://127.0.0.1:<port>/", while `site` is served.

    headers_file: also send the headers `site/_headers` gives each path (it must exist).
    csp_reports: with headers_file, the policy is also sent report-only, with a report-uri on
    this server; each violation report a browser posts is appended to this list.
    """
    handler = type("Handler", (_SiteHandler,), {})  # a class of its own, for its own base_url
    handler.csp_reports = csp_reports
    if headers_file:
        handler.header_rules = HeaderRules.parse((site / "_headers").read_text(encoding="utf-8"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    handler.base_url, handler.built_for = base_url, configured_site_url()
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def fetch_until(url: str, wanted: str, seconds: float = 60) -> str:
    """The body of `url` once it contains `wanted` (a server that is starting or rebuilding), polled
    every half second; fails with the last body seen when `seconds` pass first."""
    deadline, body = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read().decode("utf-8")
            if wanted in body:
                return body
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last body:\n{body[:2000]}")
