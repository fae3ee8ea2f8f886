"""The bottom layer: what every other layer may use and that uses nothing of the project: the public
vocabulary's IRIs, errors a user can act on, codes, RDF term conversion, media types, access roles.
See docs/architecture.md."""
