"""The comments of a code cell, found with tokenize, and the code without them or
without its words."""

import ast
import io
import re
import tokenize

# Comments that are marks, not prose: they stay as they are.
MARK_COMMENT = re.compile(r"^#@save|^# noqa")


def comment_blocks(source):
    """The comments of a cell's code: (first line, last line, column, English) for
    each run of whole-line comments and for each comment after code on its line."""
    lines = source.split("\n")
    # Shell (!) and magic (%) lines are not Python: tokenize sees blank lines there.
    python = "\n".join(
        "" if line.lstrip().startswith(("!", "%")) else line for line in lines
    )
    tokens = tokenize.generate_tokens(io.StringIO(python + "\n").readline)
    comments = [token for token in tokens if token.type == tokenize.COMMENT]
    blocks = []
    for token in comments:
        row, column = token.start[0] - 1, token.start[1]
        if MARK_COMMENT.match(token.string):
            continue
        whole_line = not lines[row][:column].strip()
        previous = blocks[-1] if blocks else None
        if (
            whole_line
            and previous
            and previous[4]
            and previous[1] == row - 1
            and previous[2] == column
        ):
            blocks[-1] = (
                previous[0],
                row,
                column,
                f"{previous[3]}\n{token.string}",
                True,
            )
        else:
            blocks.append((row, row, column, token.string, whole_line))
    return blocks


def code_without_comments(source):
    """A cell's code with its comments and blank lines taken out: what must be the
    same in both editions."""
    lines = source.split("\n")
    for first, last, column, _, whole_line in reversed(comment_blocks(source)):
        if whole_line:
            lines[first : last + 1] = []
        else:
            lines[first] = lines[first][:column]
    kept = [line.rstrip() for line in lines]
    return "\n".join(line for line in kept if line.strip())


def code_without_words(source):
    """What an English code cell and its Chinese edition must share: the cell's syntax
    tree with every string emptied (an f-string keeps its fields), and its shell (!) and
    magic (%) lines. The two may differ in comments, docstrings and the words of strings
    only."""
    lines = source.split("\n")
    shell = [line.strip() for line in lines if line.lstrip().startswith(("!", "%"))]
    python = re.sub(r"(?m)^(\s*)[!%].*$", r"\1pass", source)
    tree = ast.parse(python)
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            # An f-string keeps its fields, in any order (Chinese may reorder them).
            values = node.values
            fields = [part for part in values if isinstance(part, ast.FormattedValue)]
            node.values = sorted(fields, key=ast.dump)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            node.value = ""
    return ast.dump(tree), shell
