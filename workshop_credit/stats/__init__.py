"""The plan's figures, computed from the records."""
