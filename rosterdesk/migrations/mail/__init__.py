"""Migrations of the Piccolo app `mail` (generated, IDs never edited)."""
