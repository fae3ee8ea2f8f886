"""SHACL validation of municipality data (see shapes/)."""

from doelgraaf.validation.report import ValidationReport, ValidationResult
from doelgraaf.validation.validator import validate

__all__ = ["ValidationReport", "ValidationResult", "validate"]
