"""Intergrip submissions (seed 003): school type from the membership, submitter details, submission links."""
