"""Vendored static files come from installed packages and only the named ones are exposed."""

from pathlib import Path

from kotacerdas.web.vendor import VENDORED, VendorFinder


def test_plotly_is_served_from_the_installed_wheel_and_nothing_else_of_it() -> None:
    finder = VendorFinder()
    found = finder.find("vendor/plotly/plotly.min.js")
    assert isinstance(found, str) and Path(found).parts[-3:] == ("plotly", "package_data", "plotly.min.js")
    assert finder.find("vendor/plotly/plotly.min.js", find_all=True) == [found]
    assert finder.find("vendor/plotly/widgetbundle.js") == ""  # the package's other files stay private
    assert finder.find("vendor/plotly/datasets/iris.csv.gz", find_all=True) == []
    listed = [(path, storage.prefix) for path, storage in finder.list([])]  # what collectstatic copies
    assert listed == [("plotly.min.js", "vendor/plotly")] and list(VENDORED) == [
        "vendor/plotly/plotly.min.js"
    ]
