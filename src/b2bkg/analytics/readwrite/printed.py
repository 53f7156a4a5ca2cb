"""What the printed reference entry says that the structured record does not: the GB/T 7714
document type code, the place of publication, the degree of a thesis and the page range as
printed (``120-134+137``), read from the entry's verbatim text.

>>> p = printed("徐乾宇. 题名[J]. 世界经济研究, 2025(9): 120-134+137.")
>>> p.code, p.pages
('J', '120-134+137')
>>> p = printed("黄婷. 题名[D]: [硕士学位论文]. 郑州: 郑州大学, 2018.")
>>> p.code, p.degree, p.place, p.publisher
('D', '硕士学位论文', '郑州', '郑州大学')
>>> printed("Coase, R.H. (1937) The Nature of the Firm. Economica, 4, 386-405. <https://doi.org/10.1/x>").pages
'386-405'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Printed", "printed"]

_CODE = re.compile(r"\[([A-Z]{1,2})(?:/OL)?\]")
_PUBLISHED = re.compile(
    r"\](?:\s*[:：]\s*\[(?P<degree>[^\]]+)\])?\s*\.\s*(?P<place>[^:：.,]+?)\s*[:：]\s*(?P<publisher>[^,]+?)\s*,\s*\d{4}")
_PAGES_GB = re.compile(r"\)\s*[:：]\s*(?P<pages>[0-9A-Za-z]+(?:\s*[-–]\s*[0-9A-Za-z]+)?(?:\s*[+,]\s*[0-9A-Za-z]+"
                       r"(?:\s*[-–]\s*[0-9A-Za-z]+)?)*)\s*\.?\s*$")
_PAGES_APA = re.compile(r",\s*(?P<pages>\d+\s*[-–]\s*\d+(?:\s*\+\s*\d+)?)\s*\.(?:\s*<[^>]*>)?\s*$")


@dataclass(frozen=True)
class Printed:
    code: str = ""  # J, M, D, R, Z, …
    place: str = ""
    publisher: str = ""
    degree: str = ""
    pages: str = ""


def printed(text: str) -> Printed:
    """The parts of a printed reference entry (GB/T 7714 or the publisher's author-year form);
    empty strings for what the entry does not print."""
    text = " ".join((text or "").split())
    code = _CODE.search(text)
    published = _PUBLISHED.search(text[code.start():]) if code else None
    pages = _PAGES_GB.search(text) or _PAGES_APA.search(text)
    return Printed(
        code=code[1] if code else "",
        place=published["place"].strip() if published else "",
        publisher=published["publisher"].strip() if published else "",
        degree=(published["degree"] or "").strip() if published else "",
        pages=re.sub(r"\s+", "", pages["pages"]) if pages else "",
    )
