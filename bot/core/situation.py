"""Who is in the situation (her, her as a child, someone else), and whether abroad. Pure.

The safety screen says *whether* a message is urgent; these functions say *whose* danger it is
and *when*, so the reply names the right person and the right numbers: a child writing about
herself gets 111 first, a woman writing about her sister is never told "you", a rape last
night gets the 72-hour medical window, and someone held in Cambodia is told how to call from
abroad. Each reads the folded, abbreviation-expanded form (vntext.forms.canonical) so accents and
chat spelling ("e 14t", "ck", "đag") do not matter; a few words whose meaning hangs on their
accents ("đang"/"đáng", "lúc nãy"/"lúc này", "Nhật"/"nhất") are read with them first.
"""

from __future__ import annotations

import re
from datetime import date

from bot.core.phrasing import alt as _alt
from bot.core.phrasing import form as _form
from bot.core.timing import when

# --- ages and school ----------------------------------------------------------------------------
# Under 18 is a child in Vietnamese law (Luật Trẻ em 2016 protects under-16s; the penal code and
# the Take It Down service use under 18). Ages 1-17 only; "15 năm" (years married) is not an age.
_AGE = r"(?:1[0-7]|[1-9])"
_YEAR_NOW = date.today().year
_BORN_MINOR = "|".join(str(y) for y in range(_YEAR_NOW - 17, _YEAR_NOW + 1))
_BORN_MINOR_2K = "|".join(str(y % 100).lstrip("0") or "0" for y in range(_YEAR_NOW - 17, 2020))
_SELF_VI = r"(?:em|toi|minh|tui|tao|chau|con)"
# Someone of hers whose age may be told: "con em 13 tuổi" is her child, not her.
_THEIR = r"(?<!con )(?<!be )(?<!chau )(?<!ban )(?<!gai )(?<!trai )(?<!nha )(?<!ay )"
_SELF_AGE = _alt(
    rf"{_THEIR}\b{_SELF_VI} (?:nam nay |moi |da |chi |sap |vua |duoc |la |tron )?{_AGE} "
    r"?(?:tuoi|t|tuoi roi)\b",
    rf"\b(?:i'm|i am|im|i was|i turned|i just turned) (?:only |just |a )?{_AGE}\b"
    r"(?! (?:minutes|mins|hours|km|miles|weeks|months|days|percent|%|min|m)\b)",
    rf"\b(?:i'm|i am|im) (?:a |an )?{_AGE}[- ]?(?:year|yr)s?[- ]old\b",
    rf"\b{_SELF_VI} (?:sinh nam |sn |sinh |nam sinh )(?:{_BORN_MINOR})\b",
    rf"\b{_SELF_VI} (?:la )?2k(?:{_BORN_MINOR_2K})\b",
    rf"\b(?:i was born in|born in) (?:{_BORN_MINOR})\b",
    r"\b(?:toi|minh|em|tui) (?:nam nay )?(?:duoi|chua (?:du|toi|den)) 18\b",
    r"\b(?:i'm|i am|im) (?:under 18|a minor|underage|under age)\b",
)
_ANY_AGE = _alt(
    rf"(?<![\d.,])\b{_AGE} ?(?:tuoi|t)\b(?! (?:dau|tay|chan)\b)",
    rf"\b{_AGE} ?(?:yo|y/o|yrs? old|years? old|year-old|-year-old)\b",
    rf"\b(?:aged|age) {_AGE}\b",
    rf"\b(?:sinh nam|sn|nam sinh) (?:{_BORN_MINOR})\b",
    r"\b(?:duoi|chua du|chua den) 18 tuoi\b",
    r"\b(?:under 18|a minor|underage)\b",
)
# School: "em học lớp 8", "cấp 2", "THCS", "high school", "grade 9". A grown woman rarely
# names her own class; "lớp học nấu ăn" (a cooking class) has no number.
_SCHOOL = _alt(
    r"(?<!day )(?<!nhiem )\blop (?:1[0-2]|[1-9])\b",
    r"\bcap (?:1|2|3|hai|ba)\b",
    r"\b(?:thcs|thpt|trung hoc co so|trung hoc pho thong|tieu hoc)\b",
    r"\b(?:hoc sinh|nu sinh|hs lop)\b",
    r"\b(?:high school|middle school|junior high|grade (?:1[0-2]|[1-9])|"
    r"(?:[6-9]|1[0-2])th grade|year (?:[7-9]|1[0-3]))\b",
    r"\b(?:i'm|i am|im) (?:in|at) (?:school|high school|middle school)\b",
)
# The people who hurt a child at home or at school ("bố em", "bố dượng", "mẹ kế", "thầy
# giáo"): hurting "em"/"con"/"me", they make the writer a child. In-laws (bố chồng, mẹ chồng)
# and her husband are left out: they are a grown woman's family.
_CARER = (
    r"(?:bo|ba|cha|me|ma|bo duong|cha duong|ba duong|me ke|di ghe|me ghe|thay|co giao|"
    r"thay giao|thay chu nhiem|co chu nhiem|ong noi|ong ngoai|bo me|ba me|cha me)"
)
_HURT_VI = (
    r"(?:danh|dap|tat|nhot|bop co|sam so|dong cham|so mo|xam hai|hiep|hiep dam|cuong hiep|"
    r"hanh ha|bo doi|khong cho (?:an|di hoc)|quat|hanh hung|mo mam|quay roi)"
)
_CHILD_BY_CARER = _alt(
    rf"\b{_CARER}(?: (?:em|con|minh|tui|toi))?(?! (?:chong|vo|ck|vk)\b)(?: \w+){{0,4}} "
    rf"{_HURT_VI} (?:em|con|minh|tui|chau)\b(?! (?:gai|trai|be|nho|ho|toi|minh|em)\b)",
    r"\bmy (?:dad|father|stepdad|stepfather|stepmom|stepmother|mom|mum|mother|teacher|coach|"
    r"uncle|step-dad|step-father|step-mom|grandfather|grandpa)(?: \w+){0,3} (?:hits|hit|beats|"
    r"beat|touches|touched|is touching|is hitting|is beating|abuses|abused|locks|locked|"
    r"hurts|hurt|slaps|slapped|rapes|raped|molests|molested|threatens|keeps) me\b",
)
# "em" also names a younger sibling ("em gái", "em trai") and "con" a child of hers.
_KIN_AFTER_EM = r"(?! (?:gai|trai|be|nho|ho|ay|re|ruot|ut|toi|minh|cua)\b)"
# ... and "mẹ em", "bạn em", "chị em" are someone of hers, not her: "mẹ em bị đánh".
_NOT_OF = "".join(
    f"(?<!{w} )"
    for w in "me ma bo ba cha chi anh ban con chau cua gai trai than di co cau chu bac ho nha "
    "xom ay nguoi yeu".split()
)


