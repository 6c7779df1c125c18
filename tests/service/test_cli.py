"""`flask docs list` and `flask docs render`."""

import io
import json

import docx


def test_list_names_every_document(runner):
    result = runner.invoke(args=["docs", "list"])
    assert result.exit_code == 0
    assert result.output.startswith("concern-letter\t")


def test_render_example(app, runner, tmp_path):
    answers = tmp_path / "answers.json"
    document = app.extensions["catalogue"].get("concern-letter")
    answers.write_text(json.dumps(document.example), encoding="utf-8")
    output = tmp_path / "letter.docx"
    result = runner.invoke(
        args=["docs", "render", "concern-letter", str(answers), "-o", str(output)]
    )
    assert result.exit_code == 0, result.output
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(output.read_bytes())).paragraphs)
    assert document.example["child_name"] in text


def test_render_reports_field_errors(runner, tmp_path):
    answers = tmp_path / "answers.json"
    answers.write_text("{}", encoding="utf-8")
    result = runner.invoke(args=["docs", "render", "concern-letter", str(answers), "-o", "x.docx"])
    assert result.exit_code == 1
    assert "child_name: Enter" in result.output


def test_render_blank_and_unknown_slug(runner, tmp_path):
    output = tmp_path / "blank.docx"
    result = runner.invoke(args=["docs", "render", "concern-letter", "--blank", "-o", str(output)])
    assert result.exit_code == 0
    assert output.stat().st_size > 0
    result = runner.invoke(args=["docs", "render", "nope", "--blank"])
    assert result.exit_code != 0
    assert "no document called 'nope'" in result.output
