"""The SPARQL that matters, as .rq files runnable in any SPARQL client.

Variables that the service binds at run time are listed in each file's header comment
("# bound: ?graph ?year ..."); see doelgraaf.store.sparql_text for how they are bound.
"""

from dataclasses import dataclass
from functools import lru_cache

from doelgraaf.core.paths import QUERIES_DIR


@lru_cache(maxsize=None)
def load(name: str) -> str:
    return (QUERIES_DIR / f"{name}.rq").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Example:
    """An example for the public SPARQL endpoint: public/<name>.rq, its first two comment lines the
    Dutch and the English title."""

    name: str
    title_nl: str
    title_en: str
    text: str


def examples() -> list[Example]:
    found = []
    for path in sorted((QUERIES_DIR / "public").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        found.append(Example(path.stem, lines[0].lstrip("# ").strip(), lines[1].lstrip("# ").strip(), text))
    return found