def is_minor(text: str) -> bool:
    """Whether the message says someone in it is under 18 (an age, a birth year or school).

    Used to offer Take It Down (images of under-18s) instead of StopNCII (adults).
    """
    form = _form(text)
    return bool(_SELF_AGE.search(form) or _ANY_AGE.search(form) or _SCHOOL.search(form))


def _child_self(form: str) -> bool:
    return bool(_SELF_AGE.search(form) or _SCHOOL.search(form) or _CHILD_BY_CARER.search(form))


# --- someone else -------------------------------------------------------------------------------
# The people a woman writes to help: her sister, friend, mother, daughter, niece, a neighbour's
# child. "bạn trai em" (her boyfriend) is the one who hurts, never the one she asks about.
_OTHER_VI = (
    r"(?:chi gai|chi ruot|chi ho|chi dau|chi ca|em gai|em ho|em trai|em ruot|"
    r"chi (?:cua )?(?:em|toi|minh|tui)(?! (?:em|phu nu)\b)|"
    r"ban (?:than |gai |cung phong |cung lop |hoc |thuo nho )?(?:cua )?(?:em|toi|minh|tui|tao)|"
    r"ban than|co ban|mot nguoi ban|1 nguoi ban|nguoi ban|dong nghiep|nguoi quen|hang xom|"
    r"con (?:gai |trai )?(?:cua )?(?:toi|em|minh|tui|chi)|con gai|con trai|con nho|con be|"
    r"con (?:nha )?hang xom|be (?:nha )?hang xom|be gai|dua be|dua nho|dua tre|thang be|"
    r"chau (?:gai |trai )?(?:cua )?(?:toi|em|minh|tui)|chau gai|chau be|"
    r"(?:me|ma|ba|bo) (?:cua )?(?:em|toi|minh|tui|chau|con)(?! (?:chong|vo)\b)|"
    r"co ay|chi ay|ban ay|em ay|be ay|nguoi ay|ban no|co be|chi hang xom|co hang xom|"
    r"di (?:cua )?(?:em|toi|minh)|co (?:cua )?(?:em|toi|minh)|mot co gai|1 co gai|"
    r"mot nguoi phu nu|1 nguoi phu nu|nguoi phu nu do|co gai do|chi ban)"
)
_OTHER_EN = (
    r"(?:my (?:little |older |younger |big |best |close |twin )?(?:sister|sis|friend|bff|"
    r"daughter|son|mother|mom|mum|niece|nephew|cousin|aunt|colleague|coworker|roommate|"
    r"neighbou?r|kid|kids|child|children|classmate|grandmother|grandma|girlfriend|baby)|"
    r"(?:a|one of my|our|the) (?:friend|neighbou?r|colleague|coworker|woman|girl|child|kid)|"
    r"neighbou?rs?'?s? (?:kid|child|daughter|son|wife|girl)|she|her|someone i know)"
)
_SELF_VICTIM = _alt(
    rf"{_NOT_OF}\b(?:em|toi|minh|tui|tao){_KIN_AFTER_EM}(?: \w+){{0,3}} bi\b",
    rf"\b(?:{_HURT_VI}|giet|dam|chem|theo doi|bam theo|kiem soat|cuong ep|de doa|"
    rf"khong cho) (?:em|toi|minh|tui|tao){_KIN_AFTER_EM}\b",
    r"\bban (?:em|toi|minh|tui) (?:sang|qua|cho|vao)\b",
    r"\b(?:i'm|i am|im|i was|i've been|i have been|i got|i get|we are|we're) (?:\w+ )?"
    r"(?:being |been )?(?:hit|beaten|raped|abused|locked|sold|held|followed|stalked|trapped|"
    r"threatened|hurt|attacked|choked|strangled|kicked|slapped|assaulted|forced|kept)\b",
    r"\b(?:hits?|hitting|beats?|beating|beat|kicks?|kicking|slaps?|slapping|chokes?|choking|"
    r"choked|strangled?|rapes?|raped|raping|hurts?|hurting|threatens?|threatened|locks?|"
    r"locked|follows?|following|controls?|kills?|killing|abuses?|abused|abusing|touch(?:es|ed)?"
    r"|forc(?:es|ed|ing)|rap(?:es|ed|ing)) me\b",
    r"\b(?:i|i'm|im|i am) (?:want|wanna|going|plan|planning|don't want|dont want) to "
    r"(?:die|kill myself|end)",
    r"\b(?:em|toi|minh|tui) (?:\w+ )?(?:muon|dinh|tinh) (?:chet|tu tu)\b",
)
_OTHER_VICTIM = _alt(
    rf"\b{_OTHER_VI}(?: \w+){{0,4}} (?:bi|dang bi|vua bi|hay bi|thuong bi)\b",
    rf"\b(?:{_HURT_VI}|giet|dam|chem|theo doi|bam theo|kiem soat|de doa|khong cho) "
    rf"(?:{_OTHER_VI}|no|be|chau|con)\b(?! (?:cho|meo|ca|ga|gian|chuot|vit)\b)",
    rf"\b(?:giup|cuu|bao ve|lo cho|lo lang cho|thuong) (?:\w+ )?{_OTHER_VI}\b",
    # "bố đang đánh mẹ", "hàng xóm đang đánh vợ": the woman hurt is not the writer.
    rf"\b(?:{_HURT_VI}|giet|dam|chem) (?:vo|me|ma|vo no|vo anh ay|vo ong ay)\b(?! (?:chong|em|"
    r"toi)\b)",
    rf"\b{_OTHER_VI}(?: \w+){{0,3}} (?:ngat|bat tinh|chay mau|bi thuong|khong tho|hon me|"
    r"co giat)\b",
    rf"\b{_OTHER_EN}(?:'s)? (?:\w+ ){{0,2}}(?:dang |vua |lai )?bi\b",
    r"\b(?:she|her|my (?:mom|mum|mother|sister|friend|daughter))(?:'s| is|"
    r" was) (?:\w+ )?(?:bleeding|"
    r"unconscious|not breathing|passed out|injured|badly hurt|in danger)\b",
    r"\b(?:beat|beats|beating|hit|hits|hitting|hurting|choking|strangling|kicking)"
    r" (?:his|their) (?:wife|girlfriend|partner|kids?|children|daughter|son|mother|mom)\b",
    rf"\b{_OTHER_EN}(?:'s)? (?:\w+ ){{0,3}}(?:is|was|has been|got|gets|'s) (?:\w+ )?(?:being )?"
    r"(?:hit|beaten|raped|abused|locked|sold|held|followed|stalked|trapped|threatened|hurt|"
    r"attacked|choked|strangled|kicked|slapped|assaulted|forced|kept|missing|in danger)\b",
    r"\b(?:hits?|hitting|beats?|beating|beat|kicks?|kicking|slaps?|slapping|chokes?|choking|"
    r"choked|strangled?|rapes?|raped|raping|hurts?|hurting|threatens?|threatened|locks?|"
    r"locked|controls?|abuses?|abused|abusing|killing|touch(?:es|ed|ing)?|molest\w*) "
    rf"(?:her|him|them|{_OTHER_EN})\b",
    rf"\bhelp (?:{_OTHER_EN})\b",
    rf"\b(?:worried|scared|afraid) (?:about|for) (?:{_OTHER_EN})\b",
)


