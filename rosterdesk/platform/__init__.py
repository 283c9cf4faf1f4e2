"""The web platform: settings, tables, auth, tenants, mail, audit and the web layer.

Start with ``rosterdesk.platform.app.create_app(settings)``; nothing here runs at import.
"""
