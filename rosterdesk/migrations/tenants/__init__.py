"""Migrations of the Piccolo app `tenants` (generated, IDs never edited)."""
