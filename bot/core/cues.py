"""Word cues the intent model does not carry: a page she asks for by name, a follow-up question.

The model names the need ("legal_info"); these cues name the page that answers it best
("topic:divorce_custody") and tell a follow-up ("giờ em phải làm gì?") from a new subject, so
the conversation continues instead of starting over. Matched on the folded, abbreviation-
expanded form (vntext.forms.canonical), so accents and chat spelling don't matter. Pure.
"""

from __future__ import annotations

import re

from vntext.forms import canonical

# Content pages (bot/responses/content/topics.py) she asks about by name. Order matters: the
# first match wins, most specific first.
_TOPICS: tuple[tuple[str, str], ...] = (
    (
        "hotline_cost",
        r"(?:1900|tong dai|duong day nong|hotline|so nay|goi so)[^.?!]{0,40}"
        r"(?:mat (?:tien|phi)|tinh (?:tien|phi|cuoc)|mien phi|co phi|free|cost|charge|pay)"
        r"|(?:mat (?:tien|phi)|tinh (?:tien|phi|cuoc)|free|cost|charge)[^.?!]{0,30}"
        r"(?:1900|tong dai|hotline|call)",
    ),
    (
        "who_reads_messages",
        r"(?:ai|nguoi khac|anh ay|chong|no|ai do)[^.?!]{0,25}(?:doc|xem|thay|biet)[^.?!]{0,15}"
        r"(?:tin nhan|chat|doan chat|cuoc tro chuyen)"
        r"|(?:can|could|will)[^.?!]{0,25}(?:read|see)[^.?!]{0,15}(?:my )?"
        r"(?:messages|chats?|texts|this conversation)",
    ),
    (
        "divorce_custody",
        r"\b(?:ly hon|ly di|don ly hon|quyen nuoi con|gianh (?:quyen )?nuoi con|nuoi con|"
        r"cap duong|divorce|custody|child support)\b",
    ),
    (
        "forced_marriage",
        r"\b(?:ep (?:\w+ )?(?:cuoi|lay chong|lay vo|ket hon)|bat (?:\w+ )?(?:cuoi|lay chong)|"
        r"tao hon|cuoi ep|forced (?:to |into )?marr\w*|child marriage|arranged marriage)\b",
    ),
    (
        "harassment",
        r"\b(?:quay roi|sam so|dong cham|so mo|harass\w*|grop\w*|catcall\w*)\b",
    ),
    (
        "men_victims",
        r"\b(?:(?:toi|minh|em) la (?:dan ong|nam|con trai)|dan ong (?:bi|cung bi)|"
        r"nam gioi (?:bi|cung bi)|bi vo (?:danh|chui|bao luc)|"
        r"(?:i'?m|i am) a (?:man|guy|male|boy)|men (?:can be|are also|as) (?:victims|abused)|"
        r"my wife (?:hits|beats|abuses))\b",
    ),
    (
        "scams_abroad",
        r"\b(?:viec nhe luong cao|lam viec (?:o|tai|ben) (?:campuchia|cambodia|myanmar|lao)|"
        r"(?:di|sang) (?:campuchia|cambodia|myanmar) lam|xuat khau lao dong|"
        r"job (?:offer )?(?:abroad|overseas|in cambodia|in myanmar)|scam compound)\b",
    ),
    (
        "sixteen_days",
        r"\b(?:16 ngay|16 days|25 ?/ ?11|25 thang 11|ngay quoc te xoa bo bao luc|orange the world|"
        r"thang hanh dong)\b",
    ),
    (
        "myths",
        r"\b(?:chuyen nha (?:dong cua|ai nay)|dong cua bao nhau|myths?|lam tin|quan niem sai)\b",
    ),
)
_TOPIC_PATTERNS = tuple((name, re.compile(p)) for name, p in _TOPICS)

# Follow-ups: short questions that only make sense after the bot's last reply.
_FOLLOWUPS: tuple[tuple[str, str], ...] = (
    (
        "anyone_there",
        # A greeting, a "anyone there?", or both, and nothing more ("alo có ai không ạ").
        r"^(?=\W*\w)\W*(?:(?:alo+|a lo|hello+|hi|hey|chao)\W*)?"
        r"(?:co ai (?:o )?(?:do|day|khong)|co ai khong|anyone (?:there|here)|is anyone there|"
        r"are you there|ban (?:con )?(?:o )?do khong)?\W*"
        r"(?:(?:a|ah|oi|ak|vay|khong|ban)\W*){0,2}$",
    ),
    (
        "see_doctor",
        r"\b(?:co nen|co can|can|nen) (?:di )?(?:kham|bac si|benh vien|xet nghiem)|"
        r"(?:should|do) i (?:go to|see|need) (?:a |the )?(?:doctor|hospital|clinic)\b",
    ),
    (
        "what_now",
        r"\b(?:(?:gio|bay gio|tiep theo|sau do|vay|the) (?:\w+ )?(?:phai |nen )?lam (?:gi|sao)|"
        r"phai lam (?:gi|sao) (?:bay gio|tiep|gio)|lam gi tiep|what (?:do i do|should i do|now)|"
        r"what next|now what|then what)\b",
    ),
)
_FOLLOWUP_PATTERNS = tuple((name, re.compile(p)) for name, p in _FOLLOWUPS)
# A follow-up is short: a long message is a new story, whatever its last words.
FOLLOWUP_MAX_CHARS = 60


