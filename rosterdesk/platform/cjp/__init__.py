"""CJP (seed 002) on top of the records: statuses, activation codes, invitations and the Excel export."""
