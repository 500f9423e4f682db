"""Datasets of the lesson notebooks: another shop, another session.

The lessons (``notebooks/*-bai-hoc.ipynb``) teach each method on data the
graded assignments do not use, so no answer of an assignment can be read off a
lesson. The data come from the same seeded generators as the assignments'
data, run with other seeds and other parameters (see :mod:`toolkit.lessons._datasets`),
and load like every other dataset: ``data.load("lesson_campaigns")``.
"""

__all__: list[str] = []
