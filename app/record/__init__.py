"""The trial record: models, loading and validation. Pure Python, no Qt."""

from app.record.issues import Issue, RecordError, format_path
from app.record.load import load_record, parse_record, validate_record
from app.record.models import SCHEMA_VERSION, TrialRecord

__all__ = [
    "SCHEMA_VERSION",
    "Issue",
    "RecordError",
    "TrialRecord",
    "format_path",
    "load_record",
    "parse_record",
    "validate_record",
]
