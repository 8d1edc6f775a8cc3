"""Checks for the exercises of notebook 01 · Load and explore MNIST."""

import hashlib

import numpy as np

from course.messages import _

from . import exercise, require


@exercise(1, "predicted_max", "predicted_min")
def exercise_1(predicted_max, predicted_min):
    require(
        predicted_max not in (1, 1.0),
        _(
            "1 is the largest pixel after scaling (notebook 02); the raw pixels of "
            "notebook 01 are whole numbers from 0 to 255."
        ),
    )
    require(
        predicted_max == 255,
        _(
            "{answer} is not the largest pixel. Hint: "
            "`uint8` pixels go up to the largest 8-bit number."
        ).format(answer=predicted_max),
    )
    require(
        predicted_min == 0,
        _(
            "{answer} is not the smallest pixel. Hint: "
            "what value does the black background have?"
        ).format(answer=predicted_min),
    )
    return _("255 and 0: the brightest ink and the black background.")


def _fingerprint(image):
    return hashlib.sha1(
        np.ascontiguousarray(image, dtype=np.uint8).tobytes()
    ).hexdigest()


@exercise(2, "sevens")
def exercise_2(sevens):
    import mnist_helpers as helpers

    sevens = np.asarray(sevens)
    require(
        sevens.ndim == 3 and sevens.shape[1:] == (28, 28),
        _(
            "`sevens` has the shape {shape}; it should hold images of 28 × 28 "
            "pixels: (number of images, 28, 28)."
        ).format(shape=sevens.shape),
    )
    require(
        len(sevens) >= 24,
        _("only {count} images: the grid needs 24.").format(count=len(sevens)),
    )
    (x_train, y_train), _test = helpers.load_mnist()
    label_of = {
        _fingerprint(image): label
        for image, label in zip(x_train, y_train, strict=True)
    }
    for index, image in enumerate(sevens[:24]):
        label = label_of.get(_fingerprint(image))
        require(
            label is not None,
            _("image {index} is not a training image of MNIST.").format(index=index),
        )
        require(
            label == 7,
            _(
                "image {index} is a training image of a {label}, not a 7. "
                "Hint: index x_train with the mask `y_train == 7`."
            ).format(index=index, label=label),
        )
    return _("24 training images, every one of them a 7.")


@exercise(3, "averages", "sharpest")
def exercise_3(averages, sharpest):
    import mnist_helpers as helpers

    averages = np.asarray(averages, dtype=float)
    require(
        averages.shape == (10, 28, 28),
        _(
            "`averages` has the shape {shape}; one average image per digit "
            "makes (10, 28, 28)."
        ).format(shape=averages.shape),
    )
    (x_train, y_train), _test = helpers.load_mnist()
    for digit in range(10):
        expected = x_train[y_train == digit].mean(axis=0)
        require(
            np.allclose(averages[digit], expected, atol=0.5),
            _(
                "averages[{digit}] is not the mean of the training images of a "
                "{digit}. Hint: average over the images, `axis=0`."
            ).format(digit=digit),
        )
    brightest = int(averages.max(axis=(1, 2)).argmax())
    require(
        sharpest == brightest,
        _(
            "{answer} is not the sharpest: the average with the brightest pixel is "
            "the {brightest}'s."
        ).format(answer=sharpest, brightest=brightest),
    )
    return _("ten averages, and the sharpest is the {digit}.").format(digit=brightest)
