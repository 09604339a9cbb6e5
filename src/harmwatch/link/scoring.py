"""Score candidate claim pairs with Splink on DuckDB (default) or Spark; the same model on both."""

from __future__ import annotations

import itertools
import logging
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from harmwatch.link.blocking import KEYS_SCHEMA, PAIRS_SQL, key_table
from harmwatch.link.model import COMPARISONS, TF_COLUMN, with_current_rules

ENGINES = ("duckdb", "spark")
#: Partial match weight per comparison, then the term-frequency adjustment of the place name (0 when the
#: model has none), so the parts of a pair still add up to its match weight.
TF_GAMMA = f"mw_tf_adj_{TF_COLUMN}"
GAMMAS = [f"mw_{c['output_column_name']}" for c in COMPARISONS] + [TF_GAMMA]
_OUT = ["unique_id_l", "unique_id_r", "match_weight", "match_probability", *GAMMAS]


def has_tf(settings: dict[str, Any]) -> bool:
    """Whether a model adjusts a place-name match by the name's frequency (older model files do not)."""
    return any(lv.get("tf_adjustment_column") == TF_COLUMN
               for c in settings.get("comparisons", []) for lv in c.get("comparison_levels", []))


def _select(settings: dict[str, Any]) -> list[str]:
    """The output columns as SQL expressions (the same on DuckDB and Spark)."""
    tf = f"coalesce({TF_GAMMA}, 0.0)" if has_tf(settings) else "CAST(0.0 AS DOUBLE)"
    return [c if c != TF_GAMMA else f"{tf} AS {TF_GAMMA}" for c in _OUT]


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


@dataclass(slots=True)
class IndexedPairs:
    """Scored pairs by claim row number (numpy columns): what a full relink of millions of claims holds."""

    a: np.ndarray
    b: np.ndarray
    weight: np.ndarray
    probability: np.ndarray
    gammas: dict[str, np.ndarray]
    candidates: int = 0

    def __len__(self) -> int:
        return len(self.a)

    def keyed(self, ids: list[str]) -> Pairs:
        """The same pairs by claim key."""
        return Pairs([ids[i] for i in self.a.tolist()], [ids[i] for i in self.b.tolist()], self.weight.tolist(),
                     self.probability.tolist(), {g: v.tolist() for g, v in self.gammas.items()})


def _tf_lookup(tables: list[pa.Table]) -> pa.Table:
    """Each named place once with its frequency (the tf_place the feature rows carry)."""
    col = f"tf_{TF_COLUMN}"
    both = pa.concat_tables([t.select([TF_COLUMN, col]) for t in tables])
    both = both.filter(pc.is_valid(both.column(TF_COLUMN)))
    agg = both.group_by(TF_COLUMN).aggregate([(col, "max")])
    return pa.table({TF_COLUMN: agg.column(TF_COLUMN), col: agg.column(f"{col}_max").cast(pa.float64())})


#: Registered table numbers, unique in the process: Scorers may share one Spark session.
_TABLES = itertools.count(1)

