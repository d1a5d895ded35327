"""The one loading path: every table loads and validates; every kind of bad input gets a clear error."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from helpers.data import DataFileError, load_table, table_names
from helpers.schemas import TABLES
from helpers.text import html_table

ADV = "bone_mets_advanced.csv"


@pytest.mark.parametrize("name", table_names())
def test_every_table_loads_typed_and_non_empty(name: str) -> None:
    frame = load_table(name)
    assert len(frame) > 0
    declared = list(TABLES[name].model.to_schema().columns)
    assert list(frame.columns) == declared
    for column, col in TABLES[name].model.to_schema().columns.items():
        if str(col.dtype).startswith(("float", "int", "Int")):
            assert pd.api.types.is_numeric_dtype(frame[column]), column


def test_load_returns_a_copy() -> None:
    first = load_table("bone_mets_advanced")
    first.loc[0, "bone_pct_low"] = -1
    assert load_table("bone_mets_advanced").loc[0, "bone_pct_low"] >= 0


def test_unknown_table_name() -> None:
    with pytest.raises(KeyError, match="no table named"):
        load_table("no_such_table")


def error_for(folder: Path, name: str = "bone_mets_advanced") -> DataFileError:
    with pytest.raises(DataFileError) as info:
        load_table(name, folder)
    return info.value


def drop_column(text: str, column: str) -> str:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    at = rows[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:at] + r[at + 1 :] for r in rows])
    return out.getvalue()


def replace_cell(text: str, row: int, column: str, value: str) -> str:
    """Set one cell (row counts the header as 1) of a simple CSV text with no embedded newlines."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(text)))
    rows[row - 1][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def test_missing_file(data_copy: Path) -> None:
    (data_copy / ADV).unlink()
    err = error_for(data_copy)
    assert ADV in str(err) and "does not exist" in str(err)


def test_empty_file(edit) -> None:
    err = error_for(edit(ADV, lambda t: ""))
    assert ADV in str(err) and "empty" in str(err)


def test_missing_column(edit) -> None:
    err = error_for(edit(ADV, lambda t: drop_column(t, "note")))
    assert (err.first.row, err.first.column) == (1, "note")
    assert "missing column" in str(err) and ADV in str(err)


def test_unexpected_column(edit) -> None:
    def add_column(text: str) -> str:
        lines = text.splitlines()
        return "\n".join([lines[0] + ",colour"] + [line + ",red" for line in lines[1:]]) + "\n"

    err = error_for(edit(ADV, add_column))
    assert (err.first.row, err.first.column) == (1, "colour")
    assert "unexpected column" in str(err)


def test_wrong_type_names_row_column_and_rule(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 3, "bone_pct_low", "sixty-five")))
    assert str(err).startswith(str(edit(ADV, lambda t: t) / ADV))
    assert (err.first.row, err.first.column) == (3, "bone_pct_low")
    assert "must be a number" in err.first.rule and err.first.value == "sixty-five"
    assert "row 3, column 'bone_pct_low'" in str(err)


def test_percentage_out_of_range(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 2, "bone_pct_high", "175")))
    assert (err.first.row, err.first.column) == (2, "bone_pct_high")
    assert "<= 100" in err.first.rule


def test_negative_percentage(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 2, "seed_pct_low", "-5")))
    assert (err.first.row, err.first.column) == (2, "seed_pct_low") and ">= 0" in err.first.rule


def test_low_greater_than_high(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 4, "bone_pct_low", "90")))
    assert len(err.problems) == 1
    assert (err.first.row, err.first.column) == (
        4,
        "bone_pct_low",
    ) and "bone_pct_low <= bone_pct_high" in err.first.rule


def test_duplicate_key(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 3, "cancer", "breast")))
    rows = {p.row for p in err.problems}
    assert rows == {2, 3} and all("duplicate" in p.rule for p in err.problems)


def test_source_id_that_does_not_exist(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 5, "source_id", "nobody2099")))
    assert (err.first.row, err.first.column, err.first.value) == (5, "source_id", "nobody2099")
    assert "sources.csv" in err.first.rule


def test_empty_required_cell(edit) -> None:
    err = error_for(edit(ADV, lambda t: replace_cell(t, 2, "cancer_label", "")))
    assert (err.first.row, err.first.column) == (2, "cancer_label")


def test_not_utf8(data_copy: Path) -> None:
    path = data_copy / ADV
    path.write_bytes(path.read_bytes().replace(b"Kidney", "Kidn\u00e9y".encode("latin-1")))
    err = error_for(data_copy)
    kidney_line = next(i for i, line in enumerate(path.read_bytes().splitlines(), 1) if b"Kidn" in line)
    assert err.first.row == kidney_line and "not UTF-8" in err.first.rule


