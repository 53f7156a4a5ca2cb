"""Load a dataset file into the persistent store the settings select (an oxigraph directory or a
remote endpoint through the Graph Store Protocol); ``b2bkg load`` is its command."""

from __future__ import annotations

import time

__all__ = ["load_dataset"]


def load_dataset(settings: dict, dataset) -> dict:
    """Load ``dataset`` into the store that ``settings`` selects; return what was done."""
    from b2bkg.errors import BadRequest
    from b2bkg.store import RemoteStore, configured_backend, prepare_oxigraph, push_dataset

    backend = configured_backend(settings)
    started = time.perf_counter()
    if backend == "oxigraph":
        marker = prepare_oxigraph(dataset, settings["store_path"])
        return {"store": backend, "path": settings["store_path"], "version": marker["version"],
                "triples": marker["triples"], "graphs": marker["graphs"], "reused": not marker["loaded"],
                "seconds": round(time.perf_counter() - started, 3)}
    if backend == "remote":
        gsp = settings["gsp_endpoint"] or settings["endpoint"]
        if not gsp:
            raise BadRequest("loading a remote store needs --gsp URL (Graph Store Protocol endpoint) "
                             "or --endpoint URL")
        pushed = push_dataset(dataset, gsp, user=settings["remote_user"], password=settings["remote_password"])
        result = {"store": backend, "gsp": gsp, **pushed, "triples": sum(pushed["graphs"].values())}
        if settings["endpoint"]:  # read back what the query endpoint now holds
            remote = RemoteStore(settings["endpoint"], user=settings["remote_user"],
                                 password=settings["remote_password"])
            if remote.graph_counts() != pushed["graphs"] or remote.version != pushed["version"]:
                raise BadRequest(f"the endpoint {settings['endpoint']} does not show what was pushed to {gsp}: "
                                 f"{remote.graph_counts()} (version {remote.version})")
        result["seconds"] = round(time.perf_counter() - started, 3)
        return result
    raise BadRequest(f"`b2bkg load` loads a persistent store (oxigraph or remote), not {backend!r}; "
                     "the memory store loads the dataset each time it starts")
