"""The `doelgraaf` command. See docs/architecture.md."""
