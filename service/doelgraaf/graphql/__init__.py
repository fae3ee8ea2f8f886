"""GraphQL: object types derived from the SHACL node shapes, with hand-written analytic fields."""
