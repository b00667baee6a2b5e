"""Extraction never executes or follows anything in the input: no eval, entities or network."""

from __future__ import annotations

import ast
import builtins
import io
import json
import os
import socket
import subprocess
from pathlib import Path

import pytest
from pdfbytes import build_pdf

REPO = Path(__file__).resolve().parents[2]
EXTRACTION_CODE = sorted(
    [*REPO.joinpath("extract").rglob("*.py"), *REPO.joinpath("schemas").rglob("*.py")]
) + [REPO / "cli.py"]

BANNED_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint"}
BANNED_ATTRIBUTE_CALLS = {
    ("pickle", "load"),
    ("pickle", "loads"),
    ("marshal", "load"),
    ("marshal", "loads"),
    ("shelve", "open"),
    ("yaml", "load"),
    ("os", "system"),
    ("os", "popen"),
    ("os", "execv"),
    ("os", "execvp"),
    ("os", "spawnv"),
    ("importlib", "import_module"),
}
BANNED_MODULES = {
    "subprocess",
    "socket",
    "urllib.request",
    "urllib3",
    "http.client",
    "requests",
    "httpx",
    "aiohttp",
    "ftplib",
    "smtplib",
    "webbrowser",
    "pickle",
    "marshal",
    "shelve",
    "xml",  # XML would need defusedxml: external entities are resolved by the standard parsers
    "lxml",
}

CASE = (
    "# Deep Vein Arterialization for a Nonhealing Ulcer: A Case Report\n\n"
    "## Case Presentation\n\n"
    "A 64-year-old woman with diabetes mellitus presented with a nonhealing ulcer of the left "
    "heel (Rutherford 5). Percutaneous deep vein arterialization was performed from the "
    "posterior tibial artery into the posterior tibial vein, and a 5 × 150 mm Viabahn stent "
    "graft was deployed. At 12 months of follow-up she was alive.\n\n"
)


def _banned_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    shown = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
    found = []
    for node in ast.walk(tree):
        where = f"{shown}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in BANNED_CALLS:
                found.append(f"{where} calls {func.id}()")
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in BANNED_ATTRIBUTE_CALLS
            ):
                found.append(f"{where} calls {func.value.id}.{func.attr}()")
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if any(".".join(parts[:i]) in BANNED_MODULES for i in range(1, len(parts) + 1)):
                found.append(f"{where} imports {name}")
                break
    return found


def test_safety_extraction_code_has_no_eval_pickle_subprocess_xml_or_network():
    assert len(EXTRACTION_CODE) > 10, "the scan must see the package"
    found = [hit for path in EXTRACTION_CODE for hit in _banned_in(path)]
    assert found == []


def test_safety_scan_would_catch_a_banned_call(tmp_path):
    sample = tmp_path / "probe.py"
    sample.write_text(
        "import subprocess\nfrom urllib.request import urlopen\nimport xml.etree.ElementTree\n"
        "import pickle as p\nx = eval('1')\nos.system('ls')\nre.compile('x')\n"
    )
    found = _banned_in(sample)
    assert [hit.split(" ", 1)[0] for hit in found] == [f"probe.py:{n}" for n in range(1, 7)]


