"""``flashpoint serve``: a local web dashboard and HTTP API over the store.

- :mod:`.app`: the FastAPI application (``create_app``), its limits and security headers;
- :mod:`.replica`: how the server and ``flashpoint ingest`` share the DuckDB file;
- :mod:`.data`: one function per resource, shared by the JSON API and the pages;
- :mod:`.api`: ``/api/v1`` (OpenAPI at ``/docs``); :mod:`.writes`: ``POST /api/v1/articles``;
- :mod:`.pages`, :mod:`.svg`, :mod:`.marked`: the server-rendered pages and their pictures.
"""
