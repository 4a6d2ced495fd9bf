"""The documentation stays true: the schema reference equals the models, and every command and question
is in the README with help text."""

from __future__ import annotations

import re
from pathlib import Path

import click
from click.testing import CliRunner

from kg import model as models
from kg import questions
from kg.cli import main
from kg.model.schema_doc import RELATIONSHIPS, schema_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_schema_reference_is_generated_from_the_models():
    assert (ROOT / "docs" / "schema.md").read_text(encoding="utf-8") == schema_markdown(), (
        "docs/schema.md is out of date: run `kg schema > docs/schema.md`")


def test_every_relationship_type_is_described():
    assert set(RELATIONSHIPS) == {r.value for r in models.Rel}


def _commands(group: click.Group, prefix: str = "kg") -> list[tuple[str, click.Command]]:
    out = []
    for name, command in group.commands.items():
        out.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            out += _commands(command, f"{prefix} {name}")
    return out


def test_every_command_has_help_and_is_in_the_readme():
    for path, command in _commands(main):
        assert command.help, f"{path} has no help text"
        assert f"`{path}" in README, f"{path} is not in the README"
        result = CliRunner().invoke(main, path.split()[1:] + ["--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_every_question_is_in_the_readme():
    for question_id, q in questions.REGISTRY.items():
        assert f"`{question_id}`" in README, f"question {question_id} is not in the README"
        assert q.title and q.description


def test_readme_shows_the_real_flagship_answer():
    result = CliRunner(env={"COLUMNS": "120"}).invoke(main, ["ask", "alk-cns-after-crizotinib"])
    assert result.exit_code == 0
    block = README.split("`make demo` ends with the flagship answer")[1].split("```\n")[1]
    assert block == result.output



def test_the_readmes_python_one_liners_import_what_they_name():
    """The import statements of each `python -c` example run (a module moved into a package broke one once:
    `import kg.export.kgx_offline as k` met the API function kg.export, not the package)."""
    snippets = re.findall(r'^python -c "(.+)"$', README, re.M)
    assert snippets
    for snippet in snippets:
        for statement in snippet.split(";"):
            if statement.strip().startswith(("import ", "from ")):
                exec(statement.strip(), {})
