"""The course's own code, which the lessons use but do not teach; one module per job.

The notebooks call it through mnist_helpers (as `helpers.load_mnist()`, for example):

    quiet_start     starts TensorFlow without its start-up notices
    paths           where the course's files lie
    errors          errors whose message says what to do, without a stack of code
    mnist_data      load_mnist: a copy of MNIST on this computer, or else a download
    mnist_file      what a copy of MNIST must hold; reading, checking and saving one
    mnist_download  downloading MNIST from Keras's copy or a mirror
    quick_mode      quick mode, for tests: fewer epochs and a training subset
    setup_report    the setup cell's report: versions, device and mode
    measured_times  how long a notebook takes, as run_series.py measured it
    saved_runs      saving trained models, and loading them in later notebooks
    training_curves the loss and accuracy per epoch of several models, side by side
    epoch_timer     EpochTimer, the callback that times each epoch of fit
    diagrams        the figures that show how a unit, a filter, pooling, Dropout
                    and a whole model work, drawn from real digits and layers

Environment variables:
    MNIST_PATH    a local mnist.npz, tried before data/mnist.npz and the download.
    MNIST_MIRROR  the address of a school's own copy of MNIST's four original files,
                  tried before the other downloads.
    MNIST_QUICK   "1" switches on quick mode: fewer epochs, a training subset (for CI).
    MNIST_MODELS_FOLDER  where trained models are saved instead of notebooks/saved
                  (for example a Google Drive folder, to keep them after Colab ends).
"""
