"""Uploads: versions of a roster file per institution and profile, and the background checks.

Kept free of imports on purpose: the sandbox's child processes import
``rosterdesk.platform.uploads.preview`` by name, and must not pull in the web stack with it.
Use ``services`` (the web's API), ``tasks`` (the Dramatiq actor) and ``worker`` (running it).
"""
