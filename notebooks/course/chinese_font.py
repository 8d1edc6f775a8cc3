"""Chinese in figures, offline, on every system: the course ships its own font.

Matplotlib's own font, DejaVu Sans, has no Chinese characters: a Chinese label would
show as empty boxes. So the course carries Course Sans SC (course/fonts/, 1.6 MB), a
subset of Noto Sans CJK SC under the SIL Open Font License (fonts/OFL.txt): the 3,755
common characters of GB 2312, its punctuation and symbols, and every character of the
course's own Chinese. tools/chinese_font.py builds it.

`use_chinese_font()` puts it after matplotlib's default font: Latin letters and digits
still come from DejaVu Sans, and each character DejaVu Sans lacks comes from this one.
Importing mnist_helpers calls it, so a learner's own Chinese labels work too.
"""

import dataclasses
from pathlib import Path

import matplotlib
from matplotlib import font_manager

FONT_FILE = Path(__file__).resolve().parent / "fonts" / "CourseSansSC-Regular.otf"
FAMILY = "Course Sans SC"


def use_chinese_font():
    """Let figures draw Chinese: the course's font joins matplotlib's list of families,
    after the default one."""
    fonts = font_manager.fontManager.ttflist
    if FAMILY not in {font.name for font in fonts}:
        font_manager.fontManager.addfont(FONT_FILE)
        # The font has one weight. Bold text (a figure's title) draws with it too,
        # instead of matplotlib warning each time that it found no bold.
        regular = next(font for font in fonts if font.name == FAMILY)
        fonts.append(dataclasses.replace(regular, weight="bold"))
    families = list(matplotlib.rcParams["font.family"])
    if FAMILY not in families:
        matplotlib.rcParams["font.family"] = [*families, FAMILY]
