"""The words in a code cell's strings: what the Chinese edition translates in code.

A string in a lesson's code is words for the learner when it is printed, labels a
figure, is a docstring, an assert's or an error's message, is one of the two answers of
an `... if ... else ...`, or reads as words (it holds letters and a space), or stands
in a dict, list or tuple beside such words. Names that code looks up ("val_loss",
"relu") are none of these, and stay. Each string of words is a message of the course's
catalog (tools/message_catalog.py): its msgid is the string as the code writes it,
between its quotes (an f-string's {fields} and escapes included), and its msgstr is the
Chinese the Chinese edition writes there. A msgstr equal to the msgid keeps the
English (a name such as "BatchNorm", or a key that other code reads).
"""

import ast
import io
import re
import tokenize

# Calls whose string arguments a learner reads: printed, or shown on a figure.
SHOWN_BY = {
    "print",
    "title",
    "set_title",
    "suptitle",
    "xlabel",
    "ylabel",
    "set_xlabel",
    "set_ylabel",
    "text",
    "annotate",
    "figtext",
    "legend",
    "set_text",
}
SHOWN_AS = {"label", "title", "xlabel", "ylabel"}  # keywords whose value is shown
STRING_PREFIX = re.compile(r"^([rRbBuUfF]*)('''|\"\"\"|'|\")")
FIELD = re.compile(r"\{\{|\}\}|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")
LETTERS = re.compile(r"[A-Za-z]")


def python_of(source):
    """The cell's code with its shell (!) and magic (%) lines made `pass`, as long."""
    return re.sub(r"(?m)^(\s*)[!%].*$", lambda m: m.group(1) + "pass", source)


def fields(text):
    """The {fields} of an f-string's text, in order ({{ and }} are not fields)."""
    return [found for found in FIELD.findall(text) if found not in ("{{", "}}")]


def _is_string(node):
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _shown_nodes(tree):
    """The string nodes a learner sees: arguments of SHOWN_BY calls and SHOWN_AS
    keywords (and the strings in a list or tuple there), docstrings, messages of
    asserts and raised errors, the answers of a conditional expression, and the names
    in a dict, list or tuple that also holds words."""
    shown = set()

    def add(node):
        if isinstance(node, (ast.List, ast.Tuple)):
            for element in node.elts:
                add(element)
        elif isinstance(node, (ast.Constant, ast.JoinedStr)):
            shown.add(node)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            name = getattr(function, "id", None) or getattr(function, "attr", None)
            if name in SHOWN_BY:
                for argument in node.args:
                    add(argument)
            for keyword in node.keywords:
                if keyword.arg in SHOWN_AS:
                    add(keyword.value)
        elif isinstance(node, (ast.Dict, ast.List, ast.Tuple)):
            # Names side by side with words are words too: {"a 2": ..., "mirrored": ...}
            items = node.keys if isinstance(node, ast.Dict) else node.elts
            # One level down too: [("drawings", ...), ("held-out photos", ...)]
            items = [
                inner
                for item in items
                for inner in (item.elts if isinstance(item, ast.Tuple) else [item])
            ]
            strings = [item for item in items if _is_string(item)]
            if any(" " in item.value.strip() for item in strings):
                for item in strings:
                    add(item)
        elif isinstance(node, ast.IfExp):  # "inside" if found else "outside"
            add(node.body)
            add(node.orelse)
        elif isinstance(node, ast.Assert) and node.msg is not None:
            add(node.msg)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            for argument in node.exc.args:
                add(argument)
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if body and isinstance(body[0], ast.Expr):
                add(body[0].value)
    return shown


def _node_spans(tree):
    """{(row, column) of a string token's start: the string node it belongs to}."""
    spans, inner = {}, set()
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):  # its parts are not strings of their own
            inner.update(part for part in ast.walk(node) if part is not node)
    for node in ast.walk(tree):
        if node in inner:
            continue
        if isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        ):
            spans[(node.lineno, node.col_offset)] = node
    return spans


def string_tokens(python):
    """The code's tokens as (type, start, end, text), each f-string one STRING token
    as before Python 3.12 (which splits it into FSTRING_START, its parts and
    FSTRING_END)."""
    lines = python.split("\n")
    f_start = getattr(tokenize, "FSTRING_START", None)
    f_end = getattr(tokenize, "FSTRING_END", None)
    depth, opened = 0, None
    for token in tokenize.generate_tokens(io.StringIO(python + "\n").readline):
        if f_start is not None and token.type == f_start:
            depth += 1
            opened = opened or token.start
            continue
        if depth:
            if token.type == f_end:
                depth -= 1
                if not depth:
                    (row, column), (end_row, end_column) = opened, token.end
                    text = "\n".join(lines[row - 1 : end_row])
                    cut = len(text) - len(lines[end_row - 1]) + end_column
                    text = text[column:cut]
                    yield tokenize.STRING, opened, token.end, text
                    opened = None
            continue
        yield token.type, token.start, token.end, token.string


def word_strings(source):
    """The strings of words in a cell: [(start, end, prefix, quote, text)], where
    start and end are (row, column) of the token, rows from 1, and text is what lies
    between the quotes."""
    python = python_of(source)
    tree = ast.parse(python)
    shown, spans = _shown_nodes(tree), _node_spans(tree)
    found, node = [], None
    for kind, start, end, string in string_tokens(python):
        if kind != tokenize.STRING:
            if kind not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT):
                node = None
            continue
        # A string token that starts a node starts it; the next ones of an implicit
        # concatenation ("a" "b") belong to the same node.
        node = spans.get(start, node)
        prefix, quote = STRING_PREFIX.match(string).groups()
        text = string[len(prefix) + len(quote) : -len(quote)]
        if "b" in prefix.lower():
            continue
        f_string = "f" in prefix.lower()
        if not LETTERS.search(FIELD.sub("", text) if f_string else text):
            continue
        # A field stands for a word: f"dropout {rate}" is words, as "dropout 0.5" is.
        words = FIELD.sub("0", text) if f_string else text
        if node in shown or " " in words.strip():
            found.append((start, end, prefix, quote, text))
    return found


def translate_strings(source, translations, stale):
    """The cell's code with each string of words in Chinese; a string with no Chinese
    stays in English and is listed in `stale`."""
    lines = source.split("\n")
    for (row, column), (end_row, end_column), prefix, quote, text in reversed(
        word_strings(source)
    ):
        chinese = translations.get(text)
        if not chinese:
            stale.append(("string", text.split("\n")[0]))
            continue
        before = lines[row - 1][:column]
        after = lines[end_row - 1][end_column:]
        new = (before + prefix + quote + chinese + quote + after).split("\n")
        lines[row - 1 : end_row] = new
    return "\n".join(lines)
