"""GraphQL's own messages in Dutch, with graphql-core's English beside them untouched.

The parser, the validation rules (graphql.validation.rules), input coercion and the schema's limits write
their messages from fixed templates; each template here is read back with a pattern and written in Dutch.
A message that is not one of these stays English only: a translation that guesses would mislead.
"""

import re

_NAME = r"'[^']*'"


def _suggestion(text: str) -> str | None:
    """graphql-core's " Did you mean 'a', 'b', or 'c'?" (or nothing) in Dutch."""
    if not text:
        return ""
    found = re.fullmatch(r" Did you mean (?P<what>the enum value |to use an inline fragment on )?(?P<names>.+)\?", text, re.S)
    if found is None:
        return None
    what = {"the enum value ": "de enumwaarde ", "to use an inline fragment on ": "een inline fragment op "}.get(found["what"] or "", "")
    return f" Bedoelt u {what}{re.sub(r',? or ', ' of ', found['names'])}?"


def _via(text: str) -> str:
    return f" (via {text})" if text else ""


def _path(text: str) -> str:
    return text.replace(" at ", " op ", 1)


_REASONS = (
    (rf"(?P<a>{_NAME}) and (?P<b>{_NAME}) are different fields", "{a} en {b} zijn verschillende velden"),
    (r"they have differing arguments", "ze hebben verschillende argumenten"),
    (rf"they return conflicting types (?P<a>{_NAME}) and (?P<b>{_NAME})", "ze geven verschillende typen, {a} en {b}"),
)

_SYNTAX = (
    (r"Document contains more than (?P<n>\d+) tokens\. Parsing aborted\.", "de vraag heeft meer dan {n} tokens; het lezen is gestopt."),
    (r"Unexpected character: (?P<c>.+)\.", "onverwacht teken: {c}."),
    (r"Unexpected (?P<a>.+)\.", "onverwacht {a}."),
    (r"Expected (?P<a>.+), found (?P<b>.+)\.", "verwacht {a}, gevonden {b}."),
    (r"Unterminated string\.", "tekst zonder afsluitend aanhalingsteken."),
    (r"Invalid character within String: (?P<c>.+)\.", "ongeldig teken in tekst: {c}."),
    (r"Invalid character escape sequence: (?P<c>.+)\.", "ongeldige escape in tekst: {c}."),
    (r"Invalid number, expected digit but got: (?P<c>.+)\.", "ongeldig getal, verwacht een cijfer maar gevonden: {c}."),
)

