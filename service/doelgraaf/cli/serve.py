"""`doelgraaf serve`: open the store, install ontology and vocabularies, load the demo if asked, run uvicorn."""

from __future__ import annotations

import gc
import os
import secrets

import pyoxigraph as ox

from doelgraaf.catalogue import shared_graphs
from doelgraaf.core.access import ENVIRONMENT_VARIABLE, TokenRegistry
from doelgraaf.core.namespaces import municipality_graph
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.ingest.loading import load_documents
from doelgraaf.ingest.rdf_files import read_file
from doelgraaf.store import datasets

DEMO_CODE = "GM9999"
DEMO_FILE = EXAMPLES_DIR / "gm9999-meerwijk.ttl"


def ensure_demo(repo) -> bool:
    """Load the demo municipality when its graph is empty; True when it was loaded now."""
    if repo.ask("ASK { GRAPH ?graph { ?s ?p ?o } }", bindings={"graph": ox.NamedNode(str(municipality_graph(DEMO_CODE)))}):
        return False
    outcome = load_documents(repo, [read_file(DEMO_FILE)], [DEMO_CODE])
    if not outcome.stored:
        raise RuntimeError("the demo data does not conform; run `doelgraaf validate` on it")
    return True


def tune_garbage_collector() -> None:
    """What is loaded at start-up (schema, shapes, vocabularies) lives as long as the process: freezing it
    keeps the collector from walking it again and again, and collecting less often keeps a nested
    GraphQL answer, which allocates many small objects, from being paused several times. Measured on
    query 2 at national scale: median 163 → 120 ms (bench/RESULTS.md)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


def serve(args) -> int:
    import uvicorn

    from doelgraaf.api.app import create_app
    from doelgraaf.cli.options import open_store
    from doelgraaf.graphql.schema import schema_for

    repo = open_store(args)
    shared_graphs.install(repo)
    for orphan in datasets.remove_orphans(repo):
        print(f"Onvoltooide dataset-versie opgeruimd / unfinished dataset version removed: {orphan}")
    tokens = TokenRegistry.from_sources(args.tokens)
    demo_tokens = {}
    if args.demo:
        if ensure_demo(repo):
            print(f"Demogemeente {DEMO_CODE} geladen / demo municipality {DEMO_CODE} loaded")
        if not args.tokens and not os.environ.get(ENVIRONMENT_VARIABLE):
            # a partner the demo names already, so that proposing an initiative can be tried at once (Meedoen)
            demo_tokens = {secrets.token_urlsafe(24): f"editor:{DEMO_CODE}", secrets.token_urlsafe(24): f"partner:{DEMO_CODE}:meerwijk-wekt",
                           secrets.token_urlsafe(24): "admin"}
            tokens = TokenRegistry(demo_tokens)
    base = f"http://{args.host}:{args.port}"
    print(f"""
Doelgraaf draait / is running ({repo.kind}: {args.endpoint or args.store})
  Dashboards:           {base}/app/
  GraphQL (GraphiQL):   {base}/graphql
  SPARQL (alleen lezen): {base}/sparql
  Ontologie / ontology: {base}/ontology
  Controleregels:       {base}/shapes""" + (f"""
  Doelenboom van de demogemeente / demo's goal tree: {base}/app/gemeente/{DEMO_CODE}""" if args.demo else "") + f"""
  Status / health:      {base}/health""")
    for token, role in demo_tokens.items():
        print(f"  Token voor deze sessie / token for this session ({role}): {token}")
    print(flush=True)
    app = create_app(repo, tokens, max_body_bytes=int(args.max_body_mb * 1_000_000))
    schema_for(repo)
    tune_garbage_collector()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    repo.close()
    return 0
