"""Exports of incidents: native CSV and GeoJSON (ACLED-, UCDP-compatible and HXL come with the web app)."""

from harmwatch.export.native import CSV_COLUMNS, incident_record, to_csv, to_geojson

__all__ = ["CSV_COLUMNS", "incident_record", "to_csv", "to_geojson"]
