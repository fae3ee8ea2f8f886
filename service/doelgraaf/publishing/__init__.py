"""Ontology, shapes and vocabularies for people: HTML pages and the class diagram."""
