"""When it happens: now, recent (the last 72 hours) or past and ongoing. Pure.

The safety screen says *whether* a message is urgent; this says *when*, so a rape last night
gets the 72-hour medical window and a beating last year is not answered as an emergency. Reads
the form of bot/core/phrasing.py, so accents and chat spelling ("đag", "tqua") do not matter.
"""

from __future__ import annotations

import re

from bot.core.phrasing import alt as _alt
from bot.core.phrasing import form as _form
from vntext.forms import normalise

# --- when ---------------------------------------------------------------------------------------
# "đang sống với chồng" (lives with him), "đang mang thai" (pregnant) are states, not events.
_STATIVE = (
    r"(?:song|o voi|o chung|lam|lam viec|hoc|muon|can|nghi|tim|tim hieu|mang thai|co thai|"
    r"mang bau|co bau|bau|ly than|chuan bi ly hon|nuoi|cham soc|lo|phan van|suy nghi|thue|"
    r"doc|xem|lam me|lam ho so|lam thu tuc|kien|thu|hen ho|yeu|qua lai|tra|de dang|co y dinh|"
    r"ke|tien|gia|ghet|thuong|trach|chu y|le|ngai|hoc|o(?! (?:ngoai|truoc|duoi|day|do|cua)\b))"
)
_FUTURE_ONLY = r"(?:cuoi|ly hon|sinh|de|tot nghiep|thi|tet|nghi he|di hoc|di lam|ra truong)"
_NOW = _alt(
    rf"\bdang\b(?! (?:{_STATIVE})\b)",
    rf"\bsap\b(?! (?:{_FUTURE_ONLY})\b)",
    r"\b(?:ngay bay gio|ngay luc nay|ngay lap tuc|toi nay|dem nay|khan cap|tren duong (?:ve|den|"
    r"toi)|dung (?:o )?(?:ngoai|truoc) (?:cua|nha)|sos|cuu (?:em|toi|minh|voi|con|chi|tui))\b",
    r"\b(?:bay gio|gio nay|luc nay)\b(?!(?: \w+){0,3} (?:phai|nen|can|muon|co the|lam sao|"
    r"lam gi|thi sao|the nao|lam the nao)\b)",
    r"\bgio (?:\w+ )?(?:bi|dang|van|con dang)\b",
    r"\b(?:khong cho (?:\w+ )?ve|bi giu (?:o|lai|tai)|van bi (?:giu|nhot|giam|khoa))\b",
    r"\bvua (?:moi |roi )?(?:bi |\w+ )?(?:danh|dap|tat|bop|siet|hiep|doa|nhot|chem|dam|cuong|"
    r"uong|rach|cat|ep|ban|bat|chan|giat|keo|loi|cuop|bam theo)\b",
    r"\bjust (?:hit|beat|punched|kicked|slapped|choked|attacked|raped|stabbed|pushed|threatened|"
    r"locked|grabbed)\b",
    r"\b(?:me|her) again\b",
    r"\b(?:right now|tonight|at the moment|as we speak|on (?:his|her|their|the) way|"
    r"coming (?:home|back|over|here|for me)|about to|just now|help me|sos|any minute)\b",
    r"\b(?:outside|here|home|back|coming|drunk|angry|there)\b[^.!?]{0,15}\bnow\b",
    r"\b(?:outside|in front of|at) (?:my|the|her) (?:door|house|place|building|room|work|school|"
    r"gate|apartment|flat)\b",
    r"\b(?:is|are|'s|'re|am|'m|im) (?:still )?(?:being )?(?:hitting|beating|kicking|choking|"
    r"strangling|hurting|attacking|raping|forcing|following|stalking|watching|waiting|"
    r"banging|breaking|kicking|threatening|yelling|screaming|chasing|holding|pointing|locking|"
    r"followed|locked|held|trapped|kept|sold|stalked|watched|attacked|raped|beaten|hit)\b",
)
_RECENT = _alt(
    r"\b(?:hom qua|toi qua|dem qua|dem hom qua|toi hom qua|sang hom qua|chieu hom qua|hom kia|"
    r"sang nay|trua nay|chieu nay|hom nay|khuya qua|rang sang nay|sang som nay|vai tieng truoc|"
    r"may tieng truoc|vai gio truoc|may gio truoc|luc sang|tu sang|tu toi qua|tu hom qua)\b",
    r"\b(?:1|2|3|mot|hai|ba|vai|may) (?:hom|ngay|dem|toi) (?:truoc|roi|vua roi|qua)\b",
    r"\b(?:\d{1,2}) (?:tieng|gio) (?:truoc|roi)\b",
    r"\b(?:last night|yesterday|this morning|this afternoon|this evening|earlier today|today|"
    r"a few hours ago|hours ago|an hour ago|the other night|(?:1|2|3|one|two|three|a couple of|"
    r"a few) days? ago|(?:1|2|3|one|two|three|a couple of) nights? ago|over the weekend)\b",
)
# Habitual or long ago: "mỗi lần say", "suốt 3 năm", "hay", "thường", "years ago".
_PAST = _alt(
    r"\b(?:moi lan|moi khi|suot|hay|thuong|thuong xuyen|lien tuc|nhieu nam|nhieu lan|"
    r"nam ngoai|nam truoc|thang truoc|tuan truoc|hoi nho|ngay xua|truoc day|tu lau|da lau)\b",
    r"\b(?:years? ago|months? ago|weeks? ago|last (?:year|month|week)|when i was|always|often|"
    r"every time|for years|used to)\b",
)


