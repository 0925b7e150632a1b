"""opengovreport: China's government information-disclosure annual reports
(政府信息公开工作年度报告) as typed data.

The model (:class:`Report` and its tables) follows the national format in both editions, declared
once as shapes in :mod:`opengovreport.schema`; :func:`dumps`/:func:`loads` give its strict JSON
form, and :func:`json_schema` a JSON Schema of that form. :func:`check` tests every identity
(勾稽关系), :func:`render` gives the official tables as HTML, Markdown, text or a Word document,
:func:`read` reads reports as published (PDF, Word, web pages, text) and :func:`parse` text in
memory. :func:`compare` (``report.compare(previous)``) explains how a report changed, and
``Corpus.benchmark`` how an agency stands among its peers, flagged by :class:`Thresholds`.
:mod:`opengovreport.builders` helps authors build a report with its totals computed;
:mod:`opengovreport.examples` ships example reports, and :mod:`opengovreport.testing`
Hypothesis strategies.
"""

from . import builders, checks, errors, examples, schema
from .benchmark import Benchmark
from .checks import CheckError, CheckResult, Finding, Review, check, check_series
from .comparison import Comparison
from .corpus import Corpus, Entry, compare
from .errors import (
    ExtraMissingError,
    InputError,
    NotFoundError,
    OpenGovReportError,
    WrongTypeError,
)
from .flags import Thresholds
from .io import SCHEMA_VERSION, LoadError, Problem, dumps, from_dict, json_schema, loads, to_dict
from .model import (
    AppealGroup,
    Appeals,
    Contact,
    Disclosure2019,
    Disclosure2021,
    Heading,
    Meta,
    OtherHandling,
    Paragraph,
    Report,
    RequestRow,
    Requests,
    Section,
)
from .reading import Diagnostic, Limits, ParseError, ParseResult, ReadStatus, Reason, parse, read
from .rendering import render
from .schema import Shape
from .totals import aggregate
from .values import Edition, Severity

__version__ = "0.2.0.dev0"

__all__ = [
    "SCHEMA_VERSION",
    "AppealGroup",
    "Appeals",
    "Benchmark",
    "CheckError",
    "CheckResult",
    "Comparison",
    "Contact",
    "Corpus",
    "Diagnostic",
    "Disclosure2019",
    "Disclosure2021",
    "Edition",
    "Entry",
    "ExtraMissingError",
    "Finding",
    "Heading",
    "InputError",
    "Limits",
    "LoadError",
    "Meta",
    "NotFoundError",
    "OpenGovReportError",
    "OtherHandling",
    "Paragraph",
    "ParseError",
    "ParseResult",
    "Problem",
    "ReadStatus",
    "Reason",
    "Report",
    "RequestRow",
    "Requests",
    "Review",
    "Section",
    "Severity",
    "Shape",
    "Thresholds",
    "WrongTypeError",
    "__version__",
    "aggregate",
    "builders",
    "check",
    "check_series",
    "checks",
    "compare",
    "dumps",
    "errors",
    "examples",
    "from_dict",
    "json_schema",
    "loads",
    "parse",
    "read",
    "render",
    "schema",
    "to_dict",
]
