"""course/probability_text.py: a probability never prints as 100.0% or 0.0%."""

import numpy as np
import pytest

from course.probability_text import describe_probability


@pytest.mark.parametrize(("probability", "text"), [
    (0.873, "87.3%"),
    (0.9994, "99.9%"),
    (0.99996, "> 99.9%"),
    (1.0, "> 99.9%"),
    (0.0006, "0.1%"),
    (0.00002, "< 0.1%"),
    (0.0, "< 0.1%"),
    (np.float32(0.99999994), "> 99.9%"),
])
def test_a_probability_never_prints_as_certain(probability, text):
    assert describe_probability(probability) == text
