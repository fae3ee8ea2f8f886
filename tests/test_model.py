"""One model of the data: GraphQL types, mutation inputs and the template's sheets are all read from the
shapes (and shapes/forms.ttl), so a change there shows up in all three and nowhere is it written twice."""

import pytest
from doelgraaf.catalogue.model import DGF, build_model, model
from doelgraaf.catalogue.shared_graphs import shapes_graph
from doelgraaf.graphql.schema import build_schema
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, XSD

DGSH = Namespace("https://w3id.org/doelgraaf/shapes#")
DG = Namespace("https://w3id.org/doelgraaf/def#")


def _with_goal_theme() -> Graph:
    """The shapes with one new property of goals, and a column for it on the Doelen sheet."""
    shapes = Graph()
    shapes += shapes_graph()
    prop = DGSH["Goal-theme"]
    shapes.add((DGSH.GoalShape, SH.property, prop))
    for p, o in ((RDF.type, SH.PropertyShape), (SH.path, DG.theme), (SH.name, Literal("theme")), (SH.maxCount, Literal(1)),
                 (SH.datatype, XSD.gYear), (SH.description, Literal("Themajaar."))):
        shapes.add((prop, p, o))
    columns = shapes.value(DGSH.GoalShape, DGF.columns)
    column = URIRef("urn:test:theme-column")
    shapes.add((column, DGF.field, prop))
    shapes.add((column, DGF.header, Literal("Themajaar", lang="nl")))
    shapes.add((column, DGF.header, Literal("Theme year", lang="en")))
    last = columns
    while shapes.value(last, RDF.rest) != RDF.nil:
        last = shapes.value(last, RDF.rest)
    cell = URIRef("urn:test:theme-cell")
    shapes.set((last, RDF.rest, cell))
    shapes.add((cell, RDF.first, column))
    shapes.add((cell, RDF.rest, RDF.nil))
    return shapes


def test_a_new_property_in_the_shapes_reaches_graphql_mutations_and_the_template():
    changed = build_model(_with_goal_theme())
    sdl = build_schema(changed.kinds, {}).as_str()
    goal_type = sdl.split("type Goal implements Resource {", 1)[1].split("}", 1)[0]
    goal_input = sdl.split("input GoalInput {", 1)[1].split("}", 1)[0]
    assert "theme: Int" in goal_type and "theme: Int = null" in goal_input
    column = changed.sheet("Doelen").column("theme")
    assert (column.nl, column.en, column.type, column.predicate, column.multi) == ("Themajaar", "Theme year", "year", DG.theme, False)
    assert "theme" not in build_schema(model().kinds, {}).as_str()


def test_a_column_must_name_a_field_of_its_own_shape():
    shapes = _with_goal_theme()
    shapes.remove((DGSH.GoalShape, SH.property, DGSH["Goal-theme"]))
    with pytest.raises(ValueError, match="Themajaar.*no field of its shape"):
        build_model(shapes)


def test_sheet_columns_agree_with_the_shapes_on_predicate_and_cardinality():
    for sheet in model().sheets:
        for column in sheet.columns:
            if column.field is not None and column.type in ("ref", "vocab"):
                assert column.predicate == column.field.predicate
                assert column.multi == column.field.many, (sheet.name, column.id)


def test_editable_kinds_are_the_ones_the_model_marks():
    kinds = model().kinds
    mutation = build_schema(kinds, {}).as_str().split("type Mutation {", 1)[1].split("}", 1)[0]
    for name, kind in kinds.items():
        assert (f"create{name}(" in mutation) == kind.editable, name
