"""Names as every stage reads them: folding and scripts (``text``), and name matching (``matching``)."""
