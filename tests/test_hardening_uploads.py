"""Uploads and parsers under attack: every bad input gets a clear 4xx or exit 2, nothing is fetched,
read, expanded or written where it should not be."""

import json
import sys
import time

import pytest
from doelgraaf.core.errors import UserError
from doelgraaf.core.paths import EXAMPLES_DIR
from doelgraaf.ingest.rdf_files import parse_bytes
from doelgraaf.ingest.safety import CONTEXT_IRI

from tests.conftest import EDITOR, OTHER_EDITOR, Listener, embedded_demo_store, run_cli

# the back-end is not what these tests are about: the embedded store only keeps the suite fast
demo_store = pytest.fixture(scope="module", name="demo_store")(embedded_demo_store)
# on one worker: the module's demo store is built once, not on each worker
pytestmark = pytest.mark.xdist_group("hardening-uploads")

DEMO = (EXAMPLES_DIR / "gm9999-meerwijk.ttl").read_bytes()


def upload(client, body: bytes, media: str, token=EDITOR, params=None):
    headers = {"content-type": media}
    if token:
        headers["authorization"] = f"Bearer {token}"
    return client.post("/import/rdf", content=body, headers=headers, params=params or {})


OPENED: list[str] = []
sys.addaudithook(lambda event, args: OPENED.append(str(args[0])) if event == "open" and args else None)


@pytest.mark.parametrize("context", ["remote", "file", "path", "import"])
def test_jsonld_contexts_are_never_fetched_or_read(context, tmp_path):
    secret = tmp_path / "secret.jsonld"
    secret.write_text('{"@context": {"x": "http://example.org/x"}}')
    listener = Listener("/context.jsonld")
    value = {"remote": listener.url, "file": secret.as_uri(), "path": str(secret),
             "import": {"@import": listener.url}}[context]
    document = json.dumps({"@context": value, "@id": "http://example.org/a", "x": "b"}).encode()
    OPENED.clear()
    try:
        with pytest.raises(UserError) as error:
            parse_bytes(document, "jsonld", "upload.jsonld")
        time.sleep(0.3)
    finally:
        listener.close()
    assert listener.connections == 0
    assert str(secret) not in OPENED
    assert "context" in error.value.nl.lower() or "@import" in error.value.nl


def test_inline_and_own_contexts_work():
    inline = {"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}, "@id": "http://example.org/a", "label": "x"}
    assert len(parse_bytes(json.dumps(inline).encode(), "jsonld", "x").quads) == 1
    own = {"@context": CONTEXT_IRI, "@id": "https://w3id.org/doelgraaf/id/GM9999/doel/x", "@type": "Goal"}
    quads = parse_bytes(json.dumps(own).encode(), "jsonld", "x").quads
    assert quads[0].object.value == "https://w3id.org/doelgraaf/def#Goal"


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
        + b']><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://a">'
        b"<rdf:value>&lol9;</rdf:value></rdf:Description></rdf:RDF>")
XXE = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
       b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="http://a">'
       b"<rdf:value>&x;</rdf:value></rdf:Description></rdf:RDF>")


@pytest.mark.parametrize("document", [BOMB, XXE], ids=["billion-laughs", "xxe"])
def test_xml_entities_are_refused_before_parsing(client, document):
    started = time.monotonic()
    response = upload(client, document, "application/rdf+xml")
    assert response.status_code == 400 and time.monotonic() - started < 1
    assert "DOCTYPE" in response.json()["detail"]


