"""Watchlists and alerts: what an analyst watches, and what changed about it after an ingest or a
list load."""
