"""`flask docs bulk`: a register file to a ZIP of documents on the command line."""

import zipfile

from tests.service.bulk.registers import as_csv, plan_rows


def test_a_register_becomes_a_zip(app, runner, tmp_path):
    plan = app.extensions["catalogue"].get("sen-support-plan")
    rows = plan_rows(plan)
    rows[2]["child_dob"] = "31/02/2015"
    register = tmp_path / "register.csv"
    register.write_bytes(as_csv(rows))
    out = tmp_path / "plans.zip"
    result = runner.invoke(args=["docs", "bulk", "sen-support-plan", str(register), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Row 4, child_dob: Date of birth must be a real date" in result.output
    assert f"Wrote {out}: 2 can be made, 1 have problems, 0 left out" in result.output
    with zipfile.ZipFile(out) as archive:
        assert len([n for n in archive.namelist() if n.startswith("SEN support plans/")]) == 2


def test_a_dry_run_makes_nothing(app, runner, tmp_path):
    plan = app.extensions["catalogue"].get("sen-support-plan")
    register = tmp_path / "register.csv"
    register.write_bytes(as_csv(plan_rows(plan)))
    result = runner.invoke(args=["docs", "bulk", "sen-support-plan", str(register), "--dry-run"])
    assert result.exit_code == 0
    assert "Checked register.csv: 3 can be made, 0 have problems, 0 left out" in result.output
    assert list(tmp_path.iterdir()) == [register]


def test_an_unreadable_file_says_why(runner, tmp_path):
    register = tmp_path / "register.csv"
    register.write_bytes(b"")
    result = runner.invoke(args=["docs", "bulk", "sen-support-plan", str(register)])
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_a_wrong_status_is_refused(runner, tmp_path):
    register = tmp_path / "register.csv"
    register.write_bytes(b"child_name\nA B\n")
    result = runner.invoke(
        args=["docs", "bulk", "sen-support-plan", str(register), "--status", "X"]
    )
    assert result.exit_code == 2
