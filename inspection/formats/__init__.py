"""The product's own date formats per language (``FORMAT_MODULE_PATH``), over Django's.

``MONTH_DAY_FORMAT`` is the short date of the phone pages (``|date:"MONTH_DAY_FORMAT"``):
"12月6日" in Chinese, "Dec 6" in English. Django's own zh-hans format pads the month
("03月6日"), and a literal "n月j日" in a template stays Chinese in English."""
