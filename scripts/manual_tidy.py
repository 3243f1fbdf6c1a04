"""Works around two limits of swift-argument-parser's generate-manual (1.8.2) for eventsdash's page.

  manual_tidy.py dump-help BINARY   prints BINARY --experimental-dump-help (what generate-manual
      reads) with its non-ASCII characters spelled in ASCII: generate-manual drops every non-ASCII
      character, so "now — bricks down" would read "now  bricks down".
  manual_tidy.py page DUMP.json     reads the generated page on stdin and writes it on stdout less
      the entries of hidden subcommands (generate-manual lists them; --help does not: filter-timing,
      for bench/filter.sh), named by the dump's shouldDisplay; and a blank line in a command's
      discussion, a paragraph break to the reader but an error to mdoc ("empty input line"), becomes .Pp.
"""
import json
import subprocess
import sys
import unicodedata

ASCII = {"—": "--", "–": "-", "…": "...", "×": "x", "→": "->", "←": "<-", "≤": "<=", "≥": ">=", "·": "-",
         "‘": "'", "’": "'", "“": '"', "”": '"', "•": "*", "µ": "u"}


def spelled_in_ascii(text):
    out = []
    for character in text:
        if ord(character) < 128:
            out.append(character)
        elif character in ASCII:
            out.append(ASCII[character])
        else:
            decomposed = unicodedata.normalize("NFKD", character).encode("ascii", "ignore").decode()
            if not decomposed:
                raise SystemExit("manual_tidy.py: no ASCII spelling for %r (U+%04X): add it to ASCII" % (character, ord(character)))
            out.append(decomposed)
    return "".join(out)


def hidden_names(command):
    for sub in command.get("subcommands", []):
        if not sub.get("shouldDisplay", True):
            yield sub["commandName"]
        yield from hidden_names(sub)


def without_entry(lines, name):
    """The lines less the list entry `.It Em NAME`: up to the next entry or the end of its list."""
    start = lines.index(".It Em " + name)
    end, depth = start + 1, 0
    while end < len(lines):
        line = lines[end]
        if depth == 0 and (line.startswith(".It ") or line == ".El"):
            break
        depth += line.startswith(".Bl ") - (line == ".El")
        end += 1
    return lines[:start] + lines[end:]


def main():
    mode, argument = sys.argv[1], sys.argv[2]
    if mode == "dump-help":
        dump = subprocess.run([argument, "--experimental-dump-help"], check=True, capture_output=True, text=True).stdout
        sys.stdout.write(spelled_in_ascii(dump))
    elif mode == "page":
        with open(argument) as dump:
            hidden = set(hidden_names(json.load(dump)["command"]))
        lines = sys.stdin.read().split("\n")
        for name in hidden:
            lines = without_entry(lines, name)
        lines = [".Pp" if line == "" else line for line in lines[:-1]] + lines[-1:]
        sys.stdout.write("\n".join(lines))
    else:
        raise SystemExit("usage: manual_tidy.py dump-help BINARY | page DUMP.json")


main()
