"""Vietnamese review text: normalisation invariances, sentiment accuracy, topics."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pytest

from toolkit import care, vn
from toolkit import data as toolkit_data
from toolkit.care._heldout import HELD_OUT

# (as written with diacritics, the same with teen-code)
SENTENCES = [
    (
        "Giao hàng nhanh, đóng gói cẩn thận, mật ong thơm ngon",
        "Ship nhanh, đóng gói cẩn thận, mật ong thơm ngon",
    ),
    ("Sản phẩm không ngon, giao hàng rất lâu", "Sp ko ngon, giao hàng rất lâu"),
    ("Shop trả lời nhiệt tình, giá rẻ", "Shop rep nhiệt tình, giá rẻ"),
    ("Hũ bị vỡ, thất vọng quá", "Hũ bị vỡ, thất vọng wá"),
    ("Được tặng quà, sẽ quay lại ủng hộ shop", "Đc tặng quà, sẽ quay lại ủng hộ shop"),
    ("Trà thơm nhưng bao bì bị rách", "Trà thơm nhưng bao bì bị rách"),
    ("Thái độ phục vụ kém, không hài lòng", "Thái độ phục vụ kém, k hài lòng"),
]
VARIANTS = {
    "nfc": lambda s: s,
    "nfd": lambda s: unicodedata.normalize("NFD", s),
    "upper": str.upper,
    "no_diacritics": vn.strip_accents,
    "nfd_no_diacritics_spaces": lambda s: "  " + vn.strip_accents(s).replace(" ", "   ") + " ",
}


@pytest.mark.parametrize(("written", "teen"), SENTENCES)
@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_same_tags_whatever_the_typing(written, teen, variant):
    reference = care.tag_reviews(pd.DataFrame({"text": [written]})).iloc[0]
    for text in (VARIANTS[variant](written), VARIANTS[variant](teen)):
        tagged = care.tag_reviews(pd.DataFrame({"text": [text]})).iloc[0]
        assert tagged["topics"] == reference["topics"], text
        assert tagged["sentiment"] == reference["sentiment"], text


def test_old_and_new_tone_placement_normalise_alike():
    assert care.normalize_text("Hoà quyện, khoẻ, thuỷ tinh") == care.normalize_text(
        "Hòa quyện, khỏe, thủy tinh"
    )


def test_teencode_expands_whole_words_only():
    assert care.normalize_text("ko dc, sp k tốt") == "không được, sản phẩm không tốt"
    assert care.normalize_text("50k, kg, spa") == "50k, không, spa"  # 50k and spa untouched


def test_negation_and_intensifiers():
    base = care.sentiment_score("ngon")
    assert care.sentiment_score("rất ngon") > base > 0
    assert care.sentiment_score("ngon lắm") > base
    assert care.sentiment_score("cực kỳ ngon") > care.sentiment_score("rất ngon")
    for negator in ("không", "chẳng", "chưa", "đâu có"):
        assert care.sentiment_score(f"{negator} ngon") < 0, negator
        assert care.sentiment_score(f"{negator} tệ") > 0, negator
    assert care.sentiment_score("không hề ngon") < 0
    assert care.sentiment_score("chưa nhận được hàng") < 0


def test_emoji_count():
    assert care.sentiment_score("😍😍") == 2.0
    assert care.sentiment_label("nhận hàng 😡") == "tiêu cực"


def test_ambiguous_words_are_not_matched_without_accents():
    # "dat hang" is "đặt hàng" (to order), not "đắt" (expensive)
    assert care.sentiment_score("dat hang hom qua") == 0.0
    assert care.sentiment_score("đắt") < 0


def test_series_input_keeps_index_and_blanks():
    texts = pd.Series(["ngon", None, ""], index=[10, 20, 30])
    scores = care.sentiment_score(texts)
    assert scores.index.tolist() == [10, 20, 30]
    assert scores.tolist() == [1.0, 0.0, 0.0]
    with pytest.raises(TypeError, match="chuỗi chữ"):
        care.sentiment_score(42)


# Majority class of the held-out set ("tích cực") and the floor on accuracy:
# 3-class accuracy 0.79 was measured on the untuned lexicon (the set was written
# first and never used to tune it). The floor 0.70 sits far above the majority
# baseline (0.45) and about 10 reviews below the measurement, so a broken negation
# or normalisation step fails while adding a lexicon word does not.
ACCURACY_FLOOR = 0.70


def test_sentiment_accuracy_on_held_out_set():
    labels = toolkit_data.load("review_labels")
    assert len(labels) == len(HELD_OUT) >= 100
    predicted = care.sentiment_label(labels["text"]).astype(str)
    accuracy = float((predicted == labels["sentiment"].astype(str)).mean())
    majority = float(labels["sentiment"].value_counts(normalize=True).max())
    print(f"held-out sentiment accuracy: {accuracy:.3f} (majority baseline {majority:.3f})")
    assert majority < 0.5
    assert accuracy >= ACCURACY_FLOOR


def test_topic_recall_on_held_out_set():
    labels = toolkit_data.load("review_labels")
    flags = care.topic_flags(labels["text"])
    for topic in care.TOPIC_NAMES:
        gold = labels["topics"].str.contains(topic)
        recall = float((flags[topic] & gold).sum() / gold.sum())
        print(f"{topic}: recall {recall:.2f}")
        assert recall >= 0.6, topic


def test_top_complaints_report():
    reviews = pd.DataFrame(
        {
            "text": [
                "Giao hàng chậm quá",
                "ship lâu, hộp bị móp",
                "giao trễ 5 ngày 😡",
                "Mật ong ngon",
                "hàng giả, thất vọng",
            ]
        }
    )
    report = care.top_complaints(reviews, quotes=2)
    assert report["topic"].tolist()[0] == "Giao hàng"
    assert report.loc[0, "complaints"] == 3
    assert report.loc[0, "share"] == pytest.approx(3 / 4)
    assert len(report.loc[0, "examples"]) == 2
    assert all(q in reviews["text"].tolist() for q in report.loc[0, "examples"])
    assert care.top_complaints(reviews, n=1).shape[0] == 1


def test_shipped_reviews_point_at_delivery_first_and_packaging_in_the_top_three():
    # the generator's story: delivery first, broken honey jars (packaging) next; the
    # tagger also reads the quality complaints (fermented honey, damp tea) that the
    # generator writes beside them, so quality and packaging are close behind
    report = care.top_complaints(toolkit_data.load("reviews"))
    assert report["topic"].tolist()[0] == "Giao hàng"
    assert "Đóng gói" in report["topic"].tolist()[:3]
