"""Piccolo migrations, one folder per Piccolo app, generated with ``piccolo migrations new <app> --auto``."""
