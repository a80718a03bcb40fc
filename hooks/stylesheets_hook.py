"""MkDocs hook: every page loads one style sheet for the whole site, not three.

Material links its main style sheet and its colours, and `extra_css` adds site.css: three requests
that each hold up the first paint. On a phone's slow connection each is a round trip of its own;
Lighthouse (simulated 4G, 3 runs) put the content page's first contentful paint at 1.5 s with the
three and 1.3 s with one. So the build joins them, in the order the page listed them (the cascade
is unchanged), into assets/stylesheets/site.HASH.min.css, named by its content so a browser never
keeps an old copy, and each page links that file in their place.

The three files stay in the site as they were. A page whose template links them differently is
left as it is; a style sheet outside assets/stylesheets/ (its url()s would point elsewhere) or with
an @import or @charset (only allowed at the top of a file) keeps its own link.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

FOLDER = "assets/stylesheets"
MATERIAL_SHEETS = re.compile(r"^assets/stylesheets/(?:main|palette)\.[0-9a-f]+\.min\.css$")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
LEADING_CHARSET = re.compile(r'^@charset "UTF-8";', re.IGNORECASE)  # the joined file starts with it once
ONLY_AT_THE_TOP = re.compile(r"@(?:import|charset)\b")

joined: dict[str, list[str]] = {}  # the joined file's path: the paths it replaces, in their order


def _joinable(file: File) -> bool:
    path = PurePosixPath(file.src_uri)
    return str(path.parent) == FOLDER and not ONLY_AT_THE_TOP.search(_rules(file))


def _rules(file: File) -> str:
    return SOURCE_MAP.sub("", LEADING_CHARSET.sub("", file.content_string.lstrip("\ufeff"))).strip()


@event_priority(-60)  # after the hooks that change these files (palette_hook, minify_hook at -50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    joined.clear()
    material = sorted((file for file in files.media_files() if MATERIAL_SHEETS.match(file.src_uri)),
                      key=lambda file: not file.src_uri.startswith(f"{FOLDER}/main."))  # main, then colours
    extra = [files.get_file_from_path(str(entry)) for entry in config.extra_css]
    sheets = [file for file in [*material, *extra] if file is not None and _joinable(file)]
    if len(sheets) < 2:
        return files
    text = '@charset "UTF-8";\n' + "\n".join(_rules(file) for file in sheets) + "\n"
    name = f"{FOLDER}/site.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css"
    files.append(File.generated(config, name, content=text))
    joined[name] = [file.src_uri for file in sheets]
    return files


def link_one_sheet(html: str, name: str, replaced: list[str]) -> str:
    """`html` with the links to `replaced` (all of them, in that order) made one link to `name`."""
    links = [re.search(rf'<link rel="stylesheet" href="([^"]*?){re.escape(path)}">\n?', html) for path in replaced]
    if not all(links) or sorted(links, key=lambda link: link.start()) != links:
        return html
    prefixes = {link.group(1) for link in links}
    if len(prefixes) != 1:
        return html
    for link in reversed(links[1:]):
        html = html[:link.start()] + html[link.end():]
    first = links[0]
    return html[:first.start()] + f'<link rel="stylesheet" href="{first.group(1)}{name}">' + \
        ("\n" if first.group(0).endswith("\n") else "") + html[first.end():]


def _one_sheet(html: str) -> str:
    for name, replaced in joined.items():
        html = link_one_sheet(html, name, replaced)
    return html


@event_priority(60)  # before the hooks that read the finished page
def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return _one_sheet(output)


@event_priority(60)
def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Material's 404 page is a template of its own, not a page."""
    return _one_sheet(output_content) if template_name.endswith(".html") else output_content
