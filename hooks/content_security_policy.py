"""The site's Content-Security-Policy, worked out from the HTML the build writes.

Used by hooks/csp_hook.py (the MkDocs events) and by the tests. No MkDocs imports here.

Pages (every page Material renders, 404.html included) get a
`<meta http-equiv="Content-Security-Policy">` right after `<meta charset>`, before any script,
allowing inline script only by hash: the SHA-256 of each inline script the page really has,
Material's included, taken from the final HTML. A meta policy cannot carry `frame-ancestors`
(browsers ignore it there), so `_headers` repeats the policy with it for hosts that read that
file (Netlify, Cloudflare Pages).

Other documents the build writes (the email snippet previews, which the staff page shows in
frames) are email HTML: inline `style` attributes are the only styling email clients keep, so
they get a policy of their own that allows inline styles, no script, and framing by the site's
own pages only. They get it through `_headers` only: they are not changed here.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# The HTML standard's JavaScript MIME type essences: a <script> with one of these types (or no
# type) runs as a classic script; "module" runs as a module. Any other type is a data block,
# e.g. Material's <script id="__config" type="application/json">, which never runs and which
# CSP does not check, so it needs no hash.
JAVASCRIPT_TYPES = frozenset({
    "application/ecmascript", "application/javascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript", "text/javascript1.0",
    "text/javascript1.1", "text/javascript1.2", "text/javascript1.3", "text/javascript1.4",
    "text/javascript1.5", "text/jscript", "text/livescript", "text/x-ecmascript",
    "text/x-javascript", "module",
})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href"})

META_NAME = "Content-Security-Policy"
_EXISTING_META = re.compile(r"""<meta\s+http-equiv=["']?content-security-policy["']?[^>]*>\s*""", re.IGNORECASE)
_CHARSET_META = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)

# Common to every response: no MIME sniffing; send other sites the origin only, never the path.
COMMON_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
)


