"""cocci-series: Coccinelle-driven, bisectable kernel patch series."""

__version__ = "0.1.0"