_MESSAGES = (
    # fields, arguments and types
    (rf"Cannot query field (?P<field>{_NAME}) on type (?P<type>{_NAME})\.(?P<suggestion>.*)", "Veld {field} bestaat niet op type {type}.{suggestion}"),
    (rf"Unknown argument (?P<arg>{_NAME}) on (?P<on>field|directive|fragment) (?P<name>{_NAME})\.(?P<suggestion>.*)",
     "Argument {arg} bestaat niet op {on} {name}.{suggestion}"),
    (rf"Argument (?P<arg>{_NAME}) of type (?P<type>{_NAME}) is required, but it was not provided\.",
     "Argument {arg} van type {type} is verplicht, maar ontbreekt."),
    (rf"Unknown type (?P<type>{_NAME})\.(?P<suggestion>.*)", "Type {type} bestaat niet.{suggestion}"),
    (rf"Field (?P<field>{_NAME}) of type (?P<type>{_NAME}) must have a selection of subfields\. Did you mean (?P<again>{_NAME})\?",
     "Veld {field} van type {type} vraagt om subvelden. Bedoelt u {again}?"),
    (rf"Field (?P<field>{_NAME}) must not have a selection since type (?P<type>{_NAME}) has no subfields\.",
     "Veld {field} kan geen subvelden hebben: type {type} heeft er geen."),
    (rf"Field (?P<field>{_NAME}) of type (?P<type>{_NAME}) must have at least one field selected\.",
     "Veld {field} van type {type} vraagt om ten minste één subveld."),
    (rf"There can be only one argument named (?P<arg>{_NAME})\.", "Argument {arg} mag maar één keer voorkomen."),
    (rf"There can be only one input field named (?P<field>{_NAME})\.", "Invoerveld {field} mag maar één keer voorkomen."),
    (rf"Fields (?P<name>{_NAME}) conflict because (?P<reason>.*)\. Use different aliases on the fields to fetch both if this was intentional\.",
     "Velden {name} botsen: {reason}. Geef ze verschillende aliassen om ze allebei te vragen."),
    (r"Cannot return null for non-nullable field (?P<field>[\w.]+)\.", "Veld {field} mag niet leeg zijn, maar de gegevens hebben er geen waarde voor."),
    # values
    (r"String cannot represent a non string value: (?P<v>.*)", "String vraagt tekst, niet: {v}"),
    (r"ID cannot represent a non-string and non-integer value: (?P<v>.*)", "ID vraagt tekst of een geheel getal, niet: {v}"),
    (r"Int cannot represent non-integer value: (?P<v>.*)", "Int vraagt een geheel getal, niet: {v}"),
    (r"Int cannot represent non 32-bit signed integer value: (?P<v>.*)", "Int vraagt een geheel getal van 32 bits, niet: {v}"),
    (r"Float cannot represent non numeric value: (?P<v>.*)", "Float vraagt een getal, niet: {v}"),
    (r"Boolean cannot represent a non boolean value: (?P<v>.*)", "Boolean vraagt true of false, niet: {v}"),
    (rf"Value (?P<v>{_NAME}) does not exist in (?P<enum>{_NAME}) enum\.(?P<suggestion>.*)", "Waarde {v} bestaat niet in enum {enum}.{suggestion}"),
    (rf"Enum (?P<enum>{_NAME}) cannot represent non-enum value: (?P<v>.*?)\.(?P<suggestion>(?: Did you mean .*)?)",
     "Enum {enum} vraagt een waarde zonder aanhalingstekens, niet: {v}.{suggestion}"),
    (rf"Expected value of type (?P<type>{_NAME}) not to include unknown field (?P<field>{_NAME})(?:\.(?P<suggestion> Did you mean .*?\?) Found|, found): (?P<v>.*)\.",
     "Type {type} heeft geen veld {field}.{suggestion} Gevonden: {v}."),
    (rf"Expected value of type (?P<type>{_NAME}) to include required field (?P<field>{_NAME}), found: (?P<v>.*)\.",
     "Een waarde van type {type} mist het verplichte veld {field}, gevonden: {v}."),
    (rf"Expected value of type (?P<type>{_NAME}) to be an object, found: (?P<v>.*)\.", "Een waarde van type {type} moet een object zijn, gevonden: {v}."),
    (rf"Expected value of type (?P<type>{_NAME}), but encountered error (?P<error>'.*'); found: (?P<v>.*)\.",
     "Ongeldige waarde voor type {type} (fout {error}): {v}."),
    (rf"Expected value of type (?P<type>{_NAME}), found: (?P<v>.*)\.", "Ongeldige waarde voor type {type}: {v}."),
    (rf"Expected value of non-null type (?P<type>{_NAME}) not to be None\.", "Een waarde van type {type} mag niet null zijn."),
    (rf"Expected a value of non-null type (?P<type>{_NAME}) to be provided\.", "Een waarde van type {type} ontbreekt."),
    # variables
    (rf"Variable (?P<var>{_NAME}) has invalid (?P<default>default )?value(?P<path> at \S+)?: (?P<inner>.*)",
     "Variabele {var} heeft een ongeldige {default}waarde{path}: {inner}"),
    (rf"Argument (?P<arg>{_NAME}) has invalid value(?P<path> at \S+)?: (?P<inner>.*)", "Argument {arg} heeft een ongeldige waarde{path}: {inner}"),
    (rf"Variable (?P<var>{_NAME}) of type (?P<a>{_NAME}) used in position expecting type (?P<b>{_NAME})\.",
     "Variabele {var} van type {a} staat waar type {b} wordt verwacht."),
    (rf"Variable (?P<var>{_NAME}) is not defined\.", "Variabele {var} is niet gedeclareerd."),
    (rf"Variable (?P<var>{_NAME}) is not defined by operation (?P<op>{_NAME})\.", "Variabele {var} is niet gedeclareerd in operatie {op}."),
    (rf"Variable (?P<var>{_NAME}) is never used\.", "Variabele {var} wordt nergens gebruikt."),
    (rf"Variable (?P<var>{_NAME}) is never used in (?P<kind>operation|fragment) (?P<name>{_NAME})\.",
     "Variabele {var} wordt nergens gebruikt in {kind} {name}."),
    (rf"Variable (?P<var>{_NAME}) cannot be non-input type (?P<type>{_NAME})\.", "Variabele {var} kan geen type {type} hebben: dat is geen invoertype."),
    (rf"Variable (?P<var>{_NAME}) of required type (?P<type>{_NAME}) was not provided\.", "Variabele {var} van verplicht type {type} ontbreekt."),
    (rf"Variable (?P<var>{_NAME}) of non-null type (?P<type>{_NAME}) must not be null\.", "Variabele {var} van type {type} mag niet null zijn."),
    (rf"There can be only one variable named (?P<var>{_NAME})\.", "Er mag maar één variabele {var} heten."),
    # fragments
    (rf"Unknown fragment (?P<name>{_NAME})\.", "Fragment {name} bestaat niet."),
    (rf"Fragment (?P<name>{_NAME}) is never used\.", "Fragment {name} wordt nergens gebruikt."),
    (rf"Cannot spread fragment (?P<name>{_NAME}) within itself(?: via (?P<via>.*))?\.", "Fragment {name} kan niet in zichzelf staan{via}."),
    (rf"Fragment(?P<name> {_NAME})? cannot be spread here as objects of type (?P<a>{_NAME}) can never be of type (?P<b>{_NAME})\.",
     "Fragment{name} kan hier niet staan: objecten van type {a} zijn nooit van type {b}."),
    (rf"Fragment(?P<name> {_NAME})? cannot condition on non composite type (?P<type>{_NAME})\.",
     "Fragment{name} kan niet op type {type}: dat is geen object, interface of union."),
    (rf"There can be only one fragment named (?P<name>{_NAME})\.", "Er mag maar één fragment {name} heten."),
    # directives and operations
    (rf"Unknown directive (?P<name>{_NAME})\.", "Directive {name} bestaat niet."),
    (rf"Directive (?P<name>{_NAME}) may not be used on (?P<where>\w+)\.", "Directive {name} mag niet op {where} staan."),
    (rf"The directive (?P<name>{_NAME}) can only be used once at this location\.", "Directive {name} mag hier maar één keer staan."),
    (r"This anonymous operation must be the only defined operation\.", "Een operatie zonder naam moet de enige operatie zijn."),
    (rf"There can be only one operation named (?P<name>{_NAME})\.", "Er mag maar één operatie {name} heten."),
    (r"The (?P<op>query|mutation|subscription) operation is not supported by the schema\.", "Dit schema kent geen {op}."),
    (r"The (?P<name>.+) definition is not executable\.", "De definitie {name} is niet uit te voeren: een vraag bevat alleen operaties en fragmenten."),
    # the parser and the limits of this schema (graphql/schema.py)
    (r"Syntax Error: (?P<syntax>.*)", "Syntaxfout: {syntax}"),
    (rf"(?P<name>{_NAME}) exceeds maximum operation depth of (?P<n>\d+)", "{name} is dieper dan de grens van {n} niveaus"),
    (r"(?P<n>\d+) aliases found\. Allowed: (?P<max>\d+)", "{n} aliassen gevonden; toegestaan: {max}"),
)


