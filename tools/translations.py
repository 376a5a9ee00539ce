"""Update the translation sources (``resources/translations/*.ts``) from the code with pyside6-lupdate.

    .venv/bin/python tools/translations.py            # update every .ts file (same as "update")
    .venv/bin/python tools/translations.py check      # exit 1 if a .ts file is out of date
    .venv/bin/python tools/translations.py stats      # finished / unfinished messages per language

Translators then edit the .ts files (Qt Linguist: ``.venv/bin/pyside6-linguist``). The compiled
``.qm`` files are build products, never committed: the app compiles them with pyside6-lrelease
into the workspace cache when they are missing or older than their .ts (``ui/app.py``).

Why the sources go through a mirror: lupdate's Python reader recognises ``self.tr("...")``,
``Context.tr("...")``, ``QCoreApplication.translate("Context", "...")`` and the
``QT_TRANSLATE_NOOP`` marks. Several modules translate through a small module helper instead::

    def _tr(text: str) -> str:
        return QCoreApplication.translate("DetailPane", text)

which lupdate cannot see. This script copies ``ui/`` and ``main.py`` into a temporary folder laid
out like the repository, rewriting each call of such a helper ``_tr("...")`` as
``DetailPane.tr("...")`` (same line, so the .ts keeps the real line numbers), and runs lupdate
there on copies of the .ts files; the results are copied back. The helper is found from its
definition (a module-level function returning ``QCoreApplication.translate(CONTEXT, arg)``,
with CONTEXT a string or a module constant), so a new module following the same pattern needs
nothing here. A translatable call inside an f-string is invisible to lupdate (the f-string is one
token): ``problems()`` reports those, and the tests fail on them.
"""

from __future__ import annotations

import argparse
import ast
import io
import shutil
import subprocess
import sys
import tempfile
import tokenize
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = Path("resources") / "translations"
PREFIX = "source_verifier"
LANGUAGES = ("ar", "ckb")
UPDATE_COMMAND = ".venv/bin/python tools/translations.py   (or: tools/dev translations)"
_TRANSLATE_OWNERS = {"QCoreApplication", "QApplication", "QGuiApplication"}
# lupdate knows plural rules per language and refuses to touch a translated file whose language
# it does not know; Central Kurdish (ckb) is not in its table. "ku" is ISO 639-1's Kurdish
# macrolanguage, which covers Sorani, and has the same plural rule (one / other). The file keeps
# its ckb name, which is what the app's translator looks for.
_TS_LANGUAGE = {"ckb": "ku_IQ"}


@dataclass(frozen=True)
class Problem:
    """A translatable string lupdate cannot extract, and where it is."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def ts_file(language: str, root: Path = ROOT) -> Path:
    """The translation source of one language, e.g. ``resources/translations/source_verifier_ar.ts``."""
    return root / TS_DIR / f"{PREFIX}_{language}.ts"


def source_files(root: Path = ROOT) -> list[Path]:
    """The Python files whose strings are translated: ``ui/`` and ``main.py`` (relative to root)."""
    files = sorted(p.relative_to(root) for p in (root / "ui").rglob("*.py") if "__pycache__" not in p.parts)
    return [*files, Path("main.py")]


def lupdate_binary() -> str:
    """The lupdate of the installed PySide6 (the same Qt the app runs with)."""
    import PySide6

    here = Path(PySide6.__file__).parent
    for name in ("lupdate", "lupdate.exe"):
        if (here / name).is_file():
            return str(here / name)
    found = shutil.which("pyside6-lupdate")
    if found is None:
        raise SystemExit("pyside6-lupdate not found: install PySide6-Essentials (tools/dev setup).")
    return found


# --- the helper rewrite ----------------------------------------------------------------------


def translate_helpers(source: str) -> dict[str, str]:
    """Module-level functions that only call ``QCoreApplication.translate(CONTEXT, arg)``.

    Args:
        source: a module's text.

    Returns:
        Helper name → its translation context.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return {}  # reported by problems()
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    helpers: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not node.args.args:
            continue
        body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
        if len(body) != 1 or not isinstance(body[0], ast.Return):
            continue
        call = body[0].value
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and call.func.attr == "translate"
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id in _TRANSLATE_OWNERS
            and len(call.args) >= 2
            and isinstance(call.args[1], ast.Name)
            and call.args[1].id == node.args.args[0].arg
        ):
            continue
        context_node = call.args[0]
        if isinstance(context_node, ast.Constant) and isinstance(context_node.value, str):
            context = context_node.value
        elif isinstance(context_node, ast.Name) and context_node.id in constants:
            context = constants[context_node.id]
        else:
            continue
        if context.isidentifier():
            helpers[node.name] = context
    return helpers


def _tokens(source: str) -> list[tokenize.TokenInfo]:
    return [
        tok
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT)
    ]


