"""Options every store-using command shares, and opening the store they name."""

from __future__ import annotations

import argparse


def store_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--store", metavar="DIR", default="doelgraaf-data",
                       help="ingebouwde Oxigraph-store op schijf / embedded on-disk store (standaard/default ./doelgraaf-data)")
    where.add_argument("--endpoint", metavar="URL",
                       help="SPARQL 1.1-endpoint (query-URL of basis-URL van een Oxigraph-server) / SPARQL endpoint")
    parser.add_argument("--update-endpoint", metavar="URL", help="update-URL als die niet …/update is / update URL")
    parser.add_argument("--graph-store", metavar="URL", help="Graph Store Protocol-URL als die niet …/store is")


def open_store(args: argparse.Namespace):
    """The store the options name: --endpoint, or the embedded store in --store."""
    from doelgraaf.store import open_repository

    if args.endpoint:
        from doelgraaf.store.remote import RemoteRepository

        return RemoteRepository(args.endpoint, args.update_endpoint, args.graph_store)
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
