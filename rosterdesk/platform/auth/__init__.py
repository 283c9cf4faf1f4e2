"""Authentication: passwords (argon2), password links, TOTP with recovery codes, sessions, throttles."""
