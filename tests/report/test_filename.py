"""The personal report's file name: the learner's letters kept, never the name of another learner's report."""

from __future__ import annotations

import itertools

import pytest

from game.core.filenames import MAX_BYTES, file_stem, name_hash

WINDOWS_FORBIDDEN = set('<>:"/\\|?*')
DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


def valid_everywhere(stem: str) -> bool:
    """What Windows, macOS and Linux all accept as a file name (and what a shell user can see)."""
    return (bool(stem) and not WINDOWS_FORBIDDEN & set(stem) and all(ord(c) >= 32 and c != "\x7f" for c in stem)
            and not stem.endswith((".", " ")) and stem.split(".")[0].strip().casefold() not in DEVICES
            and "\u202e" not in stem and len(stem.encode("utf-8")) <= 200)


@pytest.mark.parametrize("name", ["Zoë", "東京", "😀", "Camille", "Jean-Émile", "Ørjan", "Łucja", "José María", "Ἀθηνᾶ"])
def test_a_name_valid_as_it_is_is_kept_letter_for_letter(name):
    assert file_stem(name) == name


@pytest.mark.parametrize("name, start", [
    ("Zoë?", "Zoë_-"), ("a/b", "a_b-"), ("CON", "_CON-"), ("com1", "_com1-"), ("Nul.txt", "_Nul.txt-"),
    ("Zoë.", "Zoë-"), ("Zoë ", "Zoë-"), ("\u202eexe.lmth", "_exe.lmth-"), ("a\tb", "a_b-"), ("...", "apprenant-"),
    ("?", "_-"), ("Zo-0123abcd", "Zo-0123abcd-"),
])
def test_a_name_that_had_to_change_gets_the_hash_of_the_pseudonym(name, start):
    stem = file_stem(name)
    assert stem == f"{start}{name_hash(name)}" and valid_everywhere(stem)


def test_the_names_reported_in_issue_12_each_get_their_own_file():
    # before: « 東京 » and « 😀 » were both « rapport », « Zoë » became « Zo » (and so did « Zo »)
    names = ["東京", "😀", "Zoë", "Zo", "Zoé", "Zoe\u0301", "Zoë?", "Zoë*", "Zoë_", "??", "**", "CON", "con", "Ǳ"]
    stems = [file_stem(n) for n in names]
    assert all(valid_everywhere(s) for s in stems)
    assert len({s.casefold() for s in stems}) == len(names)  # apart even on Windows (« CON », « con »: two hashes)


def test_no_two_pseudonyms_share_a_stem_even_crafted_ones():
    alphabet = ["a", "A", "é", "e\u0301", "?", "*", "_", ".", " ", "-", "東", "😀", "\x00", "/"]
    names = {"".join(p) for n in range(1, 4) for p in itertools.product(alphabet, repeat=n)}
    names |= {file_stem(n) for n in list(names)}  # a pseudonym spelt like another one's hashed stem
    stems: dict[str, str] = {}
    for name in names:
        stem = file_stem(name)
        assert valid_everywhere(stem), repr(name)
        assert stems.setdefault(stem, name) == name, (name, stems[stem])


def test_a_very_long_name_is_cut_below_the_file_system_limit():
    stem = file_stem("😀" * 64)  # 64 characters, the longest pseudonym, 256 bytes in UTF-8
    assert len(stem.encode("utf-8")) <= MAX_BYTES + 9 and stem.startswith("😀" * 30)


def test_a_lone_surrogate_from_a_json_file_gets_a_name_too():
    stem = file_stem("Zo\ud800")
    assert stem.startswith("Zo_-") and valid_everywhere(stem)
    stem.encode("utf-8")  # a file name the system can write
