"""Where the project's own files live.

The package runs from a checkout (``pip install -e .``): ontology, shapes and data sit at the
top of the repository, next to ``service/``, so that reusers find them without reading Python.
"""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]
PROJECT_ROOT = PACKAGE_DIR.parents[1]
ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "doelgraaf.ttl"
VOCAB_DIR = ONTOLOGY_DIR / "vocab"
SHAPES_DIR = PROJECT_ROOT / "shapes"
DATA_DIR = PROJECT_ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"
EXAMPLES_DIR = DATA_DIR / "examples"
QUERIES_DIR = PACKAGE_DIR / "queries"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
API_PAGES_DIR = PACKAGE_DIR / "api" / "pages"
ASSETS_DIR = PACKAGE_DIR / "api" / "assets"
