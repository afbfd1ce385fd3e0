"""The custom Rasa components, on Messages, without training a model."""

from __future__ import annotations

import os

import numpy as np
import pytest
import scipy.sparse

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

from rasa.engine.recipes.default_recipe import DefaultV1Recipe  # noqa: E402
from rasa.nlu.constants import TOKENS_NAMES  # noqa: E402
from rasa.shared.nlu.constants import ENTITIES, TEXT  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from nlu.components.classifier import idf_weights, tfidf  # noqa: E402
from nlu.components.entities import VietnameseEntityExtractor, find_services  # noqa: E402
from nlu.components.vietnamese import VietnameseNormalizer  # noqa: E402
from referral_db.provinces import ProvinceMatch  # noqa: E402

Types = DefaultV1Recipe.ComponentType


@pytest.fixture
def normalizer() -> VietnameseNormalizer:
    return VietnameseNormalizer(VietnameseNormalizer.get_default_config())


def lemmas(normalizer: VietnameseNormalizer, text: str) -> list[str]:
    message = Message({TEXT: text})
    normalizer.process([message])
    return [t.lemma for t in message.get(TOKENS_NAMES[TEXT])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chồng em đánh em", ["chong", "em", "danh", "em"]),
        ("chong em danh em", ["chong", "em", "danh", "em"]),
        ("ck e đánh e", ["chong", "em", "danh", "em"]),
        ("ĐÃ ĐƯỢC ĐI", ["da", "duoc", "di"]),
        ("đc ko", ["duoc", "khong"]),
        ("sđt tổng đài", ["so dien thoai", "tong", "dai"]),
        ("em ở Đà Nẵng", ["em", "o", "da", "nang"]),
        ("I'm scared, he's angry", ["i'm", "scared", "he's", "angry"]),
        ("ck e hay check phone e", ["chong", "em", "hay", "check", "phone", "em"]),
    ],
)
def test_lemma_is_folded_and_expanded(normalizer, text, expected):
    assert lemmas(normalizer, text) == expected


def test_token_text_and_offsets_keep_what_she_wrote(normalizer):
    message = Message({TEXT: "Chồng em, ĐÁNH!"})
    normalizer.process([message])
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert [t.text for t in tokens] == ["Chồng", "em", "ĐÁNH"]
    assert [message.get(TEXT)[t.start : t.end] for t in tokens] == ["Chồng", "em", "ĐÁNH"]


@pytest.mark.parametrize("text", ["???", "😢", "..."])
def test_text_without_words_still_gets_one_token(normalizer, text):
    assert len(lemmas(normalizer, text)) == 1


def test_training_data_is_tokenized_too(normalizer):
    data = TrainingData([Message({TEXT: "vk ck ko nc", "intent": "report_abuse"})])
    normalizer.process_training_data(data)
    tokens = data.training_examples[0].get(TOKENS_NAMES[TEXT])
    assert [t.lemma for t in tokens] == ["vo", "chong", "khong", "noi chuyen"]


@pytest.mark.parametrize(
    "name, component_type, trainable",
    [
        ("nlu.components.vietnamese.VietnameseNormalizer", Types.MESSAGE_TOKENIZER, False),
        ("nlu.components.entities.VietnameseEntityExtractor", Types.ENTITY_EXTRACTOR, False),
        (
            "nlu.components.classifier.TfidfLogisticRegressionClassifier",
            Types.INTENT_CLASSIFIER,
            True,
        ),
    ],
)
def test_components_are_registered_with_the_type_that_reaches_training(
    name, component_type, trainable
):
    # Only tokenizers and featurizers run over training data in Rasa's default recipe.
    registered = DefaultV1Recipe._from_registry(name)
    assert component_type in registered.types
    assert registered.is_trainable is trainable


@pytest.mark.parametrize(
    "text, expected",
    [
        ("gần đây có nhà tạm lánh nào không", ["shelter"]),
        ("o ha noi co dia chi tin cay nao ko", ["shelter"]),
        ("where is the nearest shelter", ["shelter"]),
        ("em cần tư vấn tâm lý", ["counselling"]),
        ("i need a counsellor", ["counselling"]),
        ("tư vấn pháp lý miễn phí ở đâu", ["legal_aid"]),
        ("can tim luat su", ["legal_aid"]),
        ("trợ giúp pháp lý cho phụ nữ", ["legal_aid"]),
        ("I need a lawyer", ["legal_aid"]),
        ("bệnh viện gần nhất", ["health"]),
        ("take me to a hospital", ["health"]),
        ("có nên báo công an không", ["police"]),
        ("should I call the police", ["police"]),
        ("luật sư và nhà tạm lánh", ["legal_aid", "shelter"]),
        ("chồng em đánh em", []),
        ("cong ty em o dau", []),  # "cong" alone is not "cong an"
    ],
)
def test_service_types_from_keywords(text, expected):
    assert [s for s, _, _ in find_services(text)] == expected


def test_entities_with_a_province_resolver():
    def resolve(text: str) -> ProvinceMatch | None:
        return ProvinceMatch("Cà Mau", "Bạc Liêu") if "bac lieu" in text.lower() else None

    extractor = VietnameseEntityExtractor(resolve)
    message = Message({TEXT: "o Bac Lieu co nha tam lanh ko"})
    extractor.process([message])
    found = {e["entity"]: e for e in message.get(ENTITIES)}
    assert found["service_type"]["value"] == "shelter"
    assert found["province"]["value"] == "Cà Mau"
    assert found["province"]["formerly"] == "Bạc Liêu"


def test_entities_without_referral_db_still_finds_services():
    extractor = VietnameseEntityExtractor(None)
    assert [e["entity"] for e in extractor.extract("tìm luật sư ở Huế")] == ["service_type"]


@pytest.mark.parametrize(
    "text, province, formerly",
    [
        ("o Bac Lieu co trung tam ho tro nao khong", "Cà Mau", "Bạc Liêu"),
        ("em ở Hà Nội", "Hà Nội", None),
        ("tim nha tam lanh o hcm", "Hồ Chí Minh", None),
    ],
)
def test_entities_with_the_real_province_resolver(text, province, formerly):
    extractor = VietnameseEntityExtractor.create({}, None, None, None)  # type: ignore[arg-type]
    found = {e["entity"]: e for e in extractor.extract(text)}
    assert found["province"]["value"] == province
    assert found["province"]["formerly"] == formerly


def test_tfidf_weighs_rare_features_more_and_rows_have_unit_length():
    counts = scipy.sparse.csr_matrix(np.array([[1, 1, 0], [1, 0, 3], [1, 0, 0]]))
    idf = idf_weights(counts)
    assert idf[0] < idf[1] == idf[2]
    weighted = tfidf(counts, idf).toarray()
    assert np.allclose(np.linalg.norm(weighted, axis=1), 1.0)
    assert weighted[0, 1] > weighted[0, 0]