def test_uploads_never_reach_another_municipality(client, demo):
    before = demo.graph_sizes()
    other = b"<https://w3id.org/doelgraaf/graph/GM0001> { <http://example.org/a> <http://example.org/b> \"c\" }"
    response = upload(client, other, "application/trig")
    assert response.status_code == 400 and "GM0001" in response.json()["detail"]
    system = b"<https://w3id.org/doelgraaf/graph/ontology> { <http://example.org/a> <http://example.org/b> \"c\" }"
    assert upload(client, system, "application/trig").status_code == 400
    nquads = b'<http://example.org/a> <http://example.org/b> "c" <https://w3id.org/doelgraaf/graph/vocab/taakvelden> .\n'
    assert upload(client, nquads, "application/n-quads").status_code == 400
    jsonld = json.dumps({"@id": "https://w3id.org/doelgraaf/graph/GM0001", "@graph": [{"@id": "http://example.org/a", "http://example.org/b": "c"}]})
    assert upload(client, jsonld.encode(), "application/ld+json").status_code == 400
    assert upload(client, DEMO, "text/turtle", token=OTHER_EDITOR, params={"municipality": "GM9999"}).status_code == 403
    assert upload(client, DEMO, "text/turtle", token=None, params={"municipality": "GM9999"}).status_code == 401
    assert demo.graph_sizes() == before


def test_blank_nodes_of_two_uploads_never_merge(client, demo):
    assert upload(client, DEMO, "text/turtle").status_code == 200
    first = {t.subject.value for t in demo.graph_triples(_graph()) if "/.well-known/genid/" in t.subject.value}
    assert upload(client, DEMO, "text/turtle").status_code == 200
    second = {t.subject.value for t in demo.graph_triples(_graph()) if "/.well-known/genid/" in t.subject.value}
    assert first and second and not first & second


def _graph():
    import pyoxigraph as ox

    return ox.NamedNode("https://w3id.org/doelgraaf/graph/GM9999")


DEEP_TURTLE = b"<http://a> <http://b> " + b"[ <http://c> " * 20000 + b"<http://d>" + b" ]" * 20000 + b" ."
DEEP_JSONLD = (b'{"@id": "http://a", "http://b": ' + b'{"http://c": ' * 100000 + b"1" + b"}" * 100000 + b"}")


@pytest.mark.parametrize("body,media,needle", [
    (DEEP_JSONLD, "application/ld+json", "diep"),
    (b'@prefix ex: <http://example.org/> .\nex:a ex:b "x .\n', "text/turtle", "regel/line 2"),
    (b"\xff\xfe<http://a> <http://b> <http://c> .", "text/turtle", "UTF-8"),
    (b'<http://a> <http://b> "' + b"x" * 200_000 + b'" .', "text/turtle", "200000"),
    (b"<http://a b> <http://b> <http://c> .", "text/turtle", "kolom/column"),
    (b"<javascript:alert(1)> <http://b> <http://c> .", "text/turtle", "javascript"),
    (b'{"@id": "http://a", "http://b": [', "application/ld+json", "JSON"),
    (b"<rdf:RDF", "application/rdf+xml", "rdfxml"),
], ids=["deep-jsonld", "malformed", "encoding", "huge-literal", "iri-space", "javascript-iri", "bad-json", "bad-xml"])
def test_bad_documents_get_400_with_the_reason(client, demo, body, media, needle):
    before = demo.graph_sizes()
    response = upload(client, body, media)
    assert response.status_code == 400, response.text
    assert needle in response.json()["detail"]
    assert demo.graph_sizes() == before


def test_deeply_nested_turtle_is_read_without_crashing(client):
    response = upload(client, DEEP_TURTLE, "text/turtle")
    assert response.status_code == 200 and response.json()["triples"] == 20001  # untyped nodes: no rule applies


def test_unknown_media_type_and_cli_exit_2(client, tmp_path):
    assert upload(client, b"x", "text/plain").status_code == 415
    bomb = tmp_path / "bom.rdf"
    bomb.write_bytes(BOMB)
    result = run_cli("validate", str(bomb))
    assert result.returncode == 2 and "DOCTYPE" in result.stderr.decode() and "Traceback" not in result.stderr.decode()
    remote = tmp_path / "ctx.jsonld"
    remote.write_text(json.dumps({"@context": "http://example.org/ctx", "@id": "http://a"}))
    result = run_cli("load", str(remote), "--municipality", "GM9999", "--store", str(tmp_path / "s"))
    assert result.returncode == 2 and "context" in result.stderr.decode()
