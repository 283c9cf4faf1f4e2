"""The validation tool (seed 002, CJP): check a file against a profile and keep nothing.

"In deze tool worden geen gegevens opgeslagen": the file lives in a private temporary file for
the length of one check and is deleted in a ``finally`` block; the answer is a green or a red bar
with every error's place. No version, no record, no file in the data folder, and no log line or
audit detail with a value from the file. See docs/validation-tool.md.
"""
