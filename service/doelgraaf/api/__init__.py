"""HTTP: FastAPI routers, kept thin; the work is done in doelgraaf.services."""
