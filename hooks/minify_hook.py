"""MkDocs hook: the site's own style sheets and scripts go out minified.

The files in the repository keep their comments, which say why each rule is there; readers
download them without comments and spaces (rcssmin and rjsmin, which only remove what the
browser ignores). That saves over two thirds of site.css gzipped, and a seventh of the quiz's.

Ours are the files from docs/ and the quiz component's, known by their sources as the component
declares them (sorting_quiz/assets.py), not by a folder: installed with `pip install .` they are
in site-packages, not hooks/, and still go out minified. Material's own files are minified
already, and nothing else is touched.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from sorting_quiz.assets import is_component_asset

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def is_ours(file: File, docs_dir: Path) -> bool:
    if file.abs_src_path is None or ".min." in Path(file.src_uri).name:  # minified already
        return False
    source = Path(file.abs_src_path).resolve()
    return source.is_relative_to(docs_dir) or is_component_asset(source)


@event_priority(-50)  # after the hooks that add their files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    docs_dir = Path(config.docs_dir).resolve()
    for file in files.media_files():
        minify = MINIFIERS.get(Path(file.src_uri).suffix)
        if minify and is_ours(file, docs_dir):
            file.content_string = minify(file.content_string)
    return files
