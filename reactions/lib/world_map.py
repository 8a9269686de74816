"""The world's countries as SVG paths, drawn on the server from vendored shapes.

The shapes are world-atlas 2.0.2's `countries-110m.json` (Natural Earth at 1:110m, TopoJSON, from the
npm registry) and each country's ISO 3166 alpha-2 code comes from i18n-iso-countries 7.14.0's
`codes.json` (world-atlas keys its countries by the numeric code). Both lie in `static/vendor/` with
their versions in their names. The projection is Natural Earth I (d3's `geoNaturalEarth1`), the
one world-atlas's own examples use. Countries too small for that scale (Bahrain, Singapore) have
no shape: `drawn()` says which codes have one, so a page can list the others beside the map.
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[2] / "static" / "vendor"
SHAPES = VENDOR / "world-atlas-2.0.2-countries-110m.json"
CODES = VENDOR / "i18n-iso-countries-7.14.0-codes.json"
WIDTH = 960  # the map's own units: the SVG's viewBox is WIDTH x HEIGHT and scales with the page
LEFT_OUT = {"AQ"}  # Antarctica: a fifth of the map's height, and nobody there spoke


def natural_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Natural Earth I (Šavrič et al., 2011), as d3-geo's geoNaturalEarth1Raw: radians in, unit plane out."""
    phi2 = latitude * latitude
    phi4 = phi2 * phi2
    stretch = 0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4))
    x = longitude * stretch
    y = latitude * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


# The plane's extent for longitudes ±180 and latitudes from 60°S (Antarctica left out) to 84°N.
_X_MAX = natural_earth(math.pi, 0)[0]
_Y_TOP, _Y_BOTTOM = natural_earth(0, math.radians(84))[1], natural_earth(0, math.radians(-60))[1]
SCALE = WIDTH / (2 * _X_MAX)
HEIGHT = round((_Y_TOP - _Y_BOTTOM) * SCALE)


def _point(longitude: float, latitude: float) -> tuple[float, float]:
    x, y = natural_earth(math.radians(longitude), math.radians(latitude))
    return round((x + _X_MAX) * SCALE, 1), round((_Y_TOP - y) * SCALE, 1)


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantised, delta-encoded arcs as (longitude, latitude) points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> str:
    """One closed ring as path commands; an arc index ~i is arc i walked backwards.

    A ring that crosses the antimeridian (Chukotka, Fiji) is drawn on: its longitudes past 180°
    continue instead of jumping to -180°, and the map's edge cuts it, as d3 would clip it."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their end point
    shift, unwrapped = 0.0, []
    for i, (longitude, latitude) in enumerate(points):
        if i and abs(longitude + shift - unwrapped[-1][0]) > 180:
            shift += 360 if longitude + shift < unwrapped[-1][0] else -360
        unwrapped.append((longitude + shift, latitude))
    projected = [_point(lon, lat) for lon, lat in unwrapped]
    kept = [p for i, p in enumerate(projected) if i == 0 or p != projected[i - 1]]
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in kept) + "Z"


@cache
def countries() -> dict[str, str]:
    """Each drawn country's alpha-2 code -> its SVG path data, in a WIDTH x HEIGHT box. Read once a
    process: the file is 100 KB and the paths do not change."""
    topology = json.loads(SHAPES.read_text())
    alpha2 = {numeric: code for code, _, numeric, _ in json.loads(CODES.read_text())}
    arcs = _arcs(topology)
    paths: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = alpha2.get(geometry.get("id", ""))
        if code is None or code in LEFT_OUT:  # N. Cyprus, Somaliland and Kosovo have no numeric code
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        paths[code] = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
    return paths


def drawn(code: str) -> bool:
    """Whether the map has a shape for this alpha-2 code (a bloc such as CSTO never has)."""
    return code in countries()


@cache
def document() -> str:
    """Every country as an SVG document, each path named by its code (`#KZ`) and all of them as
    `#world`: a page draws the countries it colours with `<use href="...#KZ">`, so the map's 100 KB
    are fetched once and kept by the browser instead of sent with every overview. The paths set
    no fill or stroke: a `<use>` passes its own down to them."""
    paths = "".join(f'<path id="{code}" d="{path}"/>' for code, path in countries().items())
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
        f'<defs><g id="world">{paths}</g></defs></svg>'
    )
