"""Migrations of the Piccolo app `audit` (generated, IDs never edited)."""
