"""Migrations of the Piccolo app `periods` (generated, IDs never edited)."""
