"""Fixtures for submission links: the uploads' fixtures (SQLite and PostgreSQL, tests/integration/rd_platform.py),
review, records and links emptied.
"""

from __future__ import annotations

from rosterdesk.platform.auth.tables import Throttle
from rosterdesk.platform.records.tables import Record, RecordRevision
from rosterdesk.platform.review.tables import Review
from rosterdesk.platform.submission.tables import Submission, SubmissionLink
from tests.integration import rd_platform
from tests.integration.rd_platform import database, fake_clock, kind, queued_env, settings, uploads  # noqa: F401

rd_platform.use_folders("uploads", "review")
site = rd_platform.site_fixture(Submission, SubmissionLink, Review, RecordRevision, Record, Throttle)
"""The app on empty tables (submissions, links, reviews, records and throttles too) and an empty uploads folder."""