def who(text: str) -> str:
    """ "self", "child_self" (she writes as a child about herself) or "someone_else".

    The victim decides, not every person named: "chồng em đánh em trước mặt mẹ em" is hers,
    "mẹ em đang bị bố đánh" is her mother's (someone_else, never a child), "em 13 tuổi, bố em
    đánh em" is a child's own.
    """
    form = _form(text)
    age = _SELF_AGE.search(form)
    if age and age.group(0).split()[0] in ("con", "chau"):
        # A child calls herself "con"/"cháu" ("con 13 tuổi, bố đánh con"): that is "em".
        form = re.sub(r"\b(?:con|chau)\b", "em", form)
    self_victim = bool(_SELF_VICTIM.search(form))
    other_victim = bool(_OTHER_VICTIM.search(form))
    if other_victim and not self_victim:
        return "someone_else"
    if _child_self(form):
        return "child_self"
    return "self"


# --- abroad -------------------------------------------------------------------------------------
# Where Vietnamese women are most often trafficked or held (IOM, Blue Dragon): China for forced
# marriage, Cambodia, Myanmar and Laos for scam compounds, labour migration to Malaysia, Taiwan,
# Korea, Japan. Names that fold onto common words ("Nhật" -> nhất, "Hàn" -> hạn, "Lào" ->
# lao động, "Nga" -> ngã) count only after a place word ("ở", "sang", "bên").
_COUNTRY = (
    r"(?:campuchia|cam pu chia|cambodia|myanmar|mien dien|burma|malaysia|ma lai|mã lai|"
    r"trung quoc|china|dai loan|taiwan|han quoc|korea|nhat ban|japan|thai lan|thailand|laos|"
    r"singapore|dubai|a rap|saudi|philippines|phi lip pin|indonesia|nuoc ngoai|abroad|overseas|"
    r"xuat khau lao dong|xkld|bien gioi|scam compound|sihanoukville|shwe kokko|myawaddy|"
    r"bavet|poipet)"
)
# Vietnamese place words only: after English "in"/"to", "my" is "my", not Mỹ ("in my room").
_PLACE_WORD = r"(?:o|sang|qua|ben|tai|den|toi|di|ve|lay chong|xuat canh)"
_ABROAD = _alt(
    rf"\b{_COUNTRY}\b",
    r"\b(?:sang|o|ben|tai|den|(?:lua|ban|dua|dan|tron) qua) cam\b"
    r"(?! (?:on|xuc|thay|giac|ket|dong|tu|nhan)\b)",
    rf"\b{_PLACE_WORD} (?:han|nhat|lao|nga|uc|my|duc|anh quoc)\b"
    r"(?! (?:dong|ky|tu|dien|on|xuc|thay|giac|ket)\b)",
)
_ONLY_PLANNED = _alt(
    r"\b(?:muon|dinh|sap|co nen|nen|du dinh|tinh|duoc moi|moi|ru|rủ|chuan bi|lam ho so|"
    r"thinking of|planning to|should i|offered|offer|invited) (?:\w+ ){0,3}?(?:di|sang|qua|go|"
    r"going|move|work)\b",
)
_THERE_NOW = _alt(
    r"\b(?:dang o|o ben|ben (?:do|nay)|bi (?:\w+ )?(?:giu|ban|nhot|lua|dua|dan|bat)|"
    r"khong cho (?:\w+ )?ve|khong ve duoc|khong the ve|held|trapped|sold|stuck|can't leave|"
    r"cant leave|took my passport|i'm in|im in|i am in|living in|we live in|lives in|"
    r"lay chong (?:\w+ )?(?:trung quoc|dai loan|han)|song o|dang lam (?:viec )?o)\b",
)


