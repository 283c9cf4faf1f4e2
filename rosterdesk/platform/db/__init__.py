"""Database wiring: the Piccolo engine chosen from settings, the app registry and migrations."""
