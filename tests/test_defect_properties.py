"""Property: any mix of the character-level defects that public bug reports describe
(radicals, era ligatures, odd spaces, zero-width characters, line separators, Mac dashes,
letter-spaced labels), in any share, applied to the real report's text, leaves every value
as it was."""

from __future__ import annotations

import random
import sys

from conftest import FIXTURES, REPORT, values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hyoka_parse import parse_text

sys.path.insert(0, str(FIXTURES / "defects"))
from text_defects import CHARACTER_DEFECTS

# The budget sheet, the header and 個別分野１-３: a third of the report, fast to parse.
PART = "\n".join(REPORT.read_text(encoding="utf-8").split("\n")[:3465])
REFERENCE = values(parse_text(PART))


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    kinds=st.lists(st.sampled_from(sorted(CHARACTER_DEFECTS)), min_size=1, max_size=7),
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    share=st.floats(min_value=0.01, max_value=1.0),
)
def test_any_mix_of_character_defects_leaves_every_value(
    kinds: list[str], seed: int, share: float
) -> None:
    rng = random.Random(seed)
    text = PART
    for kind in kinds:
        text = CHARACTER_DEFECTS[kind](text, rng, share)
    assert values(parse_text(text)) == REFERENCE
