"""Sorting quizzes: readers sort sample social-media posts into marketing or management.

The modules, each small and tested on its own:
- model: what a quiz and a post are.
- loader: reads quiz files and lists every problem with its file and line.
- render: turns a quiz into HTML elements that work without JavaScript.
- markdown_extension: the `/// quiz | ID` block for pages.
- assets: the script and style sheet, and the tags that load them on quiz pages only.
- email_snippets: email-ready HTML and plain text for one post, with answer links.
- render_emails: the staff page's `/// email-snippets` block (previews, code, copy buttons).
- published: the post ids sent emails may link to (quizzes/published-posts.txt).
"""
