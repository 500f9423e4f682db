"""A learner's markdown is inert in Formgrader's view: its HTML export runs InertMarkdown."""

from __future__ import annotations

import html
import re

import nbformat
import pytest
from traitlets.config import Config

ATTACKS = (
    "[bấm vào đây](javascript:alert(document.cookie))",
    "[x][1]\n\n[1]: javascript:alert(1)",
    "[x](java&#115;cript:alert(1))",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "<img src=x onerror=alert(1)>",
)


def _export(config: Config, source: str) -> str:
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(source)])
    body, _ = HTMLExporter(config=config).from_notebook_node(nb)
    return body


@pytest.mark.parametrize("attack", ATTACKS)
def test_formgraders_exporter_renders_learner_markdown_inert(attack):
    config = Config()
    config.HTMLExporter.preprocessors = ["grading.core.steps.InertMarkdown"]
    body = _export(config, attack).lower()
    links = [html.unescape(h).strip() for h in re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', body)]
    assert not [h for h in links if h.startswith(("javascript", "x"))], links
    assert "onerror=" not in body


def test_without_the_step_the_attack_would_be_live():
    body = _export(Config(), ATTACKS[0]).lower()
    assert 'href="javascript' in body  # what the step prevents


def test_tables_and_text_are_unchanged():
    config = Config()
    config.HTMLExporter.preprocessors = ["grading.core.steps.InertMarkdown"]
    body = _export(config, "| sản phẩm | giá |\n|---|---|\n| mật ong | 120.000 ₫ |")
    assert "<table>" in body
    assert "mật ong" in body


def test_formgraders_config_sets_the_step(cohort, tmp_path):
    from grading.jupyter.launch import formgrader_config_text

    text = formgrader_config_text(cohort)
    assert "c.HTMLExporter.preprocessors = ['grading.core.steps.InertMarkdown']" in text
