"""HTTP: FastAPI routers, kept thin; the work is done in the layers below (docs/architecture.md)."""
