"""Put the latest numbers into the README: between `<!-- NAME:begin -->` and
`<!-- NAME:end -->`, so a run of `make bench` or `make loadtest` keeps it true."""

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_update(name: str, text: str, readme: Path = README) -> None:
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    content = readme.read_text()
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(content):
        raise SystemExit(f"{readme.name} has no {begin} … {end} section to fill in.")
    readme.write_text(pattern.sub(lambda _: f"{begin}\n{text.rstrip()}\n{end}", content))
