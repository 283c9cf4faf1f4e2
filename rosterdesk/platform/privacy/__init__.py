"""Privacy rules of the platform: small counts never shown, retention and erasure."""
