"""Across articles: one event per happening (merge), flashpoints, escalation series and alerts.

Library first: ``build.open_merged(db)`` gives a store whose merged tables are up to date;
``flashpoints.flashpoints``, ``series.series`` and ``alerts.alerts`` query them with DuckDB SQL.
The CLI commands (``events --merged``, ``flashpoints``, ``timeline``, ``alerts``) are thin layers.
"""
