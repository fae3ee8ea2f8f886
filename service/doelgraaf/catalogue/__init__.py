"""The shared graphs every municipality builds on (ontology, shapes, vocabularies) and what is derived
from them: the data model of the shapes, taakveld successions, subclasses. See docs/architecture.md."""
