"""The email tools: email_snippets.py makes each post's snippet and answer links, render_emails.py
the staff page's block; email-tools.js and email-tools.css."""
