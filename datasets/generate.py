#!/usr/bin/env python3
"""Writes realistic, deliberately dirty bronze data for the three domains Strata's users run lakes for.

    python3 datasets/generate.py --lake DIR [--domain algae|ecommerce|healthcare|all] [--scale F] [--seed N]

Each domain is a lake of its own: DIR/<domain>/bronze/... (query it with `strata --lake DIR/<domain>`), and
DIR/<domain>/_expected/dirt.json lists every file and every defect injected, at its file and line (or
Parquet row). Same arguments, same bytes. Standard library only, except pyarrow for the healthcare
Parquet files. See datasets/README.md.
"""
import argparse
import os
import shutil
import sys
import time

sys.dont_write_bytecode = True  # keep the source folder free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import algae  # noqa: E402
import ecommerce  # noqa: E402
import healthcare  # noqa: E402

DOMAINS = {"algae": algae.generate, "ecommerce": ecommerce.generate, "healthcare": healthcare.generate}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lake", required=True, help="folder to write DIR/<domain>/bronze/... into")
    parser.add_argument("--domain", default="all", choices=sorted(DOMAINS) + ["all"])
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies days (and users, contracts); 1 is a few MB")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    if not args.scale > 0:
        parser.error("--scale must be positive")
    domains = sorted(DOMAINS) if args.domain == "all" else [args.domain]
    for domain in domains:
        target = os.path.join(args.lake, domain)
        # A domain's folder is rewritten whole, so files of an earlier, larger run never linger.
        if os.path.exists(target):
            shutil.rmtree(target)
        started = time.monotonic()
        manifest = DOMAINS[domain](args.lake, args.seed, args.scale)
        if not args.quiet:
            size = sum(f["bytes"] for f in manifest["files"].values())
            records = sum(f["records"] for f in manifest["files"].values())
            print(f"{domain}: {len(manifest['files'])} files, {records} records, {size / 1e6:.1f} MB, "
                  f"{len(manifest['defects'])} defects, {time.monotonic() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
