"""Shell completion: question ids, -p parameter names and values (choices, and the ids and names of the nodes a
parameter names), --around ids; in bash too, where words split at '=' and ':'."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REPO = Path(__file__).resolve().parents[2]
FLAGSHIP = "alk-cns-after-crizotinib"


def zsh(line: str) -> list[str]:
    """The values zsh would offer for the last word of `line` (click's zsh protocol: type, value, help)."""
    words = line.split(" ")
    env = {"_KG_COMPLETE": "zsh_complete", "COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    out = CliRunner().invoke(main, [], prog_name="kg", env=env).output.strip("\n").splitlines()
    return [out[i + 1].replace("\\:", ":") for i in range(0, len(out), 3)]  # zsh's protocol escapes ':'



@pytest.mark.parametrize(("line", "expected"), [
    (f"kg ask {FLAGSHIP} -p tr", ["transporter=", "transporter_state="]),
    (f"kg ask {FLAGSHIP} -p transporter_state=n", ["transporter_state=not substrate", "transporter_state=not assessed"]),
    (f"kg ask {FLAGSHIP} -p prior_drug=alec", ["prior_drug=alectinib"]),
    (f"kg ask {FLAGSHIP} --param prior_drug=DRUGBANK:DB0886", ["prior_drug=DRUGBANK:DB08865"]),
    (f"kg ask {FLAGSHIP} -p site=spin", ["site=spinal cord"]),
    (f"kg ask {FLAGSHIP} -p outcome=x -p evid", ["evidence="]),
    ("kg ask trials-for-drug -p drug=cri", ["drug=crizotinib"]),
    ("kg ask neighbourhood -p id=HGNC:4", ["id=HGNC:40", "id=HGNC:427"]),
    (f"kg ask {FLAGSHIP} -p nothing=", []),
    ("kg ask no-such-question -p ", []),
    ("kg export -f graphml -o x --around DRUGBANK:DB1136", ["DRUGBANK:DB11363"]),
    ("kg export -f graphml -o x --around alectin", ["alectinib"]),
])
def test_completion_of_parameters_and_ids(line, expected):
    assert zsh(line) == expected


def test_bash_completes_after_equals_and_colon_signs(tmp_path: Path):
    """The real bash, with the script `kg` prints for it: each reply replaces only the word bash sees."""
    shim = tmp_path / "kg"
    shim.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import sys; sys.argv[0] = \"kg\"; "
                    "from kg.launch import main; main()' \"$@\"\n")
    shim.chmod(0o755)
    script = tmp_path / "complete.sh"
    script.write_text("""eval "$(_KG_COMPLETE=bash_source kg)"
t() { COMP_LINE="$1"; COMP_POINT=${#1}; COMP_WORDS=(); COMP_CWORD=0; COMPREPLY=(); _kg_completion kg
      printf '%s|' "${COMPREPLY[@]}"; echo; }
t "kg ask alk-cns"
t "kg ask alk-cns-after-crizotinib -p tr"
t "kg ask alk-cns-after-crizotinib -p transporter_state=n"
t "kg ask alk-cns-after-crizotinib -p site=spin"
t "kg export -f graphml -o x --around DRUGBANK:DB1136"
""")
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": str(REPO)}
    result = subprocess.run(["bash", "--norc", str(script)], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "alk-cns-after-crizotinib|",
        "transporter=|transporter_state=|",
        "not\\ substrate|not\\ assessed|",
        "spinal\\ cord|",
        "DB11363|",
    ]