#: Candidate pairs scored per Splink run in a full relink (bounds the memory of one scoring query).
CHUNK_PAIRS = 3_000_000


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
        self._n = next(_TABLES)
        if self.engine == "spark":
            from harmwatch.link.spark import to_spark

            return self.db.register(to_spark(self.spark, table, table.schema), table_name=f"hw_claims_{self._n}")
        return self.db.register(table, table_name=f"hw_claims_{self._n}")

    def _collect(self, df: Any) -> Pairs:
        if self.engine == "duckdb":
            rel = self.db.duckdb_con.sql(f"SELECT {', '.join(_select(self.model))} FROM {df.physical_name}")
            cols = rel.arrow()
            if hasattr(cols, "read_all"):
                cols = cols.read_all()
            data = cols.to_pydict()
        else:
            rows = df.as_spark_dataframe().selectExpr(*_select(self.model)).collect()
            data = {c: [r[c] for r in rows] for c in _OUT}
        return Pairs.from_columns(data)

    def score_all(self, table: pa.Table, min_weight: float) -> Pairs:
        """Every candidate pair (see `blocking.py`) at or above `min_weight`, by claim key."""
        if table.num_rows < 2:
            return Pairs.empty()
        return self.score_indexed(table, min_weight).keyed(table.column("unique_id").to_pylist())

    def _sql(self, sql: str) -> None:
        if self.engine == "duckdb":
            self.db.duckdb_con.execute(sql)
        else:
            self.spark.sql(sql)

    def _count(self, name: str) -> int:
        if self.engine == "duckdb":
            return int(self.db.duckdb_con.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
        return int(self.spark.table(name).count())

    def score_indexed(self, table: pa.Table, min_weight: float, chunk_pairs: int = CHUNK_PAIRS) -> IndexedPairs:
        """Every candidate pair at or above `min_weight`, claims by row number; scored in chunks of pairs.

        Blocking is one equi-join on (key, day) rows (`blocking.py`); Splink scores the registered candidate
        pairs chunk by chunk, and only pairs at or above `min_weight` leave the database."""
        from splink import Linker

        n = table.num_rows
        empty = IndexedPairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.zeros(0),
                             {g: np.zeros(0) for g in GAMMAS})
        if n < 2:
            return empty
        self._n = next(_TABLES)
        tag = self._n
        rows = table.set_column(0, pa.field("unique_id", pa.int64()), pa.array(np.arange(n, dtype=np.int64)))
        keys = key_table(table)
        keys_name, pairs_name = f"hw_keys_{tag}", f"hw_candidates_{tag}"
        lookup = None
        if self.engine == "duckdb":
            con = self.db.duckdb_con
            con.register(keys_name, keys)
            con.execute(f"CREATE TABLE {pairs_name} AS {PAIRS_SQL.format(keys=keys_name)}")
            con.unregister(keys_name)
            sdf = self.db.register(rows, table_name=f"hw_claims_{tag}")
        else:
            from harmwatch.link.spark import to_spark

            to_spark(self.spark, keys, KEYS_SCHEMA).createOrReplaceTempView(keys_name)
            self.spark.sql(PAIRS_SQL.format(keys=keys_name)).persist().createOrReplaceTempView(pairs_name)
            if has_tf(self.model):  # Splink on Spark joins a frequency table whatever the records carry
                lookup = self._register(_tf_lookup([rows]))
                rows = rows.drop_columns([f"tf_{TF_COLUMN}"])
            sdf = self.db.register(to_spark(self.spark, rows, rows.schema), table_name=f"hw_claims_{tag}")
        total = self._count(pairs_name)
        chunks = max(1, math.ceil(total / chunk_pairs))
        parts: list[dict[str, np.ndarray]] = []
        for i in range(chunks):
            name = f"hw_candidates_{tag}_{i}"
            where = f"WHERE a % {chunks} = {i}" if chunks > 1 else ""
            select = f"SELECT '0' AS match_key, a AS join_key_l, b AS join_key_r FROM {pairs_name} {where}"
            if self.engine == "duckdb":
                self._sql(f"CREATE TABLE {name} AS {select}")
            else:
                self.spark.sql(select).createOrReplaceTempView(name)
            linker = Linker(sdf, self.model, log_level=logging.WARNING, validate_settings=False)
            if lookup is not None:
                linker.table_management.register_term_frequency_lookup(lookup, TF_COLUMN)
            linker.table_management.register_blocked_pairs_for_predict(self.db.register(name, table_name=name))
            df = linker.inference.predict(threshold_match_weight=min_weight, warning_mode="never")
            parts.append(self._arrays(df))
            df.drop_table_from_database_and_remove_from_cache()
            # the registration lives in the backend's cache: drop it, or later predictions would reuse it
            self.db._intermediate_table_cache.pop("__splink__blocked_id_pairs", None)
            if self.engine == "duckdb":
                self._sql(f"DROP TABLE {name}")
        if self.engine == "duckdb":
            self._sql(f"DROP TABLE {pairs_name}")
        cols = {c: np.concatenate([p[c] for p in parts]) for c in _OUT}
        order = np.lexsort((cols["unique_id_r"], cols["unique_id_l"]))  # chunking must not change the order
        cols = {c: v[order] for c, v in cols.items()}
        return IndexedPairs(cols["unique_id_l"].astype(np.int64), cols["unique_id_r"].astype(np.int64),
                            cols["match_weight"].astype(np.float64), cols["match_probability"].astype(np.float64),
                            {g: cols[g].astype(np.float64) for g in GAMMAS}, candidates=total)

    def _arrays(self, df: Any) -> dict[str, np.ndarray]:
        if self.engine == "duckdb":
            got = self.db.duckdb_con.sql(f"SELECT {', '.join(_select(self.model))} FROM {df.physical_name}").arrow()
            if hasattr(got, "read_all"):
                got = got.read_all()
            return {c: np.asarray(got.column(c).to_numpy(zero_copy_only=False), dtype=np.float64)
                    if c not in ("unique_id_l", "unique_id_r")
                    else np.asarray(got.column(c).to_numpy(zero_copy_only=False), dtype=np.int64) for c in _OUT}
        rows = df.as_spark_dataframe().selectExpr(*_select(self.model)).collect()
        return {c: np.array([r[c] for r in rows], dtype=np.int64 if c.startswith("unique_id") else np.float64)
                for c in _OUT}

    def score_new(self, new: pa.Table, old: pa.Table, min_weight: float) -> Pairs:
        """Pairs that involve a new claim (new × old, new × new); old × old pairs are not scored again."""
        from splink import Linker

        if new.num_rows == 0:
            return Pairs.empty()
        lookup = None
        if has_tf(self.model):
            # predict_within/predict_between join a registered frequency table even when the records carry
            # tf_place (Splink 5), so the frequencies (computed over all claims) go in as that table instead
            lookup = _tf_lookup([new, old])
            new, old = new.drop_columns([f"tf_{TF_COLUMN}"]), old.drop_columns([f"tf_{TF_COLUMN}"])
        new_sdf = self._register(new)
        linker = Linker(new_sdf, self.model, log_level=logging.WARNING, validate_settings=False)
        if lookup is not None:
            linker.table_management.register_term_frequency_lookup(self._register(lookup), TF_COLUMN)
        out = Pairs.empty()
        if new.num_rows > 1:
            out.extend(self._collect(linker.inference.predict_within(
                new_sdf, threshold_match_weight=min_weight, warning_mode="never")))
        if old.num_rows:
            old_sdf = self._register(old)
            out.extend(self._collect(linker.inference.predict_between(
                new_sdf, old_sdf, threshold_match_weight=min_weight, warning_mode="never")))
        return out
