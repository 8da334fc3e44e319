"""Briefing reports: a sourced brief on an entity, a project or a period, as HTML, Markdown or PDF."""
