"""The roster CSV's platform parts (seed 004): the column mapping (``mapping_*``), and the import modes with
their per-row fate preview (``fates``, ``apply``, ``preview``, ``pages``) for profiles with ``import_modes``."""
