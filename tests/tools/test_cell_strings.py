"""tools/cell_strings.py: which strings of a lesson's code are words for the learner,
and how the Chinese edition writes its Chinese in their place."""

import ast

from tools import cell_strings

CELL = '''\
def accuracy_of(model):
    """The model's accuracy on the test set."""
    return model.evaluate(x_test, y_test, verbose=0)[1]

history = model.fit(x, y, validation_data=(x_val, y_val))
print("test accuracy:", accuracy_of(model))
print(f"lowest validation loss {min(history.history['val_loss']):.4f}"
      f" after epoch {epoch}")
plt.plot(history.history["loss"], "o-", label="training")
plt.xlabel("epoch")
runs = {"no dropout": first, "mirrored": second}
where = "inside" if found else "outside"
assert accuracy > 0.9, f"accuracy {accuracy:.2%}: something is wrong"
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
!pip install "numpy<3"
'''


def words(source):
    return [text for *_position, text in cell_strings.word_strings(source)]


def test_words_are_what_a_learner_reads_and_names_stay():
    found = words(CELL)
    assert found == [
        "The model's accuracy on the test set.",
        "test accuracy:",
        "lowest validation loss {min(history.history['val_loss']):.4f}",
        " after epoch {epoch}",
        "training",
        "epoch",
        "no dropout",
        "mirrored",
        "inside",
        "outside",
        "accuracy {accuracy:.2%}: something is wrong",
    ]
    for name in ["loss", "o-", "val_loss", "adam", "sparse_categorical_crossentropy"]:
        assert name not in found


def test_translated_code_is_the_same_code_with_chinese_words():
    chinese = {
        "test accuracy:": "测试准确率：",
        " after epoch {epoch}": "（第 {epoch} 轮之后）",
        "no dropout": "不用 Dropout",
        "epoch": "轮",
    }
    stale = []
    translated = cell_strings.translate_strings(CELL, chinese, stale)
    assert 'print("测试准确率：", accuracy_of(model))' in translated
    assert 'f"（第 {epoch} 轮之后）")' in translated
    assert 'plt.xlabel("轮")' in translated
    assert 'runs = {"不用 Dropout": first, "mirrored": second}' in translated
    assert '!pip install "numpy<3"' in translated
    assert len(stale) == len(words(CELL)) - len(chinese)
    assert ("string", "mirrored") in stale
    python = cell_strings.python_of(translated)
    ast.parse(python)  # still Python


def test_a_docstring_over_several_lines_keeps_its_lines():
    source = 'def f():\n    """One line.\n    And a second."""\n    return 1\n'
    chinese = {"One line.\n    And a second.": "第一行。\n    第二行。"}
    translated = cell_strings.translate_strings(source, chinese, [])
    assert translated == 'def f():\n    """第一行。\n    第二行。"""\n    return 1\n'


def test_fields_are_the_code_in_braces():
    text = "{name:23} {table[name]['parameters']:>7,} of {{all}} {f'{a:.2%}'}"
    assert cell_strings.fields(text) == [
        "{name:23}",
        "{table[name]['parameters']:>7,}",
        "{f'{a:.2%}'}",
    ]


def test_names_beside_words_in_a_list_of_tuples_are_words():
    source = 'sets = [("drawings", a), ("held-out photos", b)]\nname = ("relu", "same")'
    assert words(source) == ["drawings", "held-out photos"]
