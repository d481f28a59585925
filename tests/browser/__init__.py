"""Tests in a real browser (marker ``browser``)."""
