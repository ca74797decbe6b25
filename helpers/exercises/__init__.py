"""Exercises of the notebooks, graded with otter-grader.

`feedback` is what the checks say to a learner (it ships in the student edition and holds no
expected value); `spec` and `registry` describe each exercise and write its otter tests (they
stay with the teacher); the sections' modules (`enterprises`, `rd_projects`, ...) define the
exercises of one notebook each, with answers computed from the fact table.
"""
