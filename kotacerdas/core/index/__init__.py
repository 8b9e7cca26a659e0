"""Composite-index engine: COINr's methods (OECD/JRC Handbook) on numpy, with fast uncertainty analysis.

Pure core: no Django, no database. Typical use::

    framework, dataset = load("iData.csv", "iMeta.csv")
    result = build(framework, dataset, load_recipe("recipe.yaml"))
"""

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework, dataset_from_rows, framework_from_rows, load
from kotacerdas.core.index.pipeline import IndexResult, build, regenerate
from kotacerdas.core.index.recipe import Recipe, load_recipe, make_recipe

__all__ = [
    "CompositeIndexError",
    "Dataset",
    "Framework",
    "IndexResult",
    "Recipe",
    "build",
    "dataset_from_rows",
    "framework_from_rows",
    "load",
    "load_recipe",
    "make_recipe",
    "regenerate",
]
