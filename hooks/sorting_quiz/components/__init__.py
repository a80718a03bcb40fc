"""The components, one folder each, as GOV.UK Frontend keeps them: the Python that renders a
component's markup beside its script and styles (which assets.py serves from these folders).

- quiz: the sorting quiz (render.py, quiz.js, quiz.css, quiz-analytics.js).
- post_checker: the two questions asked of the reader's own post (post_checker.py, post_spotter.py,
  post-checker.js, post-spotter.js, post-checker.css).
- hard_cases: the rulings' hard cases as a table (render.py, hard-cases.css).
- email_tools: email snippets with answer links and the staff page that shows them
  (email_snippets.py, render_emails.py, email-tools.js, email-tools.css).

A component imports the model and the shared modules at the package root (elements, assets,
agency), never the loader or the Markdown extension: tests/unit/test_import_contracts.py checks it.
"""