def test_utf8_bom_is_accepted(data_copy: Path) -> None:
    path = data_copy / ADV
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    frame = load_table("bone_mets_advanced", data_copy)
    assert frame.columns[0] == "cancer"
    assert frame.equals(load_table("bone_mets_advanced"))


def test_ragged_row(edit) -> None:
    err = error_for(edit(ADV, lambda t: t.replace("\nthyroid,", "\nthyroid,extra,", 1)))
    assert err.first.row == 4 and "cells but the header has" in err.first.rule


def test_broken_quoting(edit) -> None:
    err = error_for(edit(ADV, lambda t: t.rstrip("\n") + '\nx,"unterminated\n'))
    assert ADV in str(err)


def test_nothing_half_loaded_after_a_fix(edit) -> None:
    folder = edit(ADV, lambda t: replace_cell(t, 2, "bone_pct_high", "175"))
    error_for(folder)
    (folder / ADV).write_text(replace_cell((folder / ADV).read_text(), 2, "bone_pct_high", "75"))
    assert load_table("bone_mets_advanced", folder).loc[0, "bone_pct_high"] == 75


def test_html_in_data_is_loaded_as_text_and_shown_escaped(edit) -> None:
    script = '<script>alert("x")</script><b>Breast</b>'
    folder = edit(ADV, lambda t: replace_cell(t, 2, "cancer_label", script))
    frame = load_table("bone_mets_advanced", folder)
    assert frame.loc[0, "cancer_label"] == script
    shown = html_table(frame[["cancer_label"]], "t")
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "<b>Breast" not in shown


def test_many_problems_are_all_counted(edit) -> None:
    def break_all(text: str) -> str:
        for row in range(2, 9):
            text = replace_cell(text, row, "bone_pct_high", "500")
        return text

    err = error_for(edit(ADV, break_all))
    assert len(err.problems) == 7 and re.search(r"7 problems", str(err))


def test_error_in_sources_is_reported_against_sources(edit) -> None:
    err = error_for(edit("sources.csv", lambda t: replace_cell(t, 2, "year", "20x7")))
    assert err.path.name == "sources.csv" and err.first.column == "year"


def test_unknown_id_in_a_source_list(edit) -> None:
    def change(text: str) -> str:
        import csv
        import io

        rows = list(csv.reader(io.StringIO(text)))
        at = rows[0].index("source_ids")
        rows[3][at] = rows[3][at] + ";nobody2099"
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()

    err = error_for(edit("recurrence_faq.csv", change), "recurrence_faq")
    assert err.first.row == 4 and err.first.column == "source_ids" and "sources.csv" in err.first.rule


def test_duplicate_composite_key(edit) -> None:
    def change(text: str) -> str:
        lines = text.splitlines()
        return "\n".join([*lines, lines[1]]) + "\n"

    err = error_for(edit("followup_schedule.csv", change), "followup_schedule")
    assert {p.row for p in err.problems} == {2, 17} and "duplicate key" in err.first.rule


def test_only_the_seed_schedule_may_lack_a_source(edit) -> None:
    folder = edit("followup_schedule.csv", lambda t: t.replace(",strong2015,", ",,", 1))
    err = error_for(folder, "followup_schedule")
    assert "source_id is given" in err.first.rule


def test_value_outside_an_allowed_list(edit) -> None:
    folder = edit("warning_signs.csv", lambda t: t.replace(",recurrence,", ",whenever,", 1))
    err = error_for(folder, "warning_signs")
    assert err.first.column == "context" and "must be one of" in err.first.rule


def test_a_sign_must_name_a_level_of_the_urgency_scale(edit) -> None:
    folder = edit("warning_signs.csv", lambda t: t.replace(",red,", ",emergency,", 1))
    err = error_for(folder, "warning_signs")
    assert err.first.column == "level" and "exists in urgency_levels.csv" in err.first.rule
    assert err.first.value == "emergency" and err.first.row is not None


def test_data_is_found_next_to_the_notebooks_when_the_package_is_installed_elsewhere(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import helpers.data as hd

    notebooks = data_copy.parent / "notebooks"
    notebooks.mkdir()
    monkeypatch.setattr(hd, "DEFAULT_DATA_DIR", tmp_path / "site-packages" / "data")  # not there
    monkeypatch.delenv("METASTASIS_DATA_DIR", raising=False)
    monkeypatch.chdir(notebooks)
    assert hd.data_dir() == data_copy.parent / "data"
    assert len(load_table("bone_mets_advanced", hd.data_dir())) == 7


def test_a_vicious_cycle_step_must_name_a_place_on_the_diagram(edit) -> None:
    folder = edit("vicious_cycle.csv", lambda t: t.replace("osteoclast,osteoclast,,", "osteoclast,osteocyte,,", 1))
    err = error_for(folder, "vicious_cycle")
    assert err.first.column == "actor_key" and "must be one of" in err.first.rule
