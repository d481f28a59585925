"""Full-text search over workshops and listings (Whoosh, with Chinese analysis)."""
