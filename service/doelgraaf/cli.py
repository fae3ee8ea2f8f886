"""The `doelgraaf` command.

Every user error is one line in Dutch and English with exit code 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import argparse
import sys

from doelgraaf.errors import UserError

EXIT_OK, EXIT_INVALID, EXIT_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's own errors, bilingual like ours
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"doelgraaf: ongeldige opdracht / invalid command: {message}\n")


def _cmd_validate(args: argparse.Namespace) -> int:
    from doelgraaf.importers.municipality_graphs import split_by_municipality
    from doelgraaf.importers.rdf_files import read_file
    from doelgraaf.validation import validate

    documents = [read_file(path) for path in args.files]
    groups = split_by_municipality(documents, args.municipality)
    if not groups:
        raise UserError(
            "de invoer bevat geen triples (of geen van de genoemde gemeenten)",
            "the input holds no triples (or none of the municipalities named)",
        )
    worst = EXIT_OK
    outputs = []
    for code, graph in sorted(groups.items(), key=lambda kv: kv[0] or ""):
        report = validate(graph)
        if not report.conforms:
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="doelgraaf",
        description="Doelgericht sturen als kennisgraaf / goal-oriented steering as a knowledge graph",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    validate = commands.add_parser(
        "validate",
        help="controleer gegevens tegen ontologie, vocabulaires en shapes / validate data",
        description="Exit 0: voldoet (waarschuwingen toegestaan) / conforms; 1: fouten / violations; "
        "2: invoer onleesbaar / unreadable input.",
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML")
    validate.add_argument("--municipality", nargs="+", metavar="GM", help="gemeentecode(s), bijv. GM9999")
    validate.add_argument("--lang", choices=("nl", "en"), default="nl")
    validate.add_argument("--format", choices=("text", "json", "turtle"), default="text")
    validate.set_defaults(handler=_cmd_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except UserError as error:
        print(f"doelgraaf: {error.message()}", file=sys.stderr)
        return EXIT_INPUT
    except BrokenPipeError:  # output cut short by the reader (| head): not an error of ours
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
