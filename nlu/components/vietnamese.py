"""A Rasa tokenizer whose tokens carry their accent-folded, abbreviation-expanded form as lemma."""

from __future__ import annotations

import os
import re
import unicodedata
from typing import Any

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from rasa.engine.graph import ExecutionContext  # noqa: E402
from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.engine.storage.storage import ModelStorage  # noqa: E402
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402

from vntext.forms import canonical  # noqa: E402

# A word, keeping English contractions whole so "I'm" never yields the abbreviation "m" (mày).
_WORD = re.compile(r"\w+(?:['’]\w+)*", re.UNICODE)
# Accented words whose folded form is a danger word they do not mean: "ốm" (ill) and the
# fillers "ờm", "ừm" fold onto "om" (ôm: to grab), so "ờm thì" read as sexual_violence at 0.98.
# Written with accents they keep a lemma of their own; unaccented "om" stays ambiguous.
_OWN_LEMMA = {"ốm": "ombenh", "ờm": "uhm", "ừm": "uhm"}


def lemma(word: str) -> str:
    """The folded, expanded form of a word, or its own lemma when accents tell it apart."""
    return _OWN_LEMMA.get(unicodedata.normalize("NFC", word).casefold()) or canonical(word)


# Registered as a MESSAGE_TOKENIZER: in Rasa's default recipe only tokenizers and featurizers
# run over the training data, so this is the type that makes the folded forms reach training.
@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class VietnameseNormalizer(Tokenizer):
    """Split on words; each token keeps its written text and gets a folded lemma.

    The lemma is `vntext.forms.canonical` of the word: casefolded, diacritics stripped with đ -> d,
    chat abbreviations expanded ("ck" -> "chong", "ko" -> "khong"). A CountVectorsFeaturizer with
    `use_lemma: true` then sees "chồng", "chong" and "ck" as one word, while one with
    `use_lemma: false` keeps the accented words as extra features.
    """

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """Same options as Rasa's WhitespaceTokenizer."""
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> VietnameseNormalizer:
        """Build the component; it has no state to train or load."""
        return cls({**cls.get_default_config(), **config})

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        """Tokens of the attribute's text, each with its canonical (folded) form as lemma."""
        text = message.get(attribute) or ""
        tokens = [
            Token(m.group(0), m.start(), m.end(), lemma=lemma(m.group(0)))
            for m in _WORD.finditer(text)
        ]
        if not tokens:  # "???" or emoji only: keep one token so featurizers see something
            tokens = [Token(text, 0, len(text), lemma=canonical(text))]
        return self._apply_token_pattern(tokens)
