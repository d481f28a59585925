"""Bulk import of workshops and their certificates from the provincial registration system."""
