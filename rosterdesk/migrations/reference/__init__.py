"""Migrations of the Piccolo app `reference` (generated, IDs never edited)."""