# A date in the past, not a habit: "năm ngoái", "hồi nhỏ", "years ago", "when I was 10" (also
# read by bot.core.scene, which dates an act before its now-word).
DATED_PAST = _alt(
    r"\b(?:nam ngoai|nam truoc|thang truoc|tuan truoc|hoi nho|ngay xua|truoc day|tu lau|da lau|"
    r"hoi (?:do|truoc|con nho|be|hoc)|(?:\d+|mot|hai|ba|vai|may) (?:nam|thang|tuan) truoc)\b",
    r"\b(?:years? ago|months? ago|weeks? ago|last (?:year|month|week)|when i was|used to|"
    r"as a (?:child|kid|teenager))\b",
    r"\bcach day (?:\d+|mot|hai|ba|vai|may) (?:nam|thang|tuan)\b",
    # A year gone by, a month named in the past: "bị bán sang Hà Nam năm 2015", "in 2019",
    # "hồi tháng 5". Years up to 2025 are past whatever day this runs (the bot was first
    # built in 2026); a later year may be this one, so it says nothing.
    r"\b(?:nam|in|since|tu nam|hoi nam|vao nam|back in) (?:19\d\d|20[01]\d|202[0-5])\b",
    r"\bhoi thang (?:\d+|gieng|chap)\b",
)
# "Từng" (once, ever) folds onto "tung" (to leak: "tung ảnh"), so only before a harm.
_EVER = re.compile(
    r"\b(?:da |tung |cung )?tung (?:bi|cam|danh|bop|nhot|doa|ep|hiep|dam|chem|giam|lock)\b"
)


# Harm or fear that "when" can date; without any, a message is dated past_or_ongoing as the
# labels ask for everyday talk (nlu/LABELS.md), even "em đang ăn cơm".
_GBV_CONTEXT_VI = _alt(
    r"\b(?:so|say|say xin|ghen|chui|kiem soat|bao luc|ep|doa|de doa|quan he|hiep|xam hai|sam so|"
    r"ly hon|cuong|nhot|theo doi|tung anh|anh nong|clip|danh|dam|tat|bop|siet|chet|giet|mau|dao|"
    r"thuong|dau|khoc|tron|nup|bo nha|duoi|ve nha|den nha|tim em|tim toi)\b",
)
_GBV_CONTEXT_EN = _alt(
    r"\b(?:scared|afraid|terrified|drunk|abus\w*|threat\w*|rap\w*|assault\w*|hit\w*|beat\w*|"
    r"hurt\w*|kill\w*|choke\w*|chok\w*|stalk\w*|follow\w*|lock\w*|sold|trapped|touch\w*|"
    r"forc\w*|leak\w*|nudes|photos|divorce|angry|yell\w*|scream\w*)\b",
)


def says_now(text: str) -> bool:
    """Whether the message says now anywhere ("đang", "tối nay", "right now", "cứu em")."""
    return bool(_NOW.search(_form(text)))


def dated_past_only(text: str) -> bool:
    """Whether the message dates its harm in the past and says nothing happens now.

    "Năm ngoái anh ta từng cầm dao dọa em", "when I was a kid my dad locked me in": a
    disclosure for the conversation, not the emergency reply (nlu/LABELS.md: a beating last
    month is not urgent). "Năm ngoái..., giờ anh ta lại đang cầm dao" is now.
    """
    form = _form(text)
    return bool(DATED_PAST.search(form) or _EVER.search(form)) and not _NOW.search(form)


def when(text: str) -> str:
    """ "now" (happening or about to), "recent" (last 72 hours) or "past_or_ongoing".

    Now outranks recent, and recent outranks habit: "hôm qua anh ta đánh em, giờ anh ta đang
    đứng ngoài cửa" is now; "suốt 3 năm, và tối qua lại đánh" is recent (the 72-hour window
    for emergency contraception and evidence is what the reply must not miss).
    """
    # Imported here: the screen itself reads is_minor and abroad from this module.
    from bot.core.safety import read

    form = _form(text)
    reading = read(text)  # everyday idioms blanked: "đánh răng", "mệt muốn chết"
    if not (
        reading.cue or _GBV_CONTEXT_VI.search(reading.vi) or _GBV_CONTEXT_EN.search(reading.en)
    ):
        return "past_or_ongoing"  # "em đang ăn cơm", "hôm qua em đi chơi": no harm to date
    accented = normalise(text)
    if "lúc nãy" in accented or "hồi nãy" in accented or "ban nãy" in accented:
        return "recent"  # a moment ago; unaccented "luc nay" is read as now
    if _NOW.search(form):
        return "now"
    recent = bool(_RECENT.search(form))
    # What the safety screen flags is a danger now ("em muốn chết", "ck cầm dao", "he locked me
    # in"), unless she dates it: "tối qua nó bóp cổ em" is recent, "năm ngoái" is past.
    if not recent and not DATED_PAST.search(form) and reading.urgency.is_urgent:
        return "now"
    if recent:
        return "recent"
    return "past_or_ongoing"
