"""Writes Sources/VigilKit/Boundaries/us_counties_20m.txt from the Census Bureau's 1:20,000,000 cartographic
boundary files (public domain): every county of cb_2021_us_county_20m (Connecticut's 8 legacy counties), plus
Connecticut's 9 planning regions from cb_2024_us_county_20m.

Usage: python3 scripts/generate-county-boundaries.py ../shared/data/us_boundaries/census_cb_20m

One line per county: GEOID, then its polygons separated by '|', each polygon's rings separated by ';' (outer ring
first), each ring's points as 'lon,lat' with 3 decimals (about 100 m) separated by spaces.
"""
import json
import sys


def rings(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return "|".join(";".join(" ".join(f"{x:.3f},{y:.3f}" for x, y in ring) for ring in polygon) for polygon in polygons)


def main():
    folder = sys.argv[1]
    lines = []
    legacy = json.load(open(f"{folder}/cb_2021_us_county_20m.geojson"))
    for feature in legacy["features"]:
        lines.append((feature["properties"]["GEOID"], rings(feature["geometry"])))
    current = json.load(open(f"{folder}/cb_2024_us_county_20m.geojson"))
    for feature in current["features"]:
        if feature["properties"]["GEOID"].startswith("091"):
            lines.append((feature["properties"]["GEOID"], rings(feature["geometry"])))
    with open("Sources/VigilKit/Boundaries/us_counties_20m.txt", "w") as out:
        for geoid, text in sorted(lines):
            out.write(f"{geoid}|{text}\n")


if __name__ == "__main__":
    main()
