"""Migrations of the Piccolo app `auth` (generated, IDs never edited)."""