def _table(table, text: str) -> str | None:
    for pattern, dutch in table:
        found = re.fullmatch(pattern, text, re.S)
        if found is None:
            continue
        parts = {}
        for name, value in found.groupdict().items():
            part = _PARTS.get(name, lambda v: v)(value or "")
            if part is None:
                return None
            parts[name] = part
        return dutch.format(**parts)
    return None


_WORDS = {"field": "veld", "operation": "operatie"}  # directive and fragment are the same in Dutch

_PARTS = {
    "on": lambda text: _WORDS.get(text, text),
    "kind": lambda text: _WORDS.get(text, text),
    "suggestion": _suggestion,
    "via": _via,
    "path": _path,
    "default": lambda text: "standaard" if text else "",
    "reason": lambda text: _table(_REASONS, text),
    "syntax": lambda text: _table(_SYNTAX, text),
    "inner": lambda text: dutch(text),
}


def dutch(message: str) -> str | None:
    """The Dutch of one of GraphQL's own messages, or None when it is not one of the known templates."""
    return _table(_MESSAGES, message)


def bilingual(message: str) -> tuple[str, str | None]:
    """(message for the client, its Dutch or None): "Dutch / English", or the English alone when it is not known."""
    nl = dutch(message)
    return (message if nl is None else f"{nl} / {message}"), nl
