#!/usr/bin/env python3
"""Extract Connecticut's nine planning regions (county-equivalents since 2022) from the Census
2024 cartographic boundary file and write their FIPS codes, names and area-weighted centroids.

Run once from the repository root:
    python3 scripts/extract-ct-planning-regions.py ../shared/data/us_boundaries/census_cb_20m/cb_2024_us_county_20m.geojson \
        > Data/regions/ct_planning_regions_2022.csv
"""
import csv, json, sys


def ring_centroid(ring):
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return area / 2, cx, cy


def centroid(geometry):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    total = sx = sy = 0.0
    for polygon in polygons:
        for ring in polygon:  # holes wind the other way, so their signed area subtracts
            area, cx, cy = ring_centroid(ring)
            total += area
            sx += cx
            sy += cy
    return sy / (6 * total), sx / (6 * total)


features = json.load(open(sys.argv[1]))["features"]
out = csv.writer(sys.stdout, lineterminator="\n")
out.writerow(["geoid", "name", "usps", "lat", "lon"])
for feature in sorted(features, key=lambda f: f["properties"]["GEOID"]):
    p = feature["properties"]
    if p["STATEFP"] == "09":
        lat, lon = centroid(feature["geometry"])
        out.writerow([p["GEOID"], p["NAMELSAD"], p["STUSPS"], f"{lat:.6f}", f"{lon:.6f}"])
