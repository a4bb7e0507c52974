"""socius: progress-report figures for socio-cultural adult work, from the spreadsheets."""

__version__ = "0.1.0"
