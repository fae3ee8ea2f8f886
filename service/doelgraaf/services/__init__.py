"""What the service does, independent of how it is asked (GraphQL, HTTP, CLI): routers stay thin."""
