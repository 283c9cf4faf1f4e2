"""Upload periods: per profile when uploads open and close, and the retention date of its personal data."""
