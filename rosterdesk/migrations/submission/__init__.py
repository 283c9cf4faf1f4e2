"""Migrations of the Piccolo app `submission` (generated, IDs never edited)."""
