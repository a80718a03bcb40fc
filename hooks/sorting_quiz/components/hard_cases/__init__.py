"""The hard cases table: render.py renders it; hard-cases.css."""
