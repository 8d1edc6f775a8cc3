"""A probability as the course prints it: rounding never makes it look certain."""


def describe_probability(probability):
    """The probability with one decimal, as a percentage: 0.873 → "87.3%".

    One decimal would print a probability above 99.95% as "100.0%", and one below
    0.05% as "0.0%". A model is never that sure, so these print as "> 99.9%" and
    "< 0.1%".
    """
    text = f"{float(probability):.1%}"
    if text == "100.0%":
        return "> 99.9%"
    if text == "0.0%":
        return "< 0.1%"
    return text