@pytest.fixture
def trap(monkeypatch, tmp_path_factory):
    """Record (and refuse) every network connection, process start and file opened by name.

    A first, harmless extraction runs before the trap is set, so that library imports made on
    first use (NumPy runs ``lscpu`` when imported) are not blamed on the input.
    """
    import cli

    warm = tmp_path_factory.mktemp("warm-up")
    (warm / "case.txt").write_text(CASE, encoding="utf-8")
    args = [str(warm / "case.txt"), "--out", str(warm / "r.json"), "--html", str(warm / "r.html")]
    assert cli.main(args) == 0
    calls: list[str] = []
    opened: list[str] = []

    def refuse(what):
        def call(*args, **kwargs):
            calls.append(f"{what}{args[1:2] if what.startswith('socket.socket') else args[:1]}")
            raise OSError(f"{what} is not allowed during extraction")

        return call

    monkeypatch.setattr(socket.socket, "connect", refuse("socket.socket.connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("socket.socket.connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("socket.create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("socket.getaddrinfo"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess.Popen"))
    monkeypatch.setattr(os, "system", refuse("os.system"))
    monkeypatch.setattr(os, "popen", refuse("os.popen"))
    real_open = builtins.open

    def recording_open(file, *args, **kwargs):
        if isinstance(file, (str, bytes, os.PathLike)):
            opened.append(os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", recording_open)
    monkeypatch.setattr(io, "open", recording_open)
    return calls, opened


def test_safety_trap_sees_connections_and_processes(trap):
    calls, _ = trap
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(OSError):
        subprocess.run(["true"])
    assert [c.split("(")[0] for c in calls] == ["socket.create_connection", "subprocess.Popen"]


HOSTILE_TEXT = """
<?xml version="1.0"?>
<!DOCTYPE case [<!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY dtd SYSTEM "http://127.0.0.1:9/evil.dtd">]>
<case>&xxe;&dtd;</case>
Supplementary data: http://127.0.0.1:9/supplement.pdf and file:///etc/hostname and \
ftp://127.0.0.1:9/data.csv; ![figure](http://127.0.0.1:9/figure.png) <img src="http://127.0.0.1:9/x.png">
<script>fetch("http://127.0.0.1:9/steal")</script>
Code sample: __import__('os').system('touch {canary}'); $(touch {canary}); `touch {canary}`
Templates: {{{{ 7*7 }}}} ${{jndi:ldap://127.0.0.1:9/a}} {{% include '/etc/passwd' %}}
doi: https://doi.org/10.9999/hostile.2025.1
"""


def test_safety_hostile_text_is_only_read(run_hostile, tmp_path):
    canary = tmp_path / "CANARY"
    result, calls, opened = run_hostile(CASE + HOSTILE_TEXT.format(canary=canary))
    assert calls == []
    assert any(p.endswith("hostile.txt") for p in opened), "the trap must see the input opened"
    assert not canary.exists()
    forbidden = ("/etc/passwd", "/etc/hostname", "evil.dtd")
    assert [p for p in opened if any(f in p for f in forbidden)] == []
    assert "root:" not in json.dumps(result)
    assert [(p["age_years"], p["sex"]) for p in result["patients"]] == [(64, "female")]


@pytest.fixture
def run_hostile(trap, run_cli_io, tmp_path):
    """Extract a hostile text through the CLI with the trap set; return (result, calls, opened)."""
    calls, opened = trap

    def run(text: str):
        path = tmp_path / "hostile.txt"
        path.write_text(text, encoding="utf-8")
        code, out, err = run_cli_io([str(path)])
        assert code == 0 and "Traceback" not in err, err
        return json.loads(out), calls, opened

    return run


@pytest.fixture
def run_cli_io(capsys):
    import cli

    def run(args):
        code = cli.main(args)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def _hostile_pdf() -> bytes:
    """One page of case text with a URI link, a Launch action and an OpenAction JavaScript."""
    content = (
        b"BT /F1 11 Tf 72 720 Td (A 64-year-old woman underwent deep vein arterialization.) Tj "
        b"0 -16 Td (See http://127.0.0.1:9/supplement for data.) Tj ET"
    )
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R "
        b"/Names << /JavaScript << /Names [(x) 6 0 R] >> >> >>",
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 3 0 R >> >> /Annots [7 0 R 8 0 R] >>",
        b"<< /S /JavaScript /JS (app.launchURL\\('http://127.0.0.1:9/js', true\\);) >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 700 300 716] "
        b"/A << /S /URI /URI (http://127.0.0.1:9/link) >> >>",
        b"<< /Type /Annot /Subtype /Link /Rect [72 680 300 696] "
        b"/A << /S /Launch /F (/bin/sh) /Win << /F (cmd.exe) /P (/c calc) >> >> >>",
    ]
    return build_pdf(objects, header=b"%PDF-1.7\n")


def test_safety_pdf_actions_links_and_javascript_are_never_followed(trap, run_cli_io, tmp_path):
    calls, opened = trap
    path = tmp_path / "actions.pdf"
    path.write_bytes(_hostile_pdf())
    code, out, err = run_cli_io([str(path)])
    assert "Traceback" not in err and code in (0, 2), err
    assert calls == []
    assert [p for p in opened if p.startswith(("/bin", "cmd"))] == []
    assert code == 0, err
    assert json.loads(out)["source"]["format"] == "pdf"


def test_safety_review_page_shows_hostile_text_inert(trap, run_cli_io, tmp_path):
    calls, _ = trap
    path = tmp_path / "hostile.txt"
    title = "# <script>alert('title')</script> {{ 7*7 }} </textarea>\n\n"
    path.write_text(title + CASE + HOSTILE_TEXT.format(canary=tmp_path / "CANARY"))
    page = tmp_path / "review.html"
    code, _, err = run_cli_io([str(path), "--html", str(page), "--out", str(tmp_path / "r.json")])
    assert code == 0, err
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(" not in html and 'fetch("http://127.0.0.1:9/steal")</script>' not in html
    assert '127.0.0.1:9/figure.png">' not in html  # no live <img src=...> from the paper
    assert calls == []
