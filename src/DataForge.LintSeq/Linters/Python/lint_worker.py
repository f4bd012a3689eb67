"""DataForge LintSeq lint worker: a long-lived pylint or pyflakes process.

Run with Debian's /usr/bin/python3:  python3 lint_worker.py --linter pylint|pyflakes|compile
(compile only asks whether the program compiles, with Python's own compile(); it needs no linter)

Protocol (one JSON object per line, UTF-8):
  startup  -> {"ready": true, "linter": "pylint", "version": "2.16.2"}
              or {"ready": false, "error": "No module named 'pylint'"}
  request  <- {"id": 7, "source": "print(1)\\n"}
              (with DATAFORGE_LINT_WORKER_TEST=1 also "debug": "hang" | "crash" | "garbage", or
              "no-shortcuts": pylint parses and answers the program itself, for tests of the shortcuts)
  response -> {"id": 7, "messages": [{"line": 1, "column": 0, "code": "E0602",
                                       "category": "E", "message": "..."}]}
              or {"id": 7, "error": "..."} when the linter itself raised.
Nothing else is ever written to the protocol stream: file descriptor 1 and sys.stdout point at
stderr while the worker runs, and file descriptor 0 at /dev/null.
"""

import gc
import io
import json
import os
import sys
import time
import warnings

# The file name the linted program pretends to have (never created on disk).
FAKE_PATH = "/nonexistent-dataforge-lint/dataforge_lint_program.py"
MODULE_NAME = "dataforge_lint_program"
TEST_HOOKS = os.environ.get("DATAFORGE_LINT_WORKER_TEST") == "1"
# The reference's options (C and R disabled there) narrowed to the counted messages.
PYLINT_ARGS = [
    "--rcfile=/dev/null",
    "--persistent=n",
    "--reports=n",
    "--score=n",
    "--jobs=1",
    "--disable=all",
    "--enable=E,F,W0311,W0231",
    "--unsafe-load-any-extension=y",
    "--generated-members=cv2.*",
    "--from-stdin",
    FAKE_PATH,
]


def open_protocol_streams():
    """Take private copies of stdin/stdout for the protocol; point fds 0 and 1 elsewhere."""
    proto_in = os.fdopen(os.dup(0), "r", encoding="utf-8", newline="\n")
    proto_out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdin = io.StringIO("")
    sys.stdout = sys.stderr
    return proto_in, proto_out


class PylintBackend:
    """pylint in-process with the program passed through --from-stdin (no temporary file).

    The first request builds the linter with pylint.lint.Run; later requests call check() on
    that same PyLinter (check() re-initialises the message state and the checkers), which
    halves the per-call cost and gives the same messages on all conformance programs.
    """

    name = "pylint"

    def __init__(self):
        # pylint: disable=import-outside-toplevel
        import astroid
        import pylint
        from pylint.lint import Run, pylinter
        from pylint.reporters import CollectingReporter

        self.version = pylint.__version__
        self._astroid = astroid
        self._run = Run
        self._reporter_type = CollectingReporter
        self._source = ""
        # pylint reads the program through this module-level function; feed it from memory.
        pylinter._read_stdin = lambda: self._source
        self._undo = AttributeUndoLog(astroid)
        self._linter = None
        self._parse = ParseOnce(astroid)
        from pylint.utils.file_state import FileState

        self._file_state = FileState

    def lint(self, source, shortcuts=True):
        # A program that does not parse gets exactly one message, E0001, from pylint's get_ast
        # (no checker runs); answering it from the same parser call is the same answer, without pylint.
        # shortcuts=False (a test hook) lets pylint parse and answer every program itself.
        syntax = self._parse.syntax_error(source) if shortcuts else None
        if syntax is not None:
            return [syntax]
        self._forget_programs()
        self._source = source
        reporter = self._reporter_type()
        try:
            if self._linter is None:
                self._linter = self._run(PYLINT_ARGS, reporter=reporter, exit=False).linter
                reuse_checker_setup(self._linter)
            else:
                # A fresh Run starts from the base file state; so does every check here (a pragma
                # of the previous program must not reach this one's messages).
                self._linter.file_state = self._file_state("", self._linter.msgs_store, is_base_filestate=True)
                self._linter.set_reporter(reporter)
                self._linter.check([FAKE_PATH])
        finally:
            self._source = ""
            self._parse.forget()
            self._undo.undo()
            self._forget_programs()
        return [
            {
                "line": m.line,
                "column": m.column,
                "code": m.msg_id,
                "category": m.msg_id[:1],
                "message": m.msg,
            }
            for m in reporter.messages
        ]

    def _forget_programs(self):
        """Drop the program's module from astroid's cache (modules parsed from disk stay cached)."""
        cache = self._astroid.MANAGER.astroid_cache
        for key in [k for k, m in cache.items() if k == MODULE_NAME or m.file == FAKE_PATH]:
            del cache[key]

    def warm_up(self):
        self.lint("import os\nprint(os.getcwd())\n")


