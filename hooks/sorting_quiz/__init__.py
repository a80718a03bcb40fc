"""Sorting quizzes: readers sort sample social-media posts into marketing or management.

The modules, each small and tested on its own:
- model: what a quiz and a post are.
- loader: reads quiz files and lists every problem with its file and line.
- components/: one folder per component (quiz, post_checker, hard_cases, email_tools), its Python
  renderer beside its script and styles; components/quiz/render.py turns a quiz into HTML
  elements that work without JavaScript.
- markdown_extension: the `/// quiz | ID` block for pages.
- assets: the components' scripts and style sheets, and the tags that load them where used.
- published: the post ids sent emails may link to (quizzes/published-posts.txt).

Their import layers are in .importlinter (tests/unit/test_import_contracts.py checks them).
"""
