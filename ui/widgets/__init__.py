"""Reusable widgets and delegates of the GUI."""
