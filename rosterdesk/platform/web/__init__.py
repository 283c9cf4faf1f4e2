"""The web layer: templates and translations, security headers, error pages, start page."""
