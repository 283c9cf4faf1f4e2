"""The helpdesk review: versions held before they count (seed 003), the queue, the decision (docs/review.md)."""
