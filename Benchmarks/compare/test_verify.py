"""Checks the answer comparison: `python3 -m unittest discover -s Benchmarks/compare`."""
import unittest

from verify import compare, parse_answer


class CompareTests(unittest.TestCase):
    def test_dialects_of_the_same_answer_match(self):
        duckdb = "d,n,x,t,s\n2025-01-01,3,0.0,2025-08-14 08:02:25.4,abc\n2025-01-02,,1.5,2025-08-14 08:00:00,\n"
        datafusion = ('"d","n","x","t","s"\n2025-01-02,,1.5,2025-08-14 08:00:00.000000,\n'
                      '2025-01-01,3,0,2025-08-14 08:02:25.400000,"abc"\n')
        polars = "d,n,x,t,s\n2025-01-01,3,0.0,2025-08-14T08:02:25.400000,abc\n2025-01-02,,1.5000000000001,2025-08-14T08:00:00,\n"
        reference = parse_answer(duckdb)
        self.assertIsNone(compare(reference, parse_answer(datafusion)))
        self.assertIsNone(compare(reference, parse_answer(polars)))
        self.assertEqual(reference.checksum(), parse_answer(polars).checksum())

    def test_wrong_answers_are_named(self):
        reference = parse_answer("k,v\na,1\nb,2.5\n")
        self.assertIn("rows", compare(reference, parse_answer("k,v\na,1\n")))
        self.assertIn("columns", compare(reference, parse_answer("k\na\nb\n")))
        self.assertIn("row 2 column 2", compare(reference, parse_answer("k,v\na,1\nb,2.5001\n")))
        self.assertIn("row 1 column 2", compare(reference, parse_answer("k,v\na,2\nb,2.5\n")))
        self.assertIsNotNone(compare(reference, parse_answer("k,v\na,\nb,2.5\n")))

    def test_integers_compare_exactly(self):
        reference = parse_answer("id\n2025081400000042\n")
        self.assertIsNotNone(compare(reference, parse_answer("id\n2025081400000043\n")))


if __name__ == "__main__":
    unittest.main()