def sha256_source(text: str) -> str:
    """The CSP source for a script or style element's text: 'sha256-<base64>'.

    Browsers hash the element's text as parsed, in UTF-8. The HTML parser turns CR LF and lone
    CR into LF before anything else, so the same is done here.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def runs_as_script(attributes: dict[str, str | None]) -> bool:
    """True for a <script> that the browser would run (classic or module), not a data block."""
    kind = attributes.get("type")
    if kind is None:
        language = attributes.get("language")
        kind = f"text/{language}" if language else ""
    kind = kind.strip().lower()
    return kind == "" or kind in JAVASCRIPT_TYPES


@dataclass
class InlineCode:
    """What a document has inline that a Content-Security-Policy checks."""

    scripts: list[str] = field(default_factory=list)  # the text of each inline script that runs
    styles: list[str] = field(default_factory=list)  # the text of each <style> element
    style_attributes: list[str] = field(default_factory=list)  # "<td style>", ...
    event_handlers: list[str] = field(default_factory=list)  # "<img onerror>", ...
    javascript_urls: list[str] = field(default_factory=list)  # '<a href="javascript:...">', ...
    refreshes: list[str] = field(default_factory=list)  # '<meta http-equiv="refresh" content="...">'
    external_scripts: int = 0  # <script src>
    style_sheets: int = 0  # <link rel="stylesheet">


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = InlineCode()
        self._text: list[str] | None = None  # collecting a script's or style's text
        self._into: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name.lower(): value for name, value in attrs}
        for name, value in attributes.items():
            if name.startswith("on"):
                self.found.event_handlers.append(f"<{tag} {name}>")
            elif name == "style" and value and value.strip():
                self.found.style_attributes.append(f"<{tag} style>")
            elif name in URL_ATTRIBUTES and value and re.sub(r"[\s\x00-\x1f]", "", value).lower().startswith(
                    "javascript:"):
                self.found.javascript_urls.append(f'<{tag} {name}="{value[:60]}">')
        if tag == "meta" and (attributes.get("http-equiv") or "").strip().lower() == "refresh":
            self.found.refreshes.append(f'<meta http-equiv="refresh" content="{(attributes.get("content") or "")[:60]}">')
        if tag == "script":
            if "src" in attributes:
                self.found.external_scripts += 1
            elif runs_as_script(attributes):
                self._text, self._into = [], self.found.scripts
        elif tag == "style":
            self._text, self._into = [], self.found.styles
        elif tag == "link" and "stylesheet" in (attributes.get("rel") or "").lower().split():
            self.found.style_sheets += 1

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)  # script and style text arrives raw, maybe in pieces

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._text is not None and self._into is not None:
            self._into.append("".join(self._text))
            self._text = self._into = None


def read_inline_code(document: str) -> InlineCode:
    reader = _Reader()
    reader.feed(document)
    reader.close()
    return reader.found


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- the inline scripts the build knows ----------------------------------------------------------

_TEMPLATE_SCRIPT = re.compile(r"<script\b(?P<attributes>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TEMPLATE_ATTRIBUTE = re.compile(r"""([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
# What a template expression inside a known script may stand for: a value (a URL, an id), never
# anything that could end a string or the script, or start markup.
TEMPLATE_VALUE = r"[^\"'`<>\\\n\r]*"


@dataclass(frozen=True)
class KnownScript:
    """An inline script written in a template (Material's, for the pinned version, or ours in
    overrides/): its text, with each template expression standing for a plain value."""

    where: str  # "overrides/main.html:18"
    pattern: re.Pattern[str]

    def matches(self, text: str) -> bool:
        return self.pattern.fullmatch(text.replace("\r\n", "\n").replace("\r", "\n")) is not None


def _template_attributes(text: str) -> dict[str, str | None]:
    return {match.group(1).lower(): next((group for group in match.groups()[1:] if group is not None), None)
            for match in _TEMPLATE_ATTRIBUTE.finditer(_JINJA_CODE.sub("", text))}


def template_scripts(template: str, where: str) -> list[KnownScript]:
    """The inline scripts one template writes (not `<script src>`, not data blocks)."""
    found = []
    text = _JINJA_COMMENT.sub(lambda match: "\n" * match.group().count("\n"), template)
    for match in _TEMPLATE_SCRIPT.finditer(text):
        attributes = _template_attributes(match.group("attributes"))
        if "src" in attributes or not runs_as_script(attributes):
            continue
        body = match.group("body").replace("\r\n", "\n").replace("\r", "\n")
        pieces = _JINJA_CODE.split(body)
        if not "".join(pieces).strip():
            continue  # all template expression: it could stand for any script, so it allows none
        pattern = re.compile(TEMPLATE_VALUE.join(re.escape(piece) for piece in pieces), re.DOTALL)
        found.append(KnownScript(f"{where}:{text.count(chr(10), 0, match.start()) + 1}", pattern))
    return found


def known_scripts(template_folders: Iterable[tuple[str, str]]) -> tuple[KnownScript, ...]:
    """Every inline script in the templates of the theme's folders, given as (folder, name for
    messages): the only inline scripts a page may have. Pages are built from these templates, so
    an edit to one (ours in overrides/, or a new Material version) is picked up, with no hash
    copied by hand."""
    scripts: list[KnownScript] = []
    for folder, name in template_folders:
        root = Path(folder)
        for path in sorted(root.rglob("*.html")):
            scripts += template_scripts(path.read_text(encoding="utf-8", errors="replace"),
                                        f"{name}/{path.relative_to(root).as_posix()}")
    return tuple(scripts)


def unknown_scripts(found: InlineCode, known: Iterable[KnownScript]) -> list[str]:
    """The inline scripts that no template writes: text from some file that became code."""
    known = tuple(known)
    return [script for script in _unique(found.scripts) if not any(each.matches(script) for each in known)]


def only_known(found: InlineCode, known: Iterable[KnownScript]) -> InlineCode:
    """`found` without its unknown scripts: what the policy may allow by hash."""
    unknown = set(unknown_scripts(found, known))
    return InlineCode(scripts=[script for script in found.scripts if script not in unknown], styles=found.styles,
                      style_attributes=found.style_attributes, event_handlers=found.event_handlers,
                      javascript_urls=found.javascript_urls, refreshes=found.refreshes,
                      external_scripts=found.external_scripts, style_sheets=found.style_sheets)


def script_preview(script: str) -> str:
    """A script's start, on one line, with control characters shown escaped, for a message."""
    shown = "".join(char if char.isprintable() else f"\\u{ord(char):04x}" for char in " ".join(script.split()))
    return shown if len(shown) <= 70 else shown[:67] + "…"


# --- pages -----------------------------------------------------------------------------------


# Hosts that Material's own analytics (mkdocs.yml `extra.analytics`) loads from and sends to, by
# provider: Google's documented policy for Google Analytics 4 (the gtag.js script, then its
# collection requests). Only a site that switches analytics on gets them; by default, none.
ANALYTICS_SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "google": (
        ("script-src", "https://www.googletagmanager.com"),
        ("img-src", "https://*.google-analytics.com"),
        ("img-src", "https://*.googletagmanager.com"),
        ("connect-src", "https://*.google-analytics.com"),
        ("connect-src", "https://*.analytics.google.com"),
        ("connect-src", "https://*.googletagmanager.com"),
    ),
}
EXTENSIBLE = ("script-src", "connect-src", "img-src")  # what mkdocs.yml may add hosts to


# An https host a site may add: a name with at least one dot, or `*.` and a name with at least
# two (so `https://*`, `https://*.com` and a scheme alone are refused: they would allow any host).
HOST_SOURCE = re.compile(r"https://(?:\*\.(?=[a-z0-9-]+\.[a-z0-9-]+))?[a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d{1,5})?"
                         r"(?:/[A-Za-z0-9._~/%-]*)?", re.IGNORECASE)


def source_problems(setting: object) -> list[str]:
    """Every problem with `extra.content_security_policy` (see allowed_sources), as messages."""
    where = "extra.content_security_policy"
    if not isinstance(setting, dict):
        return [f"{where}: must be a set of directives, each with a list of https:// hosts, like "
                "`script-src: [https://stats.example.co.uk]`"]
    problems = []
    for directive, values in setting.items():
        if directive not in EXTENSIBLE:
            problems.append(f"{where}: {directive!r} cannot be extended here (only {', '.join(EXTENSIBLE)})")
            continue
        if not isinstance(values, (str, list)) or not values:
            problems.append(f"{where}.{directive}: must be a list of https:// hosts, like [https://stats.example.co.uk]")
            continue
        for value in [values] if isinstance(values, str) else values:
            if not isinstance(value, str) or not HOST_SOURCE.fullmatch(value):
                problems.append(f"{where}.{directive}: {value!r} is not an https:// host; write one host, like "
                                "https://stats.example.co.uk (a wildcard only as `https://*.example.co.uk`)")
    return problems


def allowed_sources(extra: dict) -> tuple[tuple[str, str], ...]:
    """The other hosts a site opts in to, from mkdocs.yml's `extra`: its analytics provider's, and
    any listed under `extra.content_security_policy` (e.g. a self-hosted counter on another host):

        content_security_policy:
          script-src: [https://stats.example.co.uk]
          connect-src: [https://stats.example.co.uk]

    ValueError names every problem with the setting (source_problems).
    """
    sources: list[tuple[str, str]] = []
    analytics = extra.get("analytics")
    if isinstance(analytics, dict) and analytics.get("provider"):
        sources += ANALYTICS_SOURCES.get(str(analytics["provider"]), ())
    setting = extra.get("content_security_policy")
    if setting is None:
        return tuple(_unique(sources))
    problems = source_problems(setting)
    if problems:
        raise ValueError("; ".join(problems))
    for directive, values in setting.items():
        for value in [values] if isinstance(values, str) else values:
            sources.append((directive, value))
    return tuple(_unique(sources))


@dataclass(frozen=True)
class PagePolicy:
    """The policy of one page (or, merged, of several): 'self' plus the hashes of its inline code,
    plus the other hosts the site opted in to, if any (`allowed_sources`)."""

    script_hashes: tuple[str, ...] = ()
    style_hashes: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (directive, source), e.g. ("script-src", "https://...")
    inline_styles: bool = False  # only the staff page that copies email HTML (see copies_email_html)

    @classmethod
    def of(cls, found: InlineCode, sources: tuple[tuple[str, str], ...] = (), *,
           inline_styles: bool = False) -> PagePolicy:
        return cls(tuple(_unique(map(sha256_source, found.scripts))),
                   tuple(_unique(map(sha256_source, found.styles))), sources, inline_styles)

    def directives(self, *, for_header: bool) -> list[str]:
        directives = self._directives(for_header=for_header)
        if not self.sources:
            return directives
        added = {name: [value for directive, value in self.sources if directive == name] for name in EXTENSIBLE}
        names = [directive.split(" ", 1)[0] for directive in directives]
        if added["connect-src"] and "connect-src" not in names:  # default-src 'self' covered it so far
            directives.insert(names.index("img-src") + 1, "connect-src 'self'")
        return [" ".join([directive, *added.get(directive.split(" ", 1)[0], [])]) for directive in directives]

    def _directives(self, *, for_header: bool) -> list[str]:
        directives = [
            "default-src 'self'",
            " ".join(["script-src 'self'", *self.script_hashes]),
            # No 'unsafe-inline': pages have no style attributes (the build warns if one appears);
            # Material and the quiz script set styles from script (CSSOM), which CSP allows.
            "style-src 'self' 'unsafe-inline'" if self.inline_styles else " ".join(["style-src 'self'", *self.style_hashes]),
            "img-src 'self' data:",  # Material's icons are data: SVG in its style sheet
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "worker-src 'self'",  # Material's search runs in a worker loaded from this site
        ]
        if for_header:
            directives.append("frame-ancestors 'none'")  # ignored in a meta tag
        return directives

    def meta_value(self) -> str:
        return "; ".join(self.directives(for_header=False))

    def header_value(self) -> str:
        return "; ".join(self.directives(for_header=True))


def copies_email_html(document: str) -> bool:
    """The staff page with the email snippets: copying a snippet as rich HTML (the clipboard API)
    makes Chromium parse its inline-styled markup in this page, which `style-src 'self'` reports
    and blocks element by element. Email HTML is styled inline by design, so this one page allows
    inline styles; scripts stay hash-only everywhere."""
    return 'class="email-snippets"' in document


def refused_code(found: InlineCode, known: Iterable[KnownScript]) -> list[tuple[str, str]]:
    """Code on a page that no template of the site wrote: an inline script that is not one of
    the known ones, an event handler attribute, a javascript: URL, a <meta http-equiv=refresh>.
    Any of these stops the build: text from a file became code (or would, without the policy).
    Each as (words to look for in the files it may have come from, the message)."""
    problems = [(" ".join(script.split())[:40],
                 f"<script>{script_preview(script)}</script>: an inline script that no template of the site "
                 "writes, so the policy does not allow it; text from a file became code: escape it or remove it")
                for script in unknown_scripts(found, known)]
    problems += [(what.rsplit(" ", 1)[-1].rstrip(">") + "=",
                  f"{what}: inline event handler attributes do not run under the Content-Security-Policy; "
                  f"add the listener from a script file") for what in _unique(found.event_handlers)]
    problems += [("javascript:", f"{what}: javascript: URLs do not run under the Content-Security-Policy")
                 for what in _unique(found.javascript_urls)]
    problems += [("refresh", f"{what}: a page may not redirect or reload itself; link to the other page instead")
                 for what in _unique(found.refreshes)]
    return problems


def page_problems(found: InlineCode, known: Iterable[KnownScript] = ()) -> list[str]:
    """Every problem with a page's inline code: refused code (see refused_code), then style attributes."""
    return [message for _, message in refused_code(found, known)] + style_problems(found)


def style_problems(found: InlineCode) -> list[str]:
    """Style attributes: the policy ignores them (no harm, but the page looks wrong)."""
    return [f"{what}: style attributes are ignored under the Content-Security-Policy "
                 f"(style-src 'self'); use a class and a rule in a style sheet"
                 for what in _unique(found.style_attributes)]


def add_meta(document: str, policy: PagePolicy) -> str:
    """The document with the policy's meta tag right after <meta charset> (else right after <head>).

    A meta policy applies only to what comes after it, so it goes before any script or style
    sheet. An older one (the page processed twice) is replaced.
    """
    document = _EXISTING_META.sub("", document)
    content = html.escape(policy.meta_value(), quote=False).replace('"', "&quot;")  # keeps 'self' readable
    tag = f'<meta http-equiv="{META_NAME}" content="{content}">'
    head = _HEAD.search(document)
    if head is None:
        raise ValueError("the page has no <head>")
    at = head.end()
    charset = _CHARSET_META.search(document, at)
    first_script = document.lower().find("<script", at)
    if charset and (first_script < 0 or charset.start() < first_script):
        at = charset.end()  # the charset stays first, in the document's first 1024 bytes
    return f"{document[:at]}\n{tag}{document[at:]}"


def read_meta_policy(document: str) -> str | None:
    """The content of the page's CSP meta tag (unescaped), or None."""
    match = _EXISTING_META.search(document)
    if not match:
        return None
    content = re.search(r"""\bcontent=(["'])(.*?)\1""", match.group(0), re.IGNORECASE | re.DOTALL)
    return html.unescape(content.group(2)) if content else None


# --- other documents (the email snippet previews) ----------------------------------------------


@dataclass(frozen=True)
class DocumentPolicy:
    """For HTML the build writes besides the pages: no script unless it has some, framed by this site only."""

    inline_styles: bool = False
    style_sheets: bool = False
    script_hashes: tuple[str, ...] = ()
    external_scripts: bool = False

    @classmethod
    def of(cls, found: InlineCode) -> DocumentPolicy:
        return cls(inline_styles=bool(found.style_attributes or found.styles),
                   style_sheets=bool(found.style_sheets),
                   script_hashes=tuple(_unique(map(sha256_source, found.scripts))),
                   external_scripts=bool(found.external_scripts))

    def merge(self, other: DocumentPolicy) -> DocumentPolicy:
        return DocumentPolicy(self.inline_styles or other.inline_styles, self.style_sheets or other.style_sheets,
                              tuple(_unique([*self.script_hashes, *other.script_hashes])),
                              self.external_scripts or other.external_scripts)

    def header_value(self) -> str:
        directives = ["default-src 'none'"]
        if self.script_hashes or self.external_scripts:
            directives.append(" ".join(["script-src", *(["'self'"] if self.external_scripts else []),
                                        *self.script_hashes]))
        styles = (["'self'"] if self.style_sheets else []) + (["'unsafe-inline'"] if self.inline_styles else [])
        if styles:
            # 'unsafe-inline' here is for style attributes, the only styling email clients keep.
            directives.append(" ".join(["style-src", *styles]))
        directives += ["img-src 'self' data:", "base-uri 'self'", "form-action 'none'",
                       "frame-ancestors 'self'"]  # the staff page shows the previews in frames
        return "; ".join(directives)


# --- _headers ------------------------------------------------------------------------------------

HEADERS_INTRO = """\
# HTTP headers for hosts that read a _headers file (Netlify, Cloudflare Pages). Written by
# hooks/csp_hook.py on every build: edit the hook, not this file.
#
# One rule per page, not one /* rule with every hash: each page's header allows exactly its own
# inline scripts, like its meta tag, and no two rules with a Content-Security-Policy ever match
# the same path. That matters because hosts merge overlapping rules differently (Cloudflare
# Pages joins the values, which makes browsers enforce both policies; Netlify keeps one), and a
# site-wide policy would also reach the email snippet previews, which need inline styles and
# framing by the staff page. A page is matched at its address and at .../index.html.
# An address with no page gets 404.html and only the /* headers; its meta tag still applies.
"""


@dataclass
class HeaderRule:
    path: str
    headers: list[tuple[str, str]]


def page_rule_paths(file: str) -> list[str]:
    """Where a page file is served: "difference/index.html" -> ["/difference/", "/difference/index.html"]."""
    if file == "index.html" or file.endswith("/index.html"):
        folder = file[: -len("index.html")]
        return [f"/{folder}", f"/{file}"]
    return [f"/{file}"]


def headers_file(rules: list[HeaderRule]) -> str:
    lines = [HEADERS_INTRO]
    for rule in rules:
        lines.append(rule.path)
        lines += [f"  {name}: {value}" for name, value in rule.headers]
        lines.append("")
    return "\n".join(lines)


def site_rules(pages: dict[str, PagePolicy], documents: dict[str, DocumentPolicy]) -> list[HeaderRule]:
    """The rules for _headers: {page file: policy}, {other HTML file: policy}, paths from the site's root.

    Other documents in a folder with no page in it share one folder/* rule (the email snippets);
    any other gets a rule of its own.
    """
    rules = [HeaderRule("/*", list(COMMON_HEADERS))]
    for file, policy in sorted(pages.items()):
        for path in page_rule_paths(file):
            rules.append(HeaderRule(path, [(META_NAME, policy.header_value())]))
    page_folders = {file.split("/", 1)[0] for file in pages if "/" in file}
    folders: dict[str, DocumentPolicy] = {}
    for file, policy in sorted(documents.items()):
        top = file.split("/", 1)[0]
        if "/" in file and top not in page_folders:
            folders[top] = folders[top].merge(policy) if top in folders else policy
        else:
            rules.append(HeaderRule(f"/{file}", [(META_NAME, policy.header_value())]))
    for folder, policy in sorted(folders.items()):
        rules.append(HeaderRule(f"/{folder}/*", [(META_NAME, policy.header_value())]))
    return rules
