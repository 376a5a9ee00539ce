"""Text folding so that a search or a name match works across scripts, keyboards and spellings.

Arabic and Kurdish keyboards type different code points for what readers see as one letter
(Arabic yeh ي and Persian/Kurdish yeh ی, kaf ك and keheh ک), and vowel marks (harakat) and the
tatweel are optional. Latin text varies in case and diacritics. Folding removes these
differences; it is applied to indexed text and to queries alike.
"""

from __future__ import annotations

import re
import unicodedata

_LETTER_VARIANTS = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH (the Kurdish/Persian form)
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC LETTER KAF -> KEHEH
        "\u0629": "\u0647",  # TEH MARBUTA -> HEH
        "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH
        "\u0640": None,  # TATWEEL (elongation) carries no meaning
        "\u200c": None,  # ZERO WIDTH NON-JOINER
        "\u200d": None,  # ZERO WIDTH JOINER
        "\u200f": None,  # RIGHT-TO-LEFT MARK
        "\u200e": None,  # LEFT-TO-RIGHT MARK
    }
)
# Arabic-Indic and Extended Arabic-Indic digits to ASCII.
_DIGITS = str.maketrans(
    {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
)
_WORD_RE = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Case-, diacritic- and letter-variant-insensitive form of a text.

    Decomposes (NFKD) so that accents, harakat and hamza marks become separate combining
    marks, drops those marks, unifies Arabic-script letter variants and digits, then casefolds.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFKC", stripped).translate(_LETTER_VARIANTS).translate(_DIGITS).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits of any script)."""
    return _WORD_RE.findall(fold(text))