def abroad_named(form: str) -> bool:
    """Whether an already folded form names a country abroad or a scam compound (for safety)."""
    return bool(_ABROAD.search(form))


def abroad(text: str) -> bool:
    """Whether she, or the person she writes about, is outside Viet Nam (held or living).

    A job offer she is only thinking about ("có nên đi Campuchia làm không") is not abroad yet.
    """
    form = _form(text)
    if not _ABROAD.search(form):
        return False
    return not (_ONLY_PLANNED.search(form) and not _THERE_NOW.search(form))


# --- sexual assault in the last 72 hours --------------------------------------------------------
_SEXUAL = _alt(
    r"\b(?:hiep dam|cuong hiep|cuong ep|cuong buc|hiep|xam hai tinh duc|"
    r"ep (?:\w+ ){0,2}(?:quan he|lam chuyen do|lam chuyen ay|ngu voi|lam tinh))\b",
    r"\b(?:rape[ds]?|raping|sexual(?:ly)? assault\w*|forced (?:me|her) to have sex|"
    r"forc\w* (?:himself )?on (?:me|her))\b",
)


def sexual_assault_recent(text: str) -> bool:
    """Rape or sexual assault now or in the last 72 hours: the emergency-contraception, PEP and
    evidence window (WHO clinical guidance), so the reply names the hospital first."""
    return bool(_SEXUAL.search(_form(text))) and when(text) in ("now", "recent")
