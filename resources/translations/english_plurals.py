"""Write pixop_desktop_en.ts: the English singular and plural of every "%n …(s)" message.

English is the source language, so only plural ("numerus") messages need a catalogue:
without one, Qt prints "1 video(s)". For each ``<message numerus="yes">`` of the
template this derives "1 video" / "3 videos" from the source (``(s)`` → "" / "s",
and the verb after it: "(s) are" → "is" / "are", "(s) were" → "was" / "were").
Forms already in pixop_desktop_en.ts are kept, so a hand-corrected one survives.
Other messages are left out: Qt then shows the English source text.

Run after ``make translations`` and read each new form:
    .venv/bin/python resources/translations/english_plurals.py
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATE = HERE / "pixop_desktop.ts"
ENGLISH = HERE / "pixop_desktop_en.ts"
VERBS = {"are": "is", "were": "was", "have": "has"}  # plural verb → singular, right after "(s)"


def english_forms(source: str) -> tuple[str, str]:
    """(singular, plural) of a source text with "(s)" plurals."""
    def singular_verb(match: re.Match) -> str:
        return VERBS[match.group(1)]
    singular = re.sub(r"(?<=\(s\) )(" + "|".join(VERBS) + r")\b", singular_verb, source)
    return singular.replace("(s)", ""), source.replace("(s)", "s")


def numerus_messages(path: Path) -> dict[tuple[str, str], list[str]]:
    """(context, source) → the numerus forms written for it (empty strings if none)."""
    if not path.exists():
        return {}
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                forms = [form.text or "" for form in message.iter("numerusform")]
                found[(name, message.findtext("source", ""))] = forms
    return found


def build(template: Path = TEMPLATE, existing: Path = ENGLISH) -> ET.ElementTree:
    kept = numerus_messages(existing)
    root = ET.Element("TS", version="2.1", language="en")
    contexts: dict[str, ET.Element] = {}
    for (context, source), _ in numerus_messages(template).items():
        forms = kept.get((context, source))
        if not forms or not all(forms) or len(forms) != 2:
            forms = list(english_forms(source))
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message", numerus="yes")
        ET.SubElement(message, "source").text = source
        translation = ET.SubElement(message, "translation")
        for form in forms:
            ET.SubElement(translation, "numerusform").text = form
    tree = ET.ElementTree(root)
    ET.indent(tree, space="    ")
    return tree


def main() -> int:
    tree = build()
    with ENGLISH.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(out, encoding="unicode")
        out.write("\n")
    for message in tree.getroot().iter("message"):
        print(" / ".join(form.text for form in message.iter("numerusform")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
