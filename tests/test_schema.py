"""The schema editors use, and every YAML example in the docs, agree with the code.

An editor's YAML language server reads YAML 1.2, where 2025-01-01 is text; the specs are
loaded the same way here before they are checked against `handouts schema`.
"""

from __future__ import annotations

import json
import re
import textwrap

import jsonschema
import pytest
import yaml

from handouts.cli import main

from .conftest import ROOT, SHIPPED, SPECS, errors, png

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
HEADER = """\
slug: example
title: An example
audience: clinician
version: 1.0.0
updated: 2025-01-01
review_due: 2026-01-01
status: draft
"""


class Yaml12Loader(yaml.SafeLoader):
    """Safe YAML without the YAML 1.1 timestamp rule, as editors read it."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def schema(kind: str, capsys) -> dict:
    assert main(["schema", kind]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("spec", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_spec_passes_the_schema_editors_use(spec, capsys):
    data = yaml.load(spec.read_text("utf-8"), Loader=Yaml12Loader)
    jsonschema.validate(data, schema("handout", capsys))


def test_packs_and_settings_pass_their_schemas(capsys):
    for pack in sorted((SPECS / "packs").glob("*.yaml")):
        jsonschema.validate(yaml.load(pack.read_text(), Loader=Yaml12Loader),
                            schema("pack", capsys))
    settings = yaml.load((ROOT / "handouts.yaml").read_text(), Loader=Yaml12Loader)
    jsonschema.validate(settings, schema("settings", capsys))


def test_the_schema_rejects_what_check_rejects(capsys):
    data = yaml.load(SHIPPED[0].read_text("utf-8"), Loader=Yaml12Loader)
    data["audience"] = "everyone"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema("handout", capsys))


def examples() -> list[tuple[str, str]]:
    """Return (where, text) for every YAML block in the README and the docs."""
    found = []
    for doc in DOCS:
        text = doc.read_text("utf-8")
        for match in FENCE.finditer(text):
            line = text[:match.start()].count("\n") + 2
            found.append((f"{doc.relative_to(ROOT)}:{line}", match.group(1)))
    return found


@pytest.mark.parametrize("where, text", examples(), ids=[w for w, _ in examples()])
def test_every_yaml_example_in_the_docs_is_valid(where, text, tmp_path, monkeypatch):
    """Each example is a whole file of its kind, or a part of a spec; it must check clean."""
    monkeypatch.chdir(tmp_path)
    specs = tmp_path / "specs"
    (specs / "packs").mkdir(parents=True)
    (specs / "references.yaml").write_text((SPECS / "references.yaml").read_text())
    data = yaml.load(text, Loader=Yaml12Loader)  # plain YAML first: it must parse
    assert isinstance(data, dict), where
    if "references" in data:
        (specs / "references.yaml").write_text(text)
        (specs / "cite.yaml").write_text(HEADER + "summary: '" + " ".join(
            f"[@{r['id']}]" for r in data["references"]) + "'\n")
    elif "base_url" in data or "publisher" in data:
        (tmp_path / "handouts.yaml").write_text(text)
        logo = (data.get("publisher") or {}).get("logo")
        if logo:  # the example names an image beside handouts.yaml
            (tmp_path / logo).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / logo).write_bytes(png(8, 8))
        (specs / "example.yaml").write_text(HEADER)
    elif "handouts" in data:
        (specs / "packs" / "example.yaml").write_text(text)
        for slug in data["handouts"]:
            table = ("sections: [{heading: Drugs, blocks: [{table: {index: drugs, "
                     "columns: [Drug], rows: [[Alectinib]]}}]}]\n")
            (specs / f"{slug}.yaml").write_text(HEADER.replace("example", slug)
                                                + (table if slug == data.get("drug_index") else ""))
    elif "slug" in data:
        (specs / "example.yaml").write_text(text)
    else:
        (specs / "example.yaml").write_text(HEADER + textwrap.dedent(text))
    assert errors(specs) == [], where
