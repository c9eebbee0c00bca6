"""The plugin's settings from the site metadata, read once per Datasette instance.

``Datasette.plugin_config`` walks the whole configuration on every call to resolve secrets; called for
every cell of a page it took most of the page's time (a search page of exercises: 52 ms, of which
37 ms in that walk). The metadata does not change while the site runs, so it is read once.
"""
from __future__ import annotations

#: the plugin's name in the metadata's ``plugins``
PLUGIN_NAME = "belarus_russia_defence"

#: where a Datasette instance keeps the settings once read
SETTINGS_ATTRIBUTE = "_belarus_russia_defence_settings"


def plugin_settings(datasette) -> dict:
    """The plugin's settings (``cells``, ``query_cells``, ``cache_mb``, ...) for this Datasette instance."""
    settings = getattr(datasette, SETTINGS_ATTRIBUTE, None)
    if settings is None:
        settings = datasette.plugin_config(PLUGIN_NAME) or {}
        setattr(datasette, SETTINGS_ATTRIBUTE, settings)
    return settings
