"""Migrations of the Piccolo app `review` (generated, IDs never edited)."""
