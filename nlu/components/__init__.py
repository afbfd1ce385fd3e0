"""Custom Rasa graph components for Vietnamese: tokenizer, classifier and entity extractor."""

from __future__ import annotations