def topic(text: str) -> str | None:
    """The content page she asks about by name ("ly hôn", "1900 có mất tiền không"), or None."""
    words = canonical(text)
    return next((name for name, pattern in _TOPIC_PATTERNS if pattern.search(words)), None)


def followup(text: str) -> str | None:
    """ "what_now", "see_doctor" or "anyone_there" for a short follow-up question, else None."""
    if len(text) > FOLLOWUP_MAX_CHARS:
        return None
    words = canonical(text)
    return next((name for name, pattern in _FOLLOWUP_PATTERNS if pattern.search(words)), None)


# Hesitation with no word of content ("hmm", "ờm thì", "uhh..."): she has not said anything yet.
# The model may call it off topic; the bot answers "not sure" with the likeliest needs, never
# "I can't help with that" to someone gathering the courage to write.
_FILLER = re.compile(
    r"^(?:\s|[.…,!?~-]|h+m+|u+h*m+|u+h+|e+r+m*|o+m+|o+|u+|a+|e+|thi|la|the|vay|nay|a|ha|hu|"
    # English and chat hesitation: "umm so like", "like umm idk", "well i dunno"
    r"so|like|well|idk|dunno|i dunno|i don'?t know|kieu|kieu nhu|khong biet|k biet)*$"
)


def filler(text: str) -> bool:
    """True when the message is only hesitation sounds and filler words."""
    words = canonical(text)
    return bool(words.strip()) and bool(_FILLER.match(words))


# Sexual violence words: with danger now they make the emergency a rape in progress (113 first,
# never the aftercare text); without, they let "last night" mean the 72-hour medical window.
_SEXUAL = re.compile(
    r"\b(?:hiep dam|cuong hiep|cuong ep|cuong buc|ep (?:\w+ ){0,2}(?:quan he|lam chuyen do|"
    r"ngu voi)|xam hai tinh duc|hiep|rape[ds]?|raping|sexual(?:ly)? assault\w*|"
    r"forc\w* (?:me|her) (?:to have sex|into sex)|forcing (?:himself )?on (?:me|her))\b"
)
# Someone else who is a child: "an adult is never 'this child'", and a child adds 111.
_CHILD = re.compile(
    r"\b(?:con (?:toi|em|minh|gai|trai|nho|be|hang xom)|be (?:nha|hang xom)|dua be|dua nho|"
    r"thang be|con be|chau (?:toi|em|gai|trai|be)|tre con|tre em|hoc sinh|"
    r"(?:[1-9]|1[0-7]) tuoi|my (?:son|daughter|kid|child|niece|nephew|little)|"
    r"(?:a|the|this|neighbou?rs'?) (?:child|kid|little girl|little boy)|"
    r"(?:[1-9]|1[0-7]) ?(?:yo|y/o|years? old))\b"
)


# Intimate images: with them, "abuse online" is what she means even when the model is unsure.
_IMAGES = re.compile(
    r"\b(?:anh (?:nong|nude|khoa than|nhay cam|rieng tu|sex)|clip (?:nong|sex|nhay cam)|"
    r"video (?:nong|sex|nhay cam)|tung anh|phat tan anh|nudes?|naked (?:photos?|pics?|pictures?)|"
    r"intimate (?:photos?|images?|videos?)|sex (?:video|tape)|deepfake\w*|sextort\w*)\b"
)


# Another grown-up she writes about: her mother, sister, friend. Such a person is never
# "this child", whatever the model guessed.
_ADULT_OTHER = re.compile(
    r"\b(?:me (?:toi|em|minh|tui)|ma (?:toi|em)|chi gai|chi (?:toi|em|minh)|ban (?:gai |than )?"
    r"(?:toi|em|minh)|co ban|vo (?:toi|anh|em)|my (?:mom|mum|mother|sister|friend|wife|aunt|"
    r"cousin|roommate|colleague|coworker)|best friend)\b"
)


# Her own parents, step-parents or siblings: a child who writes that one of them is hurting
# another right now is in that home herself, so the emergency reply speaks to her as a child.
_HOME = re.compile(
    r"\b(?:(?:bo|ba|me|ma|cha|bo duong|cha duong|me ke|anh trai|chi gai|em trai|em gai|ong|ba noi|"
    r"ba ngoai) (?:em|toi|minh|tui|con|chau)|bo me (?:em|toi|minh|con)|my (?:dad|mom|mum|father|"
    r"mother|stepdad|stepfather|stepmom|stepmother|parents|brother|sister|grandpa|grandma))\b"
)


def home(text: str) -> bool:
    """Whether she names her own parent, step-parent or sibling."""
    return bool(_HOME.search(canonical(text)))


def adult_other(text: str) -> bool:
    """Whether she writes about another adult (mother, sister, friend)."""
    return bool(_ADULT_OTHER.search(canonical(text)))


def images(text: str) -> bool:
    """Whether the message speaks of intimate images or videos."""
    return bool(_IMAGES.search(canonical(text)))


def sexual(text: str) -> bool:
    """Whether the message speaks of rape or sexual assault."""
    return bool(_SEXUAL.search(canonical(text)))


def child(text: str) -> bool:
    """Whether the message speaks of a child (someone under 18)."""
    return bool(_CHILD.search(canonical(text)))
