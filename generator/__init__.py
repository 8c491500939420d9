"""Generator for the inspiration site: YAML in themes_data/ → Markdown pages.

Public API: `generate`, `load_site`, `ContentErrors`.
"""

from .errors import ContentError, ContentErrors
from .pipeline import generate, load_site

__all__ = ["ContentError", "ContentErrors", "generate", "load_site"]
