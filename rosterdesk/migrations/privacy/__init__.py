"""Migrations of the Piccolo app `privacy` (generated, IDs never edited)."""
