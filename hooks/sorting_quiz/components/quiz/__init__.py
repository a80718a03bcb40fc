"""The sorting quiz: render.py writes markup that works without JavaScript; quiz.js, quiz.css and
quiz-analytics.js (loaded only when the site switches analytics on)."""
