"""The Spark side of linking: a local session and Arrow → Spark conversion with a fixed schema."""

from __future__ import annotations

import os
import shutil
from typing import Any

import pyarrow as pa

from harmwatch.link.features import SCHEMA


def java_problem() -> str | None:
    """None when a Java runtime is on the path (Spark needs one), else the reason in words."""
    if os.environ.get("JAVA_HOME") and os.path.exists(os.path.join(os.environ["JAVA_HOME"], "bin", "java")):
        return None
    return None if shutil.which("java") else "no Java runtime (install one with scripts/install-java.sh)"


def session(master: str | None = None) -> Any:
    """A Spark session: the active one, else a small local one (2 cores, quiet logs)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    spark = (SparkSession.builder.master(master or os.environ.get("HARMWATCH_SPARK_MASTER", "local[2]"))
             .appName("harmwatch-link")
             .config("spark.sql.shuffle.partitions", "4")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.memory", "1g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def to_spark(spark: Any, table: pa.Table, arrow_schema: pa.Schema | None = None) -> Any:
    """An Arrow table (claim features by default) as a Spark DataFrame with the same column types as DuckDB."""
    from pyspark.sql import types as T

    kinds = {pa.string(): T.StringType(), pa.int32(): T.IntegerType(), pa.float64(): T.DoubleType(),
             pa.int64(): T.LongType(), pa.int8(): T.ByteType(), pa.bool_(): T.BooleanType()}
    fields = arrow_schema if arrow_schema is not None else SCHEMA
    schema = T.StructType([T.StructField(f.name, kinds[table.schema.field(f.name).type], True) for f in fields])
    rows = list(zip(*[table.column(f.name).to_pylist() for f in fields], strict=True))
    return spark.createDataFrame(rows, schema=schema)
