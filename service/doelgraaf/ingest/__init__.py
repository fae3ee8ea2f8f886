"""Everything that brings a municipality's data in: RDF files, the spreadsheet template, CBS figures and
edits, all through the same validation gate. See docs/architecture.md."""
