"""Options every store-using command shares, and opening the store they name."""

from __future__ import annotations

import argparse


def store_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", default="doelgraaf-data",
                       help="ingebouwde Oxigraph-store op schijf / embedded on-disk store (standaard/default ./doelgraaf-data)")
    where.add_argument("--endpoint", metavar="URL",
                       help="query-URL van een SPARQL 1.1-endpoint, zoals gegeven (docs/stores.md) / query URL of a SPARQL endpoint, as given")
    parser.add_argument("--update-endpoint", metavar="URL",
                        help="update-URL (standaard dezelfde als --endpoint) / update URL (default: the query URL)")
    parser.add_argument("--graph-store", metavar="URL",
                        help="Graph Store Protocol-URL, als de server er een heeft / Graph Store Protocol URL, if any")
    # credentials never on the command line, where others see them in the process list: from the environment
    # (DOELGRAAF_ENDPOINT_USER with _PASSWORD or _PASSWORD_FILE, or DOELGRAAF_ENDPOINT_TOKEN(_FILE))


def open_store(args: argparse.Namespace):
    """The store the options name: --endpoint, or the embedded store in --store."""
    from doelgraaf.store import open_repository

    if args.endpoint:
        from doelgraaf.store.protocol import Credentials

        return open_repository(endpoint=args.endpoint, update_endpoint=args.update_endpoint, graph_store=args.graph_store,
                               credentials=Credentials.from_environment())
    return open_repository(store=args.store)


def open_store_to_write(args: argparse.Namespace):
    """The store with the project's ontology, shapes and vocabularies in it: what is written next is
    read against them (a CBS file names municipalities the vocabulary knows), also in a store that
    `doelgraaf serve` never opened."""
    from doelgraaf.catalogue import shared_graphs

    repo = open_store(args)
    try:
        shared_graphs.install(repo)
    except BaseException:
        repo.close()
        raise
    return repo
