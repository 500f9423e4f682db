"""Vietnamese review text: normalisation invariances, sentiment accuracy, topics."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from toolkit import care, vn
from toolkit import data as toolkit_data
from toolkit.care._heldout import HELD_OUT

CORPUS = Path(care.__file__).resolve().parent / "data" / "sentiment_corpus.csv"

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
ACCURACY_FLOOR = 0.80  # measured 0.873 after issue 25 (the set is still never tuned on)


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


# --- the rules of the scorer, each on a family of sentences ----------------------------

PRODUCTS = ["mật ong", "trà", "cà phê", "gạo", "nước mắm", "hạt điều"]


@pytest.mark.parametrize("product", PRODUCTS)
@pytest.mark.parametrize("word", ["ngon", "thơm", "đậm đà", "tuyệt vời", "xuất sắc"])
def test_negation_scope_reaches_through_fillers(product, word):
    praise = care.sentiment_score(f"{product} {word}")
    assert praise > 0
    for negated in (f"{product} không {word}", f"{product} không thấy {word}",
                    f"{product} chẳng được {word}", f"{product} ko {word}"):  # fmt: skip
        assert care.sentiment_score(negated) < 0, negated
    # a negator three words away in another clause does not reach
    assert care.sentiment_score(f"không biết sao, {product} {word}") > 0


@pytest.mark.parametrize("word", ["tệ", "dở", "kém"])
def test_hedged_blame_is_lukewarm_and_plain_negated_blame_is_praise(word):
    for hedge in ("không đến nỗi", "không quá", "chưa đến mức"):
        assert care.sentiment_label(f"{hedge} {word}") == "trung tính", hedge
    assert care.sentiment_score(f"không {word}") > 0
    assert care.sentiment_label(f"không {word}, cũng không xuất sắc") == "trung tính"


def test_vacuum_packing_and_reviews_are_not_negation_or_price():
    assert care.sentiment_label("Gạo hút chân không cẩn thận") == "tích cực"
    assert care.sentiment_label("Khô bò hut chan khong ky") == "tích cực"
    assert "Giá" not in care.topic_labels("Mình đánh giá 5 sao cho shop")
    assert "Giá" in care.topic_labels("Giá hợp lý")


def test_quality_is_a_topic_not_praise():
    assert care.sentiment_label("chất lượng bình thường") == "trung tính"
    assert care.sentiment_label("chất lượng kém") == "tiêu cực"
    assert care.sentiment_label("chất lượng tốt") == "tích cực"


@pytest.mark.parametrize(
    ("a", "b"), [("chua", "ngọt"), ("cay", "thơm"), ("đắng", "béo"), ("mặn", "ngọt")]
)
def test_reduplicated_tastes_describe_rather_than_blame(a, b):
    text = f"xoài sấy {a} {a} {b} {b}"
    assert care.sentiment_score(text) > 0, text
    assert care.sentiment_score(vn.strip_accents(text)) > 0
    assert care.sentiment_score(f"xoài sấy {a} {a}") >= 0
    assert care.sentiment_score(f"xoài sấy {a} quá") <= care.sentiment_score(f"xoài sấy {a} {a}")


def test_degree_words_scale_and_softeners_soften():
    assert care.sentiment_score("giao chậm") < care.sentiment_score("giao hơi chậm") < 0
    assert care.sentiment_score("giao hơi chậm một chút") > care.sentiment_score("giao hơi chậm")
    assert care.sentiment_score("thơm ơi là thơm") > care.sentiment_score("rất thơm")


@pytest.mark.parametrize(
    ("first", "second", "label"),
    [
        ("giá hơi cao", "hàng tốt", "tích cực"),
        ("giao nhanh", "mật ong bị chua", "tiêu cực"),
        ("hàng tốt", "giá hơi cao", "trung tính"),
    ],
)
def test_what_follows_the_contrast_weighs_more(first, second, label):
    for contrast in ("nhưng", "tuy nhiên", "mà"):
        assert care.sentiment_label(f"{first} {contrast} {second}") == label, contrast


def test_a_delivery_complaint_does_not_sink_praised_product():
    assert care.sentiment_label("Mật ong ngon nhưng giao lâu quá") == "trung tính"
    assert care.sentiment_label("Giao nhanh nhưng mật ong bị lên men") == "tiêu cực"
    assert care.sentiment_label("Giao lâu quá, thất vọng") == "tiêu cực"


@pytest.mark.parametrize(
    "text",
    [
        "Giao nhanh ghê, có 2 tuần thôi",
        "Ship nhanh lắm, mới có nửa tháng",
        "Cảm ơn shop đã gửi hũ mật ong bị vỡ",
        "Đóng gói cẩn thận ghê =)) hũ vỡ tan tành",
        "Ngon đến mức cả nhà ăn một miếng rồi bỏ",
        "Ngon đâu không thấy, chỉ thấy mùi hôi",
        "Shop trả lời nhanh ghê, nhắn từ thứ hai mà tới chủ nhật mới trả lời",
    ],
)
def test_sarcastic_praise_is_read_as_blame(text):
    assert care.sentiment_label(text) == "tiêu cực", text
    assert care.sentiment_label(vn.strip_accents(text)) == "tiêu cực", text


def test_laughing_praise_without_a_problem_stays_praise():
    assert care.sentiment_label("Ngon đến mức tối đã hết sạch, phải đặt thêm =))") == "tích cực"


@pytest.mark.parametrize(
    ("problem", "resolution", "label"),
    [
        ("Hũ bị vỡ", "shop gửi bù ngay, quá có tâm", "tích cực"),
        ("Hũ bị vỡ", "shop đã gửi bù rồi", "trung tính"),
        ("Hũ bị vỡ", "đề nghị shop hoàn tiền", "tiêu cực"),
        ("Hũ bị vỡ", "shop hứa gửi bù mà không gửi", "tiêu cực"),
    ],
)
def test_a_solved_problem_is_not_a_complaint(problem, resolution, label):
    assert care.sentiment_label(f"{problem}, {resolution}") == label


@pytest.mark.parametrize(
    "text",
    [
        "Shop cho đổi hàng ngay",
        "Mình đã trả hàng",
        "Shop hoàn tiền đầy đủ",
        "Thiếu một hũ, shop gửi bù",
        "Máy được bảo hành 12 tháng",
        "doi tra de dang",
        "shop hoan tien nhanh",
    ],
)
def test_service_topic_covers_exchanges_returns_refunds(text):
    assert "Phục vụ" in care.topic_labels(text), text


def test_mixed_typing_reads_both_forms():
    assert care.sentiment_label("giao hang nhanh, đóng gói đẹp") == "tích cực"
    assert care.sentiment_label("hàng về bi vo, that vong") == "tiêu cực"


def test_doubt_is_not_a_verdict():
    assert care.sentiment_label("Không biết có phải hàng thật không") == "trung tính"


CORPUS_FLOORS = {"accuracy": 0.80, "macro_f1": 0.75, "negative_recall": 0.75}


def test_held_out_split_of_the_corpus_meets_the_goals():
    """The ``test`` split was never used to tune (see sentiment_guidelines.md).

    Measured 0.846 / 0.829 / 0.823 (accuracy / macro-F1 / negative recall) the first
    time, 0.874 / 0.863 / 0.823 when the lexicon was finished; the floors are the goals
    of issue 25, so a change that loses the goals on unseen reviews fails here.
    """
    corpus = pd.read_csv(CORPUS, keep_default_na=False)
    held = corpus.loc[corpus["split"] == "test"]
    assert len(held) >= 150
    predicted = care.sentiment_label(held["text"]).astype(str).to_numpy()
    gold = held["sentiment"].to_numpy()
    f1 = []
    for label in care.SENTIMENTS:
        tp = ((gold == label) & (predicted == label)).sum()
        precision, recall = tp / max((predicted == label).sum(), 1), tp / (gold == label).sum()
        f1.append(2 * precision * recall / (precision + recall) if tp else 0.0)
    assert (predicted == gold).mean() >= CORPUS_FLOORS["accuracy"]
    assert sum(f1) / 3 >= CORPUS_FLOORS["macro_f1"]
    negative = gold == "tiêu cực"
    assert (predicted[negative] == "tiêu cực").mean() >= CORPUS_FLOORS["negative_recall"]
    service = held["topics"].str.contains("Phục vụ").to_numpy()
    flags = care.topic_flags(held["text"])["Phục vụ"].to_numpy()
    assert (flags & service).sum() / service.sum() >= 0.8


def test_corpus_is_split_once_and_labelled_with_known_values():
    corpus = pd.read_csv(CORPUS, keep_default_na=False)
    assert corpus["id"].is_unique
    assert corpus["text"].is_unique
    assert set(corpus["sentiment"]) == set(care.SENTIMENTS)
    assert set(corpus["split"]) == {"train", "dev", "test"}
    topics = corpus["topics"].str.split(";").explode()
    assert set(topics[topics != ""]) <= set(care.TOPIC_NAMES)
    shares = pd.crosstab(corpus["split"], corpus["sentiment"], normalize="index")
    assert (shares.max() - shares.min()).max() < 0.05  # stratified
    assert all(unicodedata.is_normalized("NFC", text) for text in corpus["text"])
