"""The `doelgraaf` command.

Every user error is one line in Dutch and English: exit code 2 for input that cannot be used, 3 when
the store cannot be reached or opened; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from doelgraaf.cli.options import open_store, open_store_to_write, store_options
from doelgraaf.core.errors import UserError
from doelgraaf.store.repository import StoreUnavailable

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_STORE = 0, 1, 2, 3


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, bilingual like ours
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"doelgraaf: ongeldige opdracht / invalid command: {message}\n")


def _codes(args: argparse.Namespace) -> list[str] | None:
    """The codes given with --municipality, in capitals, or a message that names the option."""
    from doelgraaf.core.codes import check_code

    return None if args.municipality is None else [check_code(c, "--municipality") for c in args.municipality]


def _cmd_validate(args: argparse.Namespace) -> int:
    from doelgraaf.ingest.loading import as_loaded
    from doelgraaf.ingest.municipality_graphs import split_by_municipality
    from doelgraaf.ingest.rdf_files import read_file
    from doelgraaf.validation import validate

    documents = [read_file(path) for path in args.files]
    groups = split_by_municipality(documents, _codes(args))
    if not groups:
        raise UserError(
            "de invoer bevat geen triples (of geen van de genoemde gemeenten)",
            "the input holds no triples (or none of the municipalities named)",
        )
    worst = EXIT_OK
    outputs = []
    for code, graph in sorted(groups.items(), key=lambda kv: kv[0] or ""):
        report = validate(as_loaded(graph))  # the verdict `load` would give
        if report.violations or (args.strict and report.warnings):
            worst = EXIT_INVALID
        if args.format == "json":
            outputs.append(report.as_json())
        elif args.format == "turtle":
            outputs.append(report.as_turtle())
        else:
            header = f"== {code} ==\n" if code and len(groups) > 1 else ""
            outputs.append(header + report.as_text(args.lang))
    print("\n".join(outputs))
    return worst


def _print_load(outcome, lang: str) -> None:
    for code, report in sorted(outcome.reports.items()):
        print(f"== {code}: {outcome.triples[code]} triples ==")
        print(report.as_text(lang))
    print(_verdict(outcome.stored, [r for report in outcome.reports.values() for r in report.results], outcome.strict))


def _verdict(stored: bool, results: list, strict: bool) -> str:
    """The last line of a load or import: stored with how many findings, or why nothing was stored."""
    if stored:
        return (f"opgeslagen, met {len(results)} bevinding(en) om op te lossen / "
                f"stored, with {len(results)} finding(s) to resolve") if results else "opgeslagen / stored"
    blocking = sum(1 for r in results if r.blocking)
    if blocking:
        return (f"niets opgeslagen: {blocking} bevinding(en) blokkeren (BLOKKEERT hierboven); los die op en probeer opnieuw / "
                f"nothing stored: {blocking} finding(s) block (BLOCKS above); resolve them and try again")
    return ("niets opgeslagen: met --strict weigert elke fout; los de fouten op of laat --strict weg / "
            "nothing stored: with --strict every violation refuses; resolve the violations or leave out --strict") if strict else \
        "niets opgeslagen / nothing stored"


def _cmd_load(args: argparse.Namespace) -> int:
    from doelgraaf.ingest.loading import load_documents
    from doelgraaf.ingest.rdf_files import read_file

    documents = [read_file(path) for path in args.files]
    repo = open_store_to_write(args)
    try:
        outcome = load_documents(repo, documents, _codes(args), strict=args.strict)
    finally:
        repo.close()
    _print_load(outcome, args.lang)
    return EXIT_OK if outcome.stored else EXIT_INVALID


def _cmd_export(args: argparse.Namespace) -> int:
    codes = _codes(args)
    repo = open_store(args)
    try:
        if args.kind == "xlsx":
            from doelgraaf.ingest.spreadsheet.export import export_workbook

            if len(codes) != 1 or not args.output:
                raise UserError("een werkmap is voor één gemeente en vraagt -o BESTAND.xlsx",
                                "a workbook is for one municipality and needs -o FILE.xlsx", where="export xlsx")
            data = export_workbook(repo, codes[0])
        else:
            from doelgraaf.analysis.export import export

            data = export(repo, codes, args.format).encode("utf-8")
    finally:
        repo.close()
    if args.output:
        with open(args.output, "wb") as out:
            out.write(data)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    repo = open_store_to_write(args)
    try:
        if args.kind == "xlsx":
            from doelgraaf.core.codes import check_code
            from doelgraaf.ingest.spreadsheet.importing import import_workbook

            code = check_code(args.municipality, "--municipality")
            try:
                data = open(args.file, "rb").read()
            except OSError as exc:
                raise UserError(f"kan het bestand niet lezen ({exc.strerror})", f"cannot read the file ({exc.strerror})", where=args.file) from None
            outcome = import_workbook(repo, data, code, args.file, strict=args.strict)
            for line in outcome.messages(args.lang):
                print(line)
            print(_verdict(outcome.stored, [r for report in outcome.reports.values() for r in report.results], args.strict))
            return EXIT_OK if outcome.stored else EXIT_INVALID
        from doelgraaf.ingest.cbs_iv3 import import_file

        report = import_file(repo, args.file, args.year, args.phase)
        print(report.as_text(args.lang))
        return EXIT_OK
    finally:
        repo.close()


def _cmd_backup(args: argparse.Namespace) -> int:
    from doelgraaf.store.embedded import EmbeddedRepository

    target = Path(args.target)
    if target.exists() and any(target.iterdir()):
        raise UserError("de doelmap bestaat al en is niet leeg", "the target directory exists and is not empty", where=str(target))
    repo = EmbeddedRepository(Path(args.store))
    try:
        repo.backup(target)
    finally:
        repo.close()
    print(f"back-up gemaakt / backup written: {target}")
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    import shutil

    from doelgraaf.store.embedded import EmbeddedRepository

    source, store = Path(args.backup), Path(args.store)
    if not source.is_dir():
        raise UserError("back-upmap niet gevonden", "backup directory not found", where=str(source))
    if store.exists() and any(store.iterdir()):
        raise UserError("de store bestaat al; zet hem eerst opzij (herstellen overschrijft nooit)",
                        "the store exists; move it aside first (restoring never overwrites)", where=str(store))
    shutil.copytree(source, store, dirs_exist_ok=True)
    repo = EmbeddedRepository(store)  # proves the copy opens as a store
    sizes = repo.graph_sizes()
    repo.close()
    print(f"hersteld / restored: {store} ({len(sizes)} graphs, {sum(sizes.values())} triples)")
    return EXIT_OK


def _cmd_docs(args: argparse.Namespace) -> int:
    from doelgraaf.publishing.documentation import build_site

    for path in build_site(Path(args.out_dir)):
        print(path)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from doelgraaf.cli.serve import serve

    return serve(args)


def _cmd_schema(args: argparse.Namespace) -> int:
    from doelgraaf.graphql.schema import sdl

    sys.stdout.write(sdl())
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="doelgraaf",
        description="Doelgericht sturen als kennisgraaf / goal-oriented steering as a knowledge graph",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser(
        "validate",
        help="controleer gegevens tegen ontologie, vocabulaires en shapes / validate data",
        description="Exit 0: voldoet (waarschuwingen toegestaan) / conforms; 1: fouten / violations "
        "(met --strict ook waarschuwingen / with --strict warnings too); 2: invoer onleesbaar / unreadable input.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML")
    validate.add_argument("--municipality", nargs="+", metavar="GM", help="gemeentecode(s), bijv. GM9999")
    validate.add_argument("--lang", choices=("nl", "en"), default="nl")
    validate.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    validate.add_argument("--strict", action="store_true",
                          help="ook waarschuwingen (SMART) geven exit 1 / warnings (SMART) exit 1 too")
    validate.set_defaults(handler=_cmd_validate)

    load = commands.add_parser("load", help="laad bestanden in de store, na controle / load files into the store, validated first",
                               description="Vervangt de graaf van elke gemeente door de bestanden en bewaart de bevindingen erbij; alleen "
                                           "blokkerende bevindingen (geld of jaren die geen getal zijn, een taakveld dat dat jaar niet "
                                           "geldt, een aandeel buiten 0..1) weigeren. Exit 0: opgeslagen; 1: geweigerd; 2: onleesbaar. "
                                           "/ Replaces each municipality's graph by the files and keeps the findings with it; only "
                                           "blocking findings refuse. Exit 0: stored; 1: refused; 2: unreadable.")
    load.add_argument("files", nargs="+", metavar="FILE")
    load.add_argument("--municipality", nargs="+", metavar="GM", help="gemeente voor triples buiten een benoemde graaf")
    load.add_argument("--lang", choices=("nl", "en"), default="nl")
    load.add_argument("--strict", action="store_true", help="weiger bij elke fout / refuse on any violation")
    store_options(load)
    load.set_defaults(handler=_cmd_load)

    export = commands.add_parser("export", help="schrijf gemeenten uit als RDF of werkmap / write municipalities out as RDF or workbook")
    export.add_argument("kind", nargs="?", choices=("rdf", "xlsx"), default="rdf",
                        help="rdf (standaard/default) of xlsx: het ingevulde sjabloon / the filled-in template")
    export.add_argument("--municipality", nargs="+", metavar="GM", required=True)
    export.add_argument("--format", choices=("turtle", "trig", "jsonld"), default="turtle")
    export.add_argument("--output", "-o", metavar="FILE")
    store_options(export)
    export.set_defaults(handler=_cmd_export)

    importing = commands.add_parser("import", help="importeer een werkmap of CBS Iv3-cijfers / import a workbook or CBS Iv3 figures")
    import_kinds = importing.add_subparsers(dest="kind", required=True, parser_class=_Parser)
    xlsx = import_kinds.add_parser("xlsx", help="het ingevulde Doelgraaf-sjabloon / the filled-in template",
                                   description="Rijen worden RDF, opgeslagen met hun bevindingen (blad, rij en kolom); alleen "
                                               "blokkerende bevindingen weigeren. Exit 0: opgeslagen; 1: geweigerd; 2: onleesbaar. "
                                               "/ Rows become RDF, stored with their findings (sheet, row and column); only blocking "
                                               "findings refuse. Exit 0: stored; 1: refused; 2: unreadable.")
    xlsx.add_argument("file", metavar="FILE")
    xlsx.add_argument("--municipality", required=True, metavar="GM")
    xlsx.add_argument("--lang", choices=("nl", "en"), default="nl")
    xlsx.add_argument("--strict", action="store_true", help="weiger bij elke fout / refuse on any violation")
    store_options(xlsx)
    xlsx.set_defaults(handler=_cmd_import)
    cbs = import_kinds.add_parser("cbs-iv3", help="CBS Iv3-cijfers van alle gemeenten / CBS Iv3 figures of all municipalities",
                                  description="Een CSV zoals data/cbs-iv3/ (k€, ';'-gescheiden, CBS-namen). "
                                              "/ A CSV as in data/cbs-iv3/ (thousands of euros, ';'-separated, CBS names).")
    cbs.add_argument("file", metavar="FILE")
    cbs.add_argument("--year", type=int, required=True)
    cbs.add_argument("--phase", choices=("ADOPTED", "REALISED"), required=True)
    cbs.add_argument("--lang", choices=("nl", "en"), default="nl")
    store_options(cbs)
    cbs.set_defaults(handler=_cmd_import)

    backup = commands.add_parser("backup", help="online back-up van de ingebouwde store / online backup of the embedded store",
                                 description="Maakt een consistente kopie terwijl de service doordraait (Oxigraph-backup). "
                                             "/ Writes a consistent copy while the service keeps running.")
    backup.add_argument("target", metavar="DIR")
    backup.add_argument("--store", metavar="DIR", default="doelgraaf-data")
    backup.set_defaults(handler=_cmd_backup)
    restore = commands.add_parser("restore", help="herstel een back-up naar een nieuwe store / restore a backup into a new store")
    restore.add_argument("backup", metavar="BACKUP_DIR")
    restore.add_argument("--store", metavar="DIR", default="doelgraaf-data")
    restore.set_defaults(handler=_cmd_restore)

    docs = commands.add_parser("docs", help="HTML-documentatie van ontologie en vocabulaires / HTML documentation")
    docs.add_argument("out_dir", metavar="OUT_DIR")
    docs.set_defaults(handler=_cmd_docs)

    serve = commands.add_parser("serve", help="start de service / start the service")
    store_options(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--tokens", metavar="FILE", help="JSON {token: 'editor:GM0000' | 'partner:GM0000:<sleutel/key>' | 'reader' | 'admin'}; ook/also DOELGRAAF_TOKENS")
    serve.add_argument("--demo", action="store_true", help="laad de demogemeente GM9999 als die ontbreekt / load the demo if absent")
    serve.add_argument("--max-body-mb", type=float, default=12.0,
                       help="grootste verzoek in MB, daarboven 413 / largest request body in MB, 413 above (default 12)")
    serve.set_defaults(handler=_cmd_serve)

    schema = commands.add_parser("schema", help="het GraphQL-schema (SDL) / the GraphQL schema")
    schema.set_defaults(handler=_cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as error:
        print(f"doelgraaf: {error.text()}", file=sys.stderr)
        return EXIT_INPUT
    except StoreUnavailable as error:
        print(f"doelgraaf: {error}", file=sys.stderr)
        return EXIT_STORE
    except BrokenPipeError:  # output cut short by the reader (| head): not an error of ours
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
