"""Score candidate claim pairs with Splink on DuckDB (default) or Spark; the same model on both."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from harmwatch.link.model import COMPARISONS, with_current_rules

ENGINES = ("duckdb", "spark")
GAMMAS = [f"mw_{c['output_column_name']}" for c in COMPARISONS]  # partial match weight per comparison
_OUT = ["unique_id_l", "unique_id_r", "match_weight", "match_probability", *GAMMAS]


@dataclass(slots=True)
class Pairs:
    """Scored pairs as parallel columns (cheap to sort and cluster, even for millions of pairs)."""

    a: list[str]
    b: list[str]
    weight: list[float]
    probability: list[float]
    gammas: dict[str, list[int]]

    @classmethod
    def empty(cls) -> Pairs:
        return cls([], [], [], [], {g: [] for g in GAMMAS})

    @classmethod
    def from_columns(cls, cols: dict[str, list[Any]]) -> Pairs:
        return cls(cols["unique_id_l"], cols["unique_id_r"], cols["match_weight"], cols["match_probability"],
                   {g: cols[g] for g in GAMMAS})

    def extend(self, other: Pairs) -> None:
        self.a += other.a
        self.b += other.b
        self.weight += other.weight
        self.probability += other.probability
        for g in GAMMAS:
            self.gammas[g] += other.gammas[g]

    def __len__(self) -> int:
        return len(self.a)


def _quiet() -> None:
    logging.getLogger("splink").setLevel(logging.WARNING)


class Scorer:
    """One Splink backend session: register claim features, score all pairs or only new claims' pairs."""

    def __init__(self, model: dict[str, Any], engine: str = "duckdb", threads: int = 2,
                 memory_limit: str = "3GB", spark: Any = None) -> None:
        if engine not in ENGINES:
            raise ValueError(f"link engine {engine!r}: one of {', '.join(ENGINES)}")
        _quiet()
        self.engine = engine
        self.model = with_current_rules(model)
        if engine == "duckdb":
            import duckdb
            from splink import DuckDBAPI

            con = duckdb.connect()
            con.execute(f"SET threads={int(threads)}; SET memory_limit='{memory_limit}'; "
                        "SET preserve_insertion_order=false")
            self.db: Any = DuckDBAPI(con)
        else:
            from splink import SparkAPI

            from harmwatch.link.spark import session

            self.spark = spark or session()
            self.db = SparkAPI(spark_session=self.spark, break_lineage_method="persist")
            self.model["blocking_rules_to_generate_predictions"] = [
                {"blocking_rule": r["blocking_rule"], "sql_dialect": "spark"}
                for r in self.model["blocking_rules_to_generate_predictions"]]
        self._n = 0

    def _register(self, table: pa.Table) -> Any:
        self._n += 1
        if self.engine == "spark":
            from harmwatch.link.spark import to_spark

            return self.db.register(to_spark(self.spark, table), table_name=f"hw_claims_{self._n}")
        return self.db.register(table, table_name=f"hw_claims_{self._n}")

    def _collect(self, df: Any) -> Pairs:
        if self.engine == "duckdb":
            rel = self.db.duckdb_con.sql(f"SELECT {', '.join(_OUT)} FROM {df.physical_name}")
            cols = rel.arrow()
            if hasattr(cols, "read_all"):
                cols = cols.read_all()
            data = cols.to_pydict()
        else:
            rows = df.as_spark_dataframe().select(*_OUT).collect()
            data = {c: [r[c] for r in rows] for c in _OUT}
        return Pairs.from_columns(data)

    def score_all(self, table: pa.Table, min_weight: float) -> Pairs:
        """Every candidate pair of the blocking rules at or above `min_weight`."""
        from splink import Linker

        if table.num_rows < 2:
            return Pairs.empty()
        sdf = self._register(table)
        linker = Linker(sdf, self.model, log_level=logging.WARNING, validate_settings=False)
        return self._collect(linker.inference.predict(threshold_match_weight=min_weight, warning_mode="never"))

    def score_new(self, new: pa.Table, old: pa.Table, min_weight: float) -> Pairs:
        """Pairs that involve a new claim (new × old, new × new); old × old pairs are not scored again."""
        from splink import Linker

        if new.num_rows == 0:
            return Pairs.empty()
        new_sdf = self._register(new)
        linker = Linker(new_sdf, self.model, log_level=logging.WARNING, validate_settings=False)
        out = Pairs.empty()
        if new.num_rows > 1:
            out.extend(self._collect(linker.inference.predict_within(
                new_sdf, threshold_match_weight=min_weight, warning_mode="never")))
        if old.num_rows:
            old_sdf = self._register(old)
            out.extend(self._collect(linker.inference.predict_between(
                new_sdf, old_sdf, threshold_match_weight=min_weight, warning_mode="never")))
        return out
