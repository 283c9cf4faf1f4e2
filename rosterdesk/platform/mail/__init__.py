"""Mail: SMTP in production, the outbox page in the embedded default; texts in Dutch and English."""