class ParseOnce:
    """Parses each program once: the syntax check's tree is the one astroid then builds from.

    astroid.builder._parse_string is what pylint's get_ast calls (through AstroidBuilder.string_build);
    a SyntaxError, ValueError or TypeError there becomes pylint's only message for the program,
    E0001 "Parsing failed: '<error>'" at the error's line (or 1) and offset (or 0).
    """

    def __init__(self, astroid):
        # pylint: disable=import-outside-toplevel
        from astroid import builder

        self._builder = builder
        self._original = builder._parse_string
        self._source = None
        self._parsed = None
        builder._parse_string = self._parse_string

    def syntax_error(self, source):
        """The E0001 message pylint would give for `source`, or None when it parses (the tree is kept)."""
        try:
            self._parsed = self._original(source, type_comments=True)
        except (TypeError, ValueError, SyntaxError) as exc:
            self.forget()
            return {
                "line": getattr(exc, "lineno", None) or 1,
                "column": getattr(exc, "offset", None) or 0,
                "code": "E0001",
                "category": "E",
                "message": f"Parsing failed: '{exc}'",
            }
        self._source = source
        return None

    def forget(self):
        self._source = None
        self._parsed = None

    def _parse_string(self, data, type_comments=True):
        if data is self._source and type_comments and self._parsed is not None:
            parsed, self._parsed, self._source = self._parsed, None, None
            return parsed
        return self._original(data, type_comments=type_comments)


def reuse_checker_setup(linter):
    """Computes once what every check() recomputes from the same global configuration.

    The checkers needed for the enabled messages (prepare_checkers) and each checker's visit and
    leave callbacks (ASTWalker.add_checker) depend only on the options, which never change in a
    worker; pylint rebuilds and re-sorts them on every check. Here they are built once and replayed.
    Also remembers isort's placement of each imported module (a pure function of the module name and
    the isort settings, recompiled from patterns on every import otherwise).
    """
    # pylint: disable=import-outside-toplevel
    from pylint.lint import pylinter
    from pylint.utils import IsortDriver

    needed = linter.prepare_checkers()
    linter.prepare_checkers = lambda: list(needed)
    base = pylinter.ASTWalker
    recorded = {}

    class ReplayingWalker(base):
        def add_checker(self, checker):
            events = recorded.get(id(checker))
            if events is None:
                before = {k: list(v) for k, v in self.visit_events.items()}, {k: list(v) for k, v in self.leave_events.items()}
                super().add_checker(checker)
                events = (_added(before[0], self.visit_events), _added(before[1], self.leave_events))
                recorded[id(checker)] = events
                return
            for cid, methods in events[0]:
                self.visit_events[cid].extend(methods)
            for cid, methods in events[1]:
                self.leave_events[cid].extend(methods)

    pylinter.ASTWalker = ReplayingWalker
    original_place = IsortDriver.place_module
    places = {}

    def place_module(self, package):
        if package not in places:
            places[package] = original_place(self, package)
        return places[package]

    IsortDriver.place_module = place_module


def _added(before, after):
    return [(cid, methods[len(before.get(cid, ())):]) for cid, methods in after.items() if len(methods) > len(before.get(cid, ()))]


class AttributeUndoLog:
    """Undoes what a linted program wrote into cached modules.

    astroid records `x.attr = value` by adding the assignment to the locals or instance
    attributes of whatever `x` infers to, also when that is a class or module parsed from the
    standard library and kept in astroid's cache. Without an undo, `os.foo = 1` in one program
    would hide the no-member error of `os.foo` in every later program of the same worker.
    """

    def __init__(self, astroid):
        # pylint: disable=import-outside-toplevel
        from astroid import bases, builder, objects, util

        self._bases = bases
        self._objects = objects
        self._util = util
        self._entries = []
        original = builder.AstroidBuilder.delayed_assattr
        log = self

        def delayed_assattr(builder_self, node):
            original(builder_self, node)
            log.record(node)

        builder.AstroidBuilder.delayed_assattr = delayed_assattr
        self._astroid = astroid

    def record(self, node):
        """Remember every foreign attribute table that now holds the assignment `node`."""
        program = node.root()
        try:
            inferred_values = list(node.expr.infer())
        except Exception:  # pylint: disable=broad-except
            return
        for inferred in inferred_values:
            for owner, table in self._tables(inferred):
                if owner.root() is program:
                    continue
                values = table.get(node.attrname)
                if values is not None and any(v is node for v in values):
                    self._entries.append((table, node.attrname, node))

    def _tables(self, inferred):
        if inferred is self._util.Uninferable:
            return []
        tables = []
        if type(inferred) in (self._bases.Instance, self._objects.ExceptionInstance):
            proxied = inferred._proxied
            tables.append((proxied, getattr(proxied, "instance_attrs", None)))
        for name in ("instance_attrs", "locals"):
            table = getattr(inferred, name, None)
            if table is not None and hasattr(inferred, "root"):
                tables.append((inferred, table))
        return [(o, t) for o, t in tables if isinstance(t, dict) and hasattr(o, "root")]

    def undo(self):
        """Remove the recorded assignments (and names they alone created)."""
        for table, name, node in reversed(self._entries):
            values = table.get(name)
            if values is None:
                continue
            values[:] = [v for v in values if v is not node]
            if not values:
                del table[name]
        self._entries.clear()


