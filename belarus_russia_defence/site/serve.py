"""Serve the built site: one Datasette per worker process, one worker per core, under uvicorn.

``datasette serve`` runs one process, so one core renders every page while the others idle.
Here uvicorn starts ``workers`` processes that share the listening socket; each builds its own
Datasette from the same immutable database, inspect file, metadata and settings (``SETTINGS``),
so that the pages they render are the same, and each keeps its own response cache.
The worker processes learn what to serve from one environment variable (``ENVIRONMENT``), which is
how uvicorn passes configuration to the processes it starts.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

#: The environment variable holding the JSON configuration of the worker processes.
ENVIRONMENT = "BELARUS_RUSSIA_DEFENCE_SITE"


def app():
    """The ASGI app of one worker: Datasette over the configured database (a uvicorn factory)."""
    from datasette.app import Datasette

    from .metadata import SETTINGS

    from .metadata import DOWNLOADS_PATH

    config = json.loads(os.environ[ENVIRONMENT])
    downloads = config.get("downloads")
    ds = Datasette(immutables=[config["database"]],
                   static_mounts=[(DOWNLOADS_PATH.strip("/"), downloads)] if downloads else None,
                   inspect_data=json.loads(Path(config["inspect"]).read_text(encoding="utf-8")),
                   metadata=json.loads(Path(config["metadata"]).read_text(encoding="utf-8")),
                   settings=SETTINGS)
    return ds.app()  # start-up hooks run on the first request (Datasette's own AsgiRunOnFirstRequest)


def serve(database: Path, inspect: Path, metadata: Path, host: str, port: int, workers: int | None = None,
          downloads: Path | None = None) -> None:
    """Serve until stopped, with ``workers`` processes (default: one per core), and ``downloads`` if given."""
    import uvicorn

    os.environ[ENVIRONMENT] = json.dumps({"database": str(database), "inspect": str(inspect), "metadata": str(metadata),
                                          "downloads": str(downloads) if downloads else None})
    uvicorn.run(f"{__name__}:app", factory=True, host=host, port=port, workers=workers or os.cpu_count() or 1,
                lifespan="on", log_level="warning")
