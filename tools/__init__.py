"""The series' own tooling, for its maintainers: what run_series.py and grade.py do.

One module per job (CONTRIBUTING.md draws how they fit together):

    project            where the series' files lie, which notebooks it has, its settings
    notebook_files     reading and saving a notebook as this project keeps it
    execute            running a notebook in place and measuring what it cost
    benchmark          notebooks/benchmark.json, the measured results
    results_text       the measured results written into the notebooks and documents
    class_time         the class time of each lesson, counted by one stated rule
    lesson_plan        the instructor guide's class times and lesson plan
    colab              the Colab badge, the language link and the first cell; --pin
    saved_code         the lessons' cells marked #@save, copied into their modules
    code_comments      a code cell's comments, which the Chinese edition translates,
                       and what the two editions of a cell must share
    cell_strings       the strings of words in a code cell, which it translates too
    translation_files  the Chinese edition's translation files, and what they lack
    chinese_edition    building the Chinese edition from the English and its translation
    message_catalog    the catalog of the course's messages, in step with the code
    grading            grading a folder of students' notebooks with the course's checks
    course_archive     the zip of the course with MNIST, for classrooms without internet
    website            the website of both languages, built with Sphinx (website/)

Nothing here is imported by a notebook: the lessons' own code is in notebooks/.
"""
