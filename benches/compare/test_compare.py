"""Tests of the bench-compare driver: `python3 -m unittest benches/compare/test_compare.py`."""

import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import compare  # noqa: E402


class ParseRow(unittest.TestCase):
    def test_a_figure_with_a_floor_gets_its_ratio(self):
        row = compare.parse_row(json.dumps({
            "measure": "m", "size": "10 entries", "value": 3.0, "unit": "ms",
            "floor": "raw", "floor_value": 1.5, "goal": "<= 10 ms", "met": True}), "20-x")
        self.assertEqual(row["ratio"], 2.0, "value over floor")
        self.assertEqual(row["step"], "20-x", "each row names the step it came from")

    def test_a_figure_without_a_floor_has_no_ratio(self):
        row = compare.parse_row('{"measure": "m", "size": "s", "value": 1, "unit": "ms"}', "s")
        self.assertIsNone(row["ratio"])

    def test_other_lines_are_not_figures(self):
        for line in ["Compiling w2b-core", "{not json", '{"measure": "m"}',
                     '{"measure": "m", "size": "s", "value": "fast", "unit": "ms"}']:
            self.assertIsNone(compare.parse_row(line, "s"), line)


class Driver(unittest.TestCase):
    def test_steps_run_in_name_order_and_a_failing_step_is_reported(self):
        with tempfile.TemporaryDirectory() as tmp:
            steps = Path(tmp) / "steps"
            steps.mkdir()
            for name, body in [
                ("20-second", 'echo \'{"measure": "b", "size": "s", "value": 2, "unit": "ms"}\''),
                ("10-first", 'echo progress; echo \'{"measure": "a", "size": "s", "value": 1, '
                             '"unit": "ms", "floor_value": 0.5, "goal": "<= 1 ms", "met": true}\''),
                ("30-broken", "exit 3"),
            ]:
                path = steps / name
                path.write_text(f"#!/bin/sh\n{body}\n")
                path.chmod(0o755)
            (steps / "README").write_text("not executable, not a step")
            out = Path(tmp) / "out.json"
            run = subprocess.run(
                [sys.executable, compare.__file__, "--steps", str(steps), "--json", str(out)],
                capture_output=True, text=True, env={**os.environ})
            self.assertEqual(run.returncode, 1, "a failed step fails the run")
            written = json.loads(out.read_text())
            self.assertEqual([r["measure"] for r in written["rows"]], ["a", "b"],
                             "steps run in name order")
            self.assertEqual(written["rows"][0]["ratio"], 2.0)
            self.assertEqual(written["failed_steps"], ["30-broken (exit status 3)"])
            self.assertIn("2.00x", run.stdout, "the table shows the ratio")
            self.assertIn("1 of 1 goals met.", run.stdout)


if __name__ == "__main__":
    unittest.main()
