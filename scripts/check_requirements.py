"""Exit 0 when every pinned requirement is installed at its pinned version, so setup can skip pip."""
import sys
from importlib import metadata

for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, _, version = line.partition("==")
    name = name.split("[")[0]
    try:
        if metadata.version(name) != version:
            sys.exit(1)
    except metadata.PackageNotFoundError:
        sys.exit(1)
