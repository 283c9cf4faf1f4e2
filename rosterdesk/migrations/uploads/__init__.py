"""Migrations of the Piccolo app `uploads` (generated, IDs never edited; the unique index through add_raw)."""
