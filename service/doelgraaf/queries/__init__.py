"""The SPARQL that matters, as .rq files runnable in any SPARQL client.

Variables that the service binds at run time are listed in each file's header comment
("# bound: ?graph ?year ..."); see doelgraaf.store.sparql_text for how they are bound.
"""

from functools import lru_cache

from doelgraaf.paths import QUERIES_DIR


@lru_cache(maxsize=None)
def load(name: str) -> str:
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")