class PyflakesBackend:
    """pyflakes' Checker on the parsed tree; a syntax error becomes one SyntaxError message."""

    name = "pyflakes"

    def __init__(self):
        # pylint: disable=import-outside-toplevel
        import ast
        import pyflakes
        import pyflakes.checker

        self.version = pyflakes.__version__
        self._ast = ast
        self._checker = pyflakes.checker.Checker

    def lint(self, source):
        try:
            tree = self._ast.parse(source, filename=FAKE_PATH)
        except (SyntaxError, ValueError) as exc:
            return [syntax_error_message(exc)]
        checker = self._checker(tree, filename=FAKE_PATH)
        return [
            {
                "line": m.lineno,
                "column": m.col,
                "code": type(m).__name__,
                "category": "",
                "message": m.message % m.message_args,
            }
            for m in sorted(checker.messages, key=lambda m: (m.lineno, m.col))
        ]

    def warm_up(self):
        self.lint("import os\nprint(os.getcwd())\n")


class CompileBackend:
    """Python's own compile(): one SyntaxError message when the program does not compile, else none."""

    name = "compile"

    def __init__(self):
        # pylint: disable=import-outside-toplevel
        import platform

        self.version = platform.python_version()

    def lint(self, source):
        try:
            compile(source, FAKE_PATH, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            return [syntax_error_message(exc)]
        return []

    def warm_up(self):
        self.lint("print(1)\n")


def syntax_error_message(exc):
    line = getattr(exc, "lineno", None) or 1
    column = getattr(exc, "offset", None) or 0
    text = getattr(exc, "msg", None) or str(exc)
    return {"line": line, "column": column, "code": "SyntaxError", "category": "", "message": text}


class HiddenModules:
    """Test hook: makes the named top-level modules look not installed."""

    def __init__(self, names):
        self._names = set(names)

    def find_spec(self, name, path=None, target=None):  # pylint: disable=unused-argument
        if name.split(".")[0] in self._names:
            raise ModuleNotFoundError("No module named " + repr(name), name=name)
        return None


def create_backend(linter):
    if linter == "pylint":
        return PylintBackend()
    if linter == "pyflakes":
        return PyflakesBackend()
    if linter == "compile":
        return CompileBackend()
    raise ValueError("unknown linter: " + repr(linter))


def parse_linter(argv):
    if "--linter" in argv:
        index = argv.index("--linter")
        if index + 1 < len(argv):
            return argv[index + 1]
    return "pylint"


def handle(backend, request):
    request_id = request.get("id")
    debug = request.get("debug")
    if TEST_HOOKS and debug == "hang":
        time.sleep(3600)
    if TEST_HOOKS and debug == "crash":
        os._exit(3)
    if TEST_HOOKS and debug == "garbage":
        return "this is not json"
    source = request.get("source")
    if not isinstance(source, str):
        return {"id": request_id, "error": "request has no string 'source'"}
    # Test hooks reachable through a program's text, so a whole pipeline step can be tested against
    # a linter that hangs or dies (only with DATAFORGE_LINT_WORKER_TEST=1).
    if TEST_HOOKS and "# dataforge-test: hang" in source:
        time.sleep(3600)
    if TEST_HOOKS and "# dataforge-test: crash" in source:
        os._exit(3)
    try:
        if TEST_HOOKS and debug == "no-shortcuts":
            return {"id": request_id, "messages": backend.lint(source, shortcuts=False)}
        return {"id": request_id, "messages": backend.lint(source)}
    except BaseException as exc:  # pylint: disable=broad-except
        return {"id": request_id, "error": type(exc).__name__ + ": " + str(exc)}


def write(out, value):
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=True)
    out.write(text + "\n")
    out.flush()


def main():
    proto_in, proto_out = open_protocol_streams()
    # SyntaxWarning / DeprecationWarning from parsing the linted program are not messages.
    warnings.simplefilter("ignore")
    linter = parse_linter(sys.argv)
    hidden = os.environ.get("DATAFORGE_LINT_WORKER_HIDE", "")
    if TEST_HOOKS and hidden:
        sys.meta_path.insert(0, HiddenModules(hidden.split(",")))
    try:
        backend = create_backend(linter)
        backend.warm_up()
    except BaseException as exc:  # pylint: disable=broad-except
        write(proto_out, {"ready": False, "linter": linter, "error": str(exc)})
        return 2
    # What is alive after the imports and warm-up (the linter, its checkers, cached stdlib modules) stays
    # alive: kept out of the cyclic collector's passes, and those passes made rarer, the same lint costs
    # about a fifth less CPU on 300-line programs. Collection timing changes no answer.
    gc.freeze()
    gc.set_threshold(10000, 50, 100)
    write(proto_out, {"ready": True, "linter": backend.name, "version": backend.version})
    for line in proto_in:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
        except ValueError as exc:
            write(proto_out, {"id": None, "error": "bad request: " + str(exc)})
            continue
        write(proto_out, handle(backend, request))
    return 0


if __name__ == "__main__":
    sys.exit(main())
