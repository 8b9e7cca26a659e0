"""The radar chart's labels are wrapped and the drawing grows to hold them: none is clipped."""

import re

from kotacerdas.assessment.charts import CHARACTER_WIDTH, LABEL_CHARACTERS, Series, radar_svg

LABELS = [
    "Smart Governance",
    "Smart Branding (tidak dinilai)",
    "Smart Economy",
    "Smart Living",
    "Smart Society (tidak dinilai)",
    "Smart Environment (tidak dinilai)",
]


def _svg() -> str:
    series = [Series("Verified", [3.0, None, 2.0, 4.0, None, None], "verified")]
    return str(radar_svg(LABELS, series, minimum=0, maximum=5, title="Skor per dimensi"))


def test_long_labels_wrap_onto_lines() -> None:
    svg = _svg()
    lines = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg)
    assert "Smart Environment" in lines and "(tidak dinilai)" in lines
    assert all(len(line) <= LABEL_CHARACTERS for line in lines)


def test_every_label_lies_inside_the_view_box() -> None:
    svg = _svg()
    left, top, width, height = (float(v) for v in re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    for anchor, spans in re.findall(r'<text class="radar-label" text-anchor="(\w+)">(.*?)</text>', svg):
        for x, y, line in re.findall(r'<tspan x="([\d.-]+)" y="([\d.-]+)">([^<]*)</tspan>', spans):
            extent = len(line) * CHARACTER_WIDTH
            start = {"start": float(x), "end": float(x) - extent, "middle": float(x) - extent / 2}[anchor]
            assert left <= start and start + extent <= left + width, line
            assert top + 10 <= float(y) <= top + height, line
    assert left < 0  # the left labels needed room the old fixed 0..500 box did not give them
