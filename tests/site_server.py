"""Serves a built site on 127.0.0.1 for the browser tests, from a background thread."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from site_pages import configured_site_url


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site quietly, with sitemap.xml rewritten for the address it is served at.

    Material's instant navigation only takes over links that sitemap.xml lists, comparing
    scheme and host but not port. Built for site_url, the sitemap matches on the real domain;
    here, on a random port, it never would, and every click would be a full page load. So the
    sitemap is served as if the site had been built for this address.
    """

    base_url = ""  # set once the server has its port
    built_for = ""  # site_url in mkdocs.yml

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
def serve_site(site: Path) -> Iterator[str]:
    """Yields the base URL, "http://127.0.0.1:<port>/", while `site` is served."""
    handler = type("Handler", (_SiteHandler,), {})  # a class of its own, for its own base_url
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