def rewrite_for_lupdate(source: str) -> str:
    """Rewrite calls of translate helpers as ``Context.tr(...)``, keeping every line where it was.

    Args:
        source: a module's text.

    Returns:
        The text lupdate reads instead.
    """
    helpers = translate_helpers(source)
    if not helpers:
        return source
    try:
        tokens = _tokens(source)
    except (SyntaxError, tokenize.TokenError):
        return source
    edits: list[tuple[int, int, str, str]] = []  # (row, col, old name, new text)
    for i, tok in enumerate(tokens):
        if tok.type != tokenize.NAME or tok.string not in helpers:
            continue
        before = tokens[i - 1].string if i else ""
        after = tokens[i + 1].string if i + 1 < len(tokens) else ""
        if after == "(" and before not in (".", "def"):
            edits.append((tok.start[0], tok.start[1], tok.string, f"{helpers[tok.string]}.tr"))
    lines = source.splitlines(keepends=True)
    for row, col, old, new in sorted(edits, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = line[:col] + new + line[col + len(old) :]
    return "".join(lines)


def problems(root: Path = ROOT) -> list[Problem]:
    """Translatable calls lupdate cannot see: those inside f-strings.

    Returns:
        One entry per f-string holding a ``tr(``/``translate(`` or helper call.
    """
    found: list[Problem] = []
    for rel in source_files(root):
        text = (root / rel).read_text(encoding="utf-8")
        try:
            ast.parse(text)
            tokens = _tokens(text)
        except (SyntaxError, tokenize.TokenError) as exc:
            found.append(Problem(str(rel), getattr(exc, "lineno", 0) or 0, f"not valid Python: {exc}"))
            continue
        names = {"tr", "translate", *translate_helpers(text)}
        for tok in tokens:
            if tok.type != tokenize.STRING or not tok.string.lower().lstrip("rb").startswith("f"):
                continue
            try:
                inner = ast.parse(tok.string, mode="eval")
            except SyntaxError:
                continue
            for node in ast.walk(inner):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    if name in names:
                        found.append(
                            Problem(
                                str(rel),
                                tok.start[0],
                                f"{name}() inside an f-string: lupdate cannot see it; "
                                "translate into a variable first",
                            )
                        )
                        break
    return found


# --- lupdate ---------------------------------------------------------------------------------


def run_lupdate(ts_files: Sequence[Path], root: Path = ROOT) -> str:
    """Merge the strings of ``ui/`` and ``main.py`` into ``ts_files`` (created when missing).

    Args:
        ts_files: .ts files; each one's language comes from its name (``..._ar.ts``).
        root: the repository.

    Returns:
        lupdate's report.
    """
    report = []
    with tempfile.TemporaryDirectory(prefix="sv-lupdate-") as scratch:
        mirror = Path(scratch)
        for rel in source_files(root):
            target = mirror / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(rewrite_for_lupdate((root / rel).read_text(encoding="utf-8")), encoding="utf-8")
        (mirror / TS_DIR).mkdir(parents=True, exist_ok=True)
        for ts in ts_files:
            # Placed at the same depth as the real file, so the relative locations match.
            copy = mirror / TS_DIR / ts.name
            if ts.exists():
                shutil.copyfile(ts, copy)
            code = ts.stem.rsplit("_", 1)[-1]
            language = _TS_LANGUAGE.get(code, code)
            command = [
                lupdate_binary(),
                "-silent",
                "-no-obsolete",
                "-locations",
                "relative",
                "-source-language",
                "en",
                "-target-language",
                language,
                *[str(rel) for rel in source_files(root)],
                "-ts",
                str(copy.relative_to(mirror)),
            ]
            done = subprocess.run(command, cwd=mirror, capture_output=True, text=True, check=False)
            if done.returncode != 0 or "won't be updated" in done.stdout + done.stderr:
                raise SystemExit(f"lupdate failed for {ts.name}:\n{done.stdout}{done.stderr}")
            report.append(done.stdout + done.stderr)
            ts.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(copy, ts)
    return "".join(report)


def messages(ts: Path, *, finished_only: bool = False) -> set[tuple[str, str]]:
    """The (context, source text) pairs of a .ts file, without obsolete or vanished ones.

    Args:
        ts: a .ts file.
        finished_only: only the messages with a finished translation.
    """
    found: set[tuple[str, str]] = set()
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type", "") if translation is not None else "unfinished"
            if kind in ("obsolete", "vanished") or (finished_only and kind == "unfinished"):
                continue
            found.add((name, message.findtext("source") or ""))
    return found


def extracted(root: Path = ROOT) -> set[tuple[str, str]]:
    """The (context, source text) pairs the code holds now (lupdate into a scratch file)."""
    with tempfile.TemporaryDirectory(prefix="sv-extract-") as scratch:
        fresh = Path(scratch) / f"{PREFIX}_ar.ts"
        run_lupdate([fresh], root)
        return messages(fresh)


def _describe(pairs: Iterable[tuple[str, str]]) -> str:
    return "\n".join(f"  [{context}] {text!r}" for context, text in sorted(pairs))


def _progress(ts: Path, root: Path) -> str:
    done, total = len(messages(ts, finished_only=True)), len(messages(ts))
    return f"{ts.relative_to(root)}: {done} of {total} translated"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("command", nargs="?", default="update", choices=["update", "check", "stats"])
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root: Path = args.root
    files = [ts_file(language, root) for language in LANGUAGES]
    trouble = problems(root)
    for problem in trouble:
        print(f"warning: {problem}", file=sys.stderr)
    if args.command == "update":
        print(run_lupdate(files, root).strip() or "lupdate: done")
        for ts in files:
            print(_progress(ts, root))
        return 1 if trouble else 0
    if args.command == "stats":
        for ts in files:
            print(_progress(ts, root))
        return 0
    wanted = extracted(root)
    stale = False
    for ts in files:
        have = messages(ts) if ts.exists() else set()
        missing, gone = wanted - have, have - wanted
        if missing or gone:
            stale = True
            print(f"{ts.relative_to(root)} is out of date; run: {UPDATE_COMMAND}", file=sys.stderr)
            if missing:
                print(f" not in the file yet:\n{_describe(missing)}", file=sys.stderr)
            if gone:
                print(f" no longer in the code:\n{_describe(gone)}", file=sys.stderr)
    return 1 if stale or trouble else 0


if __name__ == "__main__":
    sys.exit(main())
