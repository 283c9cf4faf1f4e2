"""Tenants: institutions, memberships with roles, and the one scoped accessor for institution data."""
