"""The built-in import profiles, one folder each, registered through the plugin hooks."""
