"""Danger told as a scene: who does what to whom, now — read by structure, not by phrase.

The safety screen's rules (bot.core.safety, section 3) list phrasings, and phrasings written by
us do not cover how others write: measured on dev text by new hands, the rules alone caught about
half of the dangers told in other words ("ck e đag lục tung nhà tìm e, ổng cầm cây gậy sắt",
"he's outside, now he's trying the window", "the kid next door has been screaming for half an
hour, I can hear smacking"). A danger now is a small scene with a shape that does not depend on
the words: someone who can hurt her (an agent) + an act of harm, siege or holding + now; or she
hides from him now; or she hears it happen now; or she says goodbye. Each part is a short word
list; their combinations cover what no list of phrases does.

Pure functions over the two folded forms the screen reads (`safety.forms`: `vi` with chat
abbreviations expanded, `en` with contractions restored). Each scene comes with the clauses its
now-word belongs to; the screen applies its own tense test to those (a habit, a past date or an
"if" there dulls it: safety.piece_live), so this module says what the scene is, not when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core import timing

# --- Vietnamese ----------------------------------------------------------------------------------
# Someone who can hurt her, as people name him: a partner, an ex, a parent or stepparent, in-laws,
# "nó", "hắn", "thằng đó", "ổng" (folded "ong"), "bọn nó".
_AGENT_VI = (
    r"(?:chong(?: cu)?|nguoi yeu(?: cu)?|(?:ban|_) trai(?: cu)?|bo cu|ex|anh ta|anh ay|anh|"
    r"ong (?:ta|ay|chu|ho|noi|ngoai|hang xom)|ong|chu|cau|duong|bo duong|ba duong|bo|ba|cha|"
    r"me ke|me chong|bo chong|nha chong|han|no|thang (?:\w+)|ga|lao|ho|tui no|bon no|chung no|"
    r"(?:may|hai|ba|mot) thang|nguoi dan ong|thay (?:giao|day)|sep|boss|quan ly|chu nha|"
    r"nguoi la|ke la|(?:mot|hai|may) (?:nguoi|ong|ga)|ong bac|bac|chu no)"
)
# Acts against a person, happening: blows, a siege of her door, a search for her, holding her,
# dragging her, a weapon taken up or pressed on her.
_ACT_VI = (
    # ("dam" is also "khiêu dâm", "lôi" also "lời lẽ", "kéo" also scissors: with an object.)
    r"(?:danh|dap|(?<!khieu )(?<!dam )dam(?! (?:duc|o|dang|me|cuoi|bao))|tat|bop co|siet co|"
    r"bop|xo|day nga|nem|quat|vut|chem|dot|tat axit|"
    r"dap pha|dap do|dap vo|dap cua|pha cua|go cua|dap ban|dap ca|"
    r"luc (?:tung|soat|lung|khap)|tim (?:em|toi|minh|chi|con|me|tui)|kiem (?:em|toi|minh|tui)|"
    r"rinh|chan cua|chan (?:em|toi|minh) (?:lai|o)|canh cua|"
    r"nhot|khoa (?:trai|cua|em|toi|minh|phong|nhot)|lock|troi|giu (?:em|toi|minh|chi|no|con|be)|"
    r"follow|bam theo|theo (?:em|toi|minh|chi) (?:tu|_|suot|ve)|block (?:cua|em|duong)|"
    r"(?:mo|lan|xong|lao|vo|vao|_) (?:vao )?(?:phong|buong|nha)|co (?:mo|pha|be|cay) (?:cua|khoa)|"
    r"chan cua|(?:dung )?chan (?:o )?(?:ngoai |truoc )?cua|giu (?:\w+ )?(?:trong|o lai|lai)|"
    r"ep xe|lay tay nam cua|tinh so|"
    r"(?:ngoi|dung) (?:cho|rinh|doi) (?:o )?(?:ngoai|truoc|duoi)|"
    r"bat (?:em|toi|minh|chi|no) (?:quan he|ngu|lam chuyen)|"
    r"khong cho (?:\w+ ){0,2}(?:ra|ve|di|roi|thoat)|"
    r"(?:keo|loi) (?:\w+ )?(?:em|toi|minh|chi|con|be|no|ra|vao|vo|len|di|xenh|toc|tay)|"
    r"cuong ep|(?:ep|de) (?:em|toi|minh|chi|no|_ ay|co ay|chi ay|nguoi ta|con be|be)"
    r"(?: xuong| vao)?|"
    r"(?:cam|vac|mai|rut|ke|vung|quo|cam theo) (?:\w+ ){0,2}(?:dao|gay|_ sat|bua|rua|keo|sung|"
    r"ma tau|tuyp|cay sat|thanh sat|xa beng|dui cui|axit|xang)|"
    r"di (?:\w+ ){0,2}vao (?:co|nguoi|mat|bung|hong|co hong) (?:em|toi|minh|chi|con|me)|"
    r"ke (?:\w+ ){0,2}vao co)"
)
# Now, in so many words ("đang", "giờ", "tối nay", "nãy giờ") or its near synonyms.
_NOW_VI = (
    r"(?:dang|van dang|lai dang|con dang|vua|vua nay|vua moi|luc nay|nay gio|tu nay|bay gio|"
    r"gio (?:\w+ ){0,3}(?:dang|van|lai|con dang)|toi nay|dem nay|ngay luc nay|lien tuc|"
    r"khong ngung|gio nay|nay h|(?:tu|_|from) (?:\w+ ){1,3}(?:toi|den|ti) (?:gio|h|bay gio))"
)
# Followed, told in the passive: "đang bị một thằng bám theo", "bị người lạ theo từ bến xe".
_FOLLOWED_VI = (
    r"(?:bi (?:\w+ ){0,5}?(?:bam theo|bam duoi|theo duoi|theo (?:tu|_|suot|sat|em|toi))|"
    rf"{_AGENT_VI} (?:\w+ ){{0,5}}?(?:van |cu |dang )?(?:theo sat|bam sat|theo mai|bam theo))"
)
# Hurt and down: lying still, not breathing well, unconscious, after a blow.
_COLLAPSED_VI = (
    r"(?:(?:dang )?nam (?:im|bat dong|guc|duoi (?:dat|san))|bat tinh|ngat xiu|"
    r"khong (?:tho|cu dong|"
    r"day (?:duoc|noi)|tinh)|tho (?:yeu|thoi thop))"
)
_BLOW_VI = r"(?:danh|dap|dam|da|xo|bop|siet|chem|tat|nem|quat)"
_COLLAPSED_EN = re.compile(
    r"\b(?:(?:lying|collapsed|passed out) on the (?:\w+ )?(?:floor|ground)|won'?t wake up|"
    r"(?:is|she's|he's) unconscious|not breathing|isn'?t breathing|not moving|can'?t breathe)\b"
)
_BLOW_EN = re.compile(
    r"\b(?:hit\w*|beat\w*|punch\w*|kick\w*|push\w*|shov\w*|strangl\w*|chok\w*|threw|blood)\b"
)
_STRANGLE_EN = re.compile(
    r"\b(?:hands?|arms?|fingers|a (?:rope|belt|cord)) (?:around|round|on|tight on) "
    r"(?:my|her|his|the "
    r"baby's) (?:neck|throat)\b"
)
# She hides or shuts herself in, now.
_HIDING_VI = (
    r"(?:(?:dang |phai )?(?:tron|nup|chui) (?:\w+ ){0,2}(?:trong|o|duoi|sau|vao)|"
    r"khoa (?:trai )?cua (?:phong )?(?:lai|trong)|chot cua|chan cua lai|"
    r"om (?:\w+ ){0,3}(?:con|be|dua nho|hai dua|may dua)(?: \w+){0,2} (?:trong|o) (?:phong|buong|"
    r"nha tam|toilet|nha ve sinh)|khong (?:dam|_) (?:tho|ra|ho|len tieng|mo cua|ngu))"
)
# What makes the one she hides from a danger, anywhere in the message.
_MENACE_VI = (
    rf"(?:{_ACT_VI}|say (?:ruou|xin|khuot)?|nhau ve|(?:dao|gay|_ sat|bua|sung|ma tau)\b|"
    r"chui (?:boi|rua)|quat thao|gao thet|la het|doa)"
)
# She hears or sees it happening to someone: a witness now.
_HEARS_VI = (
    r"(?:nghe (?:no|_|chi|be|co|me|em|con) (?:la|het|keu|gao)|"
    r"co tieng (?:\w+ ){0,2}(?:roi|danh|dap|khoc thet|het|la het|keu cuu|van xin|xin tha|gao)|"
    r"tieng (?:nguoi )?bi (?:danh|dap|dam)|"
    r"(?:nghe|thay) (?:\w+ ){0,3}?(?:tieng )?(?:roi|danh|dap|dap pha|do vo|khoc|het|la het|gao|"
    r"keu|keu cuu|van xin|xin tha|dam|bop|tat))"
)
_ONGOING_VI = (
    r"(?:dung ngoai|nay gio|nay h|(?:tu|_|from) (?:\w+ ){1,3}(?:toi|den|ti) (?:gio|h|bay gio)|"
    r"tu nay|dang|"
    r"lien tuc|khong ngung|van|(?:\d+|mot|hai|ba|nua) (?:tieng|phut)|"
    r"toi nay|dem nay|vua nay|luc nay|bay gio|gio)"
)
# A threat told as speech: "nói mày mà hé răng là chết", "nhắn là tối nay xử em".
_SAYS_VI = r"(?:noi|bao|doa|nhan|gao|het|qua?t|tuyen bo|the)"
_DEATH_VI = (
    r"(?:(?:la|thi|se) chet|chet voi tao|giet|xu (?:em|may|mi|toi|con|het|no|be|chau)|"
    r"(?:lao|nem|tha|quang) (?:\w+ ){0,2}xuong (?:song|doc|vuc|ho|cau|bien|gieng)|"
    r"tat (?:axit|a xit|acid|xang)|dot (?:nha|xe|phong|em|toi|may|chet)|"
    r"giai quyet (?:cho xong|mot lan|het|cho ra le)|xu (?:dep|cho xong)|tinh so|"
    r"(?:lan nay|lan nay thi) (?:\w+ )?dung (?:trach|hoi han)|"
    r"khong ai cuu (?:duoc|noi)|thanh toan|ket lieu|cung chet|chet chung|chet ca)"
)
# Saying goodbye: letters left, pills put by, a farewell to the family, "no one will need me".
_FAREWELL_VI = (
    r"(?:(?:viet|de lai) (?:\w+ ){0,3}(?:thu|la thu|di thu|thu tuyet menh)|"
    r"(?:gom|tich|de san|tich tru|gom gop) (?:\w+ ){0,3}(?:thuoc|vi thuoc|lo thuoc|thuoc ngu)|"
    r"(?:vi|lo) thuoc (?:\w+ ){0,3}(?:de san|tren ban|san roi)|"
    r"(?:em|toi|minh|con|tui|chau) (?:se |chac |xin phep )?(?:di truoc|di that|di luon|bien mat|"
    r"ra di mai mai)|ra di (?:mai mai|vinh vien)|"
    # "trước khi đi" ends the sentence when it is a farewell; "trước khi đi nha sĩ" is an errand.
    r"truoc khi (?:di|ra di|chet)(?= *(?:[.,!?]|$)| (?:xa|mai mai|han|that)\b)|"
    r"(?:khong|chang) (?:ai|con ai) (?:can|phai lo|phai kho|thuong|nho) (?:\w+ ){0,2}(?:nua|"
    r"ca)|"
    r"(?:khong|ko) (?:can|muon) (?:o lai|song|ton tai)|"
    r"(?:nuot|uong) (?:het |ca |nhieu )?(?:vi|lo|hop|nam|vien) (?:thuoc|vien)|"
    r"(?:so|lo) (?:\w+ ){0,2}(?:lam (?:\w+ )?dai|nghi quan|tu tu)|"
    r"het chiu noi (?:\w+ )?(?:roi|r),? "
    r"(?:\w+ )?di (?:day|nha|luon)|"
    r"(?:ngoi|dung) (?:\w+ ){0,2}(?:bo ke|bo song|cau|san thuong|tang thuong|noc nha|mep|"
    r"lan can|bo ho))"
)
_FAREWELL_CONTEXT_VI = (
    r"(?:met|chan|kiet suc|het chiu|khong chiu|tuyet vong|vo dung|ganh nang|xin loi|nhe nhom|"
    r"khong ai|biet thoi|mot cau|lan cuoi|thu|thuoc|danh|chui|khinh|bo roi|an bam|"
    r"khong con suc|nhe nguoi|nhin xuong|bien mat|het moi chuyen|"
    r"thuong (?:\w+ ){0,2}(?:con|dua nho))"
)

# --- English -------------------------------------------------------------------------------------
_AGENT_EN = (
    r"(?:he|he's|they|they're|(?:my|her|his|our) (?:[\w'-]+ )?(?:ex-)?(?:husband|boyfriend|"
    r"partner|bf|ex|father|dad|stepdad|stepfather|step-dad|brother|uncle|boss|landlord|owner|"
    r"neighbou?r|cousin|father-in-law|mother-in-law|family)|the (?:owner|landlord|guy|man|men|"
    r"supervisor|manager)|a (?:man|guy)|some (?:guy|man|men|"
    r"guys)|two (?:men|guys)|this guy|the guy|a stranger)"
)
_ACT_EN = (
    r"(?:hitting|beating|punching|kicking|slapping|choking|strangling|stabbing|attacking|"
    r"hurting|dragging|grabbing|pushing|shoving|throwing|smashing|breaking|banging|pounding|"
    r"kicking (?:in )?the door|trying (?:to (?:get|break) in|the (?:door|window|handle|lock))|"
    r"sharpening|waving|holding (?:a|the|his) (?:\w+ )?(?:knife|gun|machete|axe|hammer|bat)|"
    r"looking for (?:me|us|her)|searching (?:for (?:me|us|her)|the (?:house|flat|apartment))|"
    r"driving (?:really |very |so )?(?:fast|crazy|like a maniac)|following (?:me|us|her)|"
    r"(?:standing|sitting|waiting) (?:(?:in|on) (?:the|his|a) \w+ )?(?:outside|at|in front of|"
    r"by|against)|parked (?:outside|at|across|down|by)|"
    r"waiting (?:for (?:me|us|her))|shaking (?:me|her|him|the baby)|"
    r"blocking (?:the|my|our) (?:\w+ )?(?:door|way|exit)|"
    r"won'?t let (?:me|us|her) (?:out|leave|go|in)|(?:hasn'?t|has not) let (?:me|us|her) "
    r"(?:out|leave|go))"
)
_NOW_EN = (
    r"(?:right now|now|tonight|just now|still|at the moment|at this moment|as we speak|currently|"
    r"(?:for|in) (?:the last )?(?:\d+|ten|twenty|thirty|forty|a few|few) (?:min\w*|hours?)|"
    r"for (?:an|half an) hour|for ages|keeps?|kept)"
)
_HIDING_EN = (
    r"(?:(?:i'?m|i am|we'?re|we are|she'?s|she is|they'?re|he'?s) (?:hiding|locked in|shut in|"
    r"in the (?:bathroom|toilet|"
    r"wardrobe|closet))|hiding (?:in|under|behind)|(?:pushed|put|moved) (?:my|the|a) "
    r"(?:desk|chair|bed|dresser|wardrobe|table) (?:against|in front of)|barricad\w*|"
    r"locked (?:myself|the door|us)|lights? off|typing under|whisper\w*|can'?t talk (?:long|loud)|"
    r"(?:typing|texting|writing|messaging) (?:from|in) (?:the |a |my )?(?:bathroom|toilet|closet|"
    r"wardrobe|car|laundry)|so (?:he|they) (?:can'?t|cannot|won'?t) (?:hear|see)|tap running)"
)
_MENACE_EN = (
    rf"(?:{_ACT_EN}|follow\w*|chased|stalk\w*|drunk|knife|gun|angry|furious|shouting|yelling|"
    r"screaming at|threaten\w*|"
    r"raging|violent|hurt|hit)"
)
_HEARS_EN = (
    r"(?:(?:hear|hearing|heard|see|seeing|watching) (?:\w+ ){0,4}?(?:smack\w*|slap\w*|hitting|"
    r"beating|a belt|"
    r"shaking|dragging|kicking|choking|punching|hurting|"
    r"the belt|screaming|scream|crying|sobbing|begging|furniture|things (?:breaking|smashing)|"
    r"glass breaking|thud\w*|banging|yelling|shouting|someone being)|"
    r"there(?:'s| is| has been| have been) (?:\w+ ){0,2}(?:thudding|banging|screaming|crying|"
    r"yelling|smashing))"
)
_ONGOING_EN = (
    r"(?:right now|now|just now|still|tonight|for (?:like |about |almost |over )?(?:\d+|ten|"
    r"twenty|thirty|half an|an|a few) (?:min\w*|hours?)|for ages|over and over|keeps|"
    r"has been|have been|it'?s been|going on|since|are screaming|is screaming)"
)
_SAYS_EN = r"(?:says|said|saying|keeps saying|told me|tells me|texted|screaming|yelling|shouting)"
_DEATH_EN = (
    r"(?:(?:we'?ll|we will|you'?ll|you will|i'?ll|i will) (?:both )?(?:die|be dead)|die tonight|"
    r"kill (?:me|us|you|her|himself|them)|(?:you'?re|you are|i'?m) dead|dead or alive|"
    r"end (?:it|this|you|us) (?:all|tonight|now)|nobody (?:can|will) (?:save|help) you|"
    r"(?:if i can'?t have you|if i cant have you)|see who'?s laughing)"
)
_FAREWELL_EN = (
    r"(?:(?:written|wrote|writing|left) (?:\w+ ){0,2}(?:letters?|notes?|a note) (?:to|for)|"
    r"(?:saving|saved|stockpil\w*|collecting|collected|have) (?:up )?(?:all )?(?:my |the |some )?"
    r"(?:pills|tablets|sleeping pills)|"
    r"(?:before i (?:go|leave|die)(?= *(?:[.,!?]|$))|say goodbye|saying goodbye|"
    r"goodbye to everyone|won'?t be (?:here|around) "
    r"(?:tomorrow|much longer|anymore)|no one will (?:miss|need) me|nobody will (?:miss|need) me|"
    r"better off without me|wanted someone to know)|"
    r"(?:standing|sitting) (?:on|at) (?:the )?(?:edge|bridge|roof|ledge|railing)"
    r"(?![^.!?]{0,40}\b(?:sunset|view|photos?|with (?:my|friends|the))))"
)

# English says now by its verb form: "is now hitting me", "she's being held", "he won't let me
# leave"; or with a simple past beside "just now", "in the last hour": "just now her husband
# dragged her into the car park", "he already threw the iron at me once in the last hour".
_PRESENT_HARM_EN = re.compile(
    r"\b(?:is|are|'s|'re|keeps?|started|starts|still) (?:now |still |currently |again |really |"
    r"just )?(?:hitting|beating|punching|kicking|slapping|choking|strangling|dragging|shaking|"
    r"hurting|attacking|raping|stabbing|throwing (?:\w+ )?at|whipping|burning) (?:me|us|her|him|"
    r"them|my|the baby|the kids?|his (?:wife|daughter|son|kid))\b|"
    r"\b(?:i'm|i am|she's|she is|we're|we are|they're|they are|he's|he is|the (?:kid|child|baby|"
    r"girl|boy)(?:'s| is)) (?:being|getting) (?:held|kept|hurt|beaten|hit|attacked|raped|"
    r"strangled|choked|locked (?:in|up)|trafficked|sold|dragged)\b|"
    r"\b(?:is|are|'s|'re) being (?:forced|raped|assaulted) (?:by|into|in)\b|"
    r"\b(?:been |is |keeps |kept |started |'s )following (?:me|us|her)\b|"
    r"\b(?:i'm|i am|she's|she is|we're|we are) not (?:going|getting|allowed) (?:anywhere|out)\b|"
    r"\b(?:locked|padlocked|chained) the (?:gate|door|front door) and took the key\b|"
    r"\b(?:won'?t|will not|doesn'?t|does not|isn'?t|is not|hasn'?t|has not|haven'?t) "
    r"(?:let|letting) (?:me|us|her|him|them) "
    r"(?:leave|out|go|get out|escape)\b(?! (?:to|with|see|visit|and|for|on|shopping)\b)"
)
# An animal or a game doing it: "my cat keeps attacking my ankles", "the final boss keeps beating
# me to a pulp".
_NOT_A_PERSON = re.compile(
    r"\b(?:cat|kitten|dog|puppy|hamster|bird|parrot|goose|rooster|monkey|final boss|boss fight|"
    r"level|game|team|opponent|computer|ai|bot)s?\b"
)
# Shown hurt or bound, just now: "her ex just posted a photo of her tied up in a car".
_SHOWN_HURT_EN = re.compile(
    r"\b(?:photo|picture|pic|video|clip|livestream) of (?:her|me|him|them|my \w+) (?:\w+ )?"
    r"(?:tied|bound|gagged|bleeding|beaten|unconscious|locked|naked and)\b"
)
# Her cry, sent to the writer: "gửi cho em một định vị kèm một chữ 'cứu'", "she texted 'help'".
_SOS = re.compile(
    r"\b(?:chu|tin nhan|nhan|gui|texted|messaged|wrote|sent)(?: [\w,]+){0,8} ['\"]?(?:cuu|sos|"
    r"help me|help)['\"]?(?= *[,.!?;]|$| roi| then| and)"
)
_PAST_HARM_EN = re.compile(
    r"\b(?:hit|punched|kicked|slapped|choked|strangled|stabbed|dragged|pushed|shoved|"
    r"(?:threw|thrown) "
    r"(?:\w+ ){0,3}at|grabbed|beat|attacked|raped|locked) (?:me|us|her|him|them|the baby|my|our)\b"
)
_JUST_NOW_EN = re.compile(
    r"\b(?:vua|vua moi|bay gio|luc nay|nay gio|just now|just|minutes ago|a minute ago|"
    r"an hour ago|in the last (?:hour|few minutes|"
    r"\d+ min\w*)|tonight|right now|a moment ago|seconds ago)\b"
)
# He is here, and she is afraid: "he's here. scared", "he's outside the door, I'm terrified".
_HERE_EN = re.compile(
    r"\b(?:he's|he is|they're|they are|my ex is|he just) (?:here|back|outside|downstairs|"
    r"at (?:the|my|"
    r"our) (?:door|gate|window)|in the (?:house|building|flat|apartment)|inside)\b"
)
_AFRAID = re.compile(
    r"\b(?:scared|afraid|terrified|frightened|help|hiding|panic\w*|so|lo|hoang|run|tron|nup|"
    r"khong dam|cuu|sos)\b"
)
# He has taken the child and is a danger to it now: drunk at the wheel, saying he will end it.
_CHILD_TAKEN = re.compile(
    r"\b(?:(?:he's|he has|he) (?:just |already )?(?:got|taken|took|dragged|grabbed) "
    r"(?:\w+ (?:and )?)?(?:the|my|our) (?:baby|kids?|son|daughter|boy|girl|children)|"
    r"(?:giat|cuop|bat coc|bong) (?:\w+ )?(?:thang nho|thang be|con be|dua nho|chau be)\b|"
    r"(?:giat|cuop|bong) con (?:\w+ )?(?:ra )?khoi tay|"
    r"(?:only )?get (?:him|her|them) back (?:only )?if|won'?t (?:give|bring) (?:\w+ ){0,2}back|"
    r"(?:be|om|bat|cuop|giat|mang) (?:\w+ )?(?:thang nho|thang be|con be|be|con|"
    r"dua nho|chau) (?:\w+ )?(?:len xe|di mat|bo di|chay di|di)\b)"
)
_CHILD_PERIL = re.compile(
    r"\b(?:drunk|driving|driven off|drove off|sped off|never see|won'?t (?:answer|pick up|give)|"
    r"phone off|say (?:ruou|xin|khuot)?|uong ruou|phong (?:xe )?(?:\w+ )?di|chay mat|crying|"
    r"(?:don'?t|do not) know where|khong biet (?:\w+ )?(?:o|dang o) dau|"
    r"tat may|lao|cung chet|chet chung|khong tra|khong nghe may|dead|kill|die)\b"
)

# Said in jest: "ny e bảo sẽ 'xử đẹp' e nếu e uống hết trà sữa của ảnh lol".
_JEST = re.compile(
    r"(?:\b(?:lol|lmao|haha\w*|hihi\w*|kk+|jk|just kidding|gion|dua thoi)\b|=\)|:\))"
)

_PIECE = re.compile(r"[^.!?\n;]+[.!?\n;]*")


def _near(first: str, second: str, gap: int = 8) -> re.Pattern[str]:
    """`first`, then within `gap` words `second`, inside one sentence."""
    return re.compile(rf"\b{first}\b(?: [^\s.!?;]+){{0,{gap}}}? (?P<act>{second})\b")


_SCENE_VI = _near(_AGENT_VI, _ACT_VI)
_SCENE_EN = _near(
    _AGENT_EN,
    rf"(?:(?:is|are|was|'s|'re|keeps?|kept|started|starts) )?(?:\w+ )?"
    rf"{_ACT_EN}",
)
_NOW_VI_RE = re.compile(rf"\b{_NOW_VI}\b")
_NOW_EN_RE = re.compile(rf"\b{_NOW_EN}\b")
_PROGRESSIVE_EN = re.compile(r"\b(?:he|she|they|who)(?:'s|'re| is| are) (?:\w+ )?\w+ing\b")
_FOLLOWED_VI_RE = re.compile(rf"\b{_FOLLOWED_VI}\b")
_BLOW_VI_RE = re.compile(rf"\b{_BLOW_VI}\b")
_COLLAPSED_VI_RE = re.compile(rf"\b{_COLLAPSED_VI}\b")
_HIDING_VI_RE = re.compile(rf"\b{_HIDING_VI}\b")
_HIDING_EN_RE = re.compile(rf"\b{_HIDING_EN}\b")
_MENACE_VI_RE = re.compile(rf"\b{_AGENT_VI}\b(?: \w+){{0,6}}? {_MENACE_VI}")
_MENACE_EN_RE = re.compile(rf"\b{_AGENT_EN}\b(?: [\w']+){{0,6}}? {_MENACE_EN}")
_HEARS_VI_RE = re.compile(rf"\b{_HEARS_VI}\b")
_HEARS_EN_RE = re.compile(rf"\b{_HEARS_EN}")
_ONGOING_VI_RE = re.compile(rf"\b{_ONGOING_VI}\b")
_ONGOING_EN_RE = re.compile(rf"\b{_ONGOING_EN}\b")
_THREAT_VI_RE = re.compile(
    rf"\b{_AGENT_VI}\b(?: [\w,]+){{0,8}}? {_SAYS_VI}\b(?: [^\s.!?;]+){{0,14}}? ['\"]?{_DEATH_VI}\b"
)
_THREAT_EN_RE = re.compile(
    rf"\b{_AGENT_EN}\b(?: [\w']+){{0,8}}? {_SAYS_EN}\b(?: [^\s.!?;]+){{0,10}}? {_DEATH_EN}"
)
_FAREWELL_VI_RE = re.compile(rf"\b{_FAREWELL_VI}")
_FAREWELL_CONTEXT_VI_RE = re.compile(rf"\b{_FAREWELL_CONTEXT_VI}\b")
_FAREWELL_EN_RE = re.compile(rf"\b{_FAREWELL_EN}")
_CHILD = re.compile(
    r"\b(?:con (?:be|nho|gai|trai)|be (?:gai|trai)|thang be|dua (?:be|nho|tre)|dua con|tre con|"
    r"em be|chau be|co be|kid|child|baby|little (?:girl|boy)|toddler|son|daughter|\d+ ?(?:tuoi|t)"
    r"\b(?! (?:roi|nay))|girl (?:upstairs|next door|downstairs)|boy next door)\b"
)


_CLAUSE = re.compile(r"[^,.!?\n;]+")
# Not done: "chồng không đánh em", "anh ấy chưa bao giờ đánh", "he never hit me".
_NEGATED = re.compile(
    r"\b(?:khong|chua|chang|chua bao gio|khong bao gio|chua tung|never|not|n't|didn'?t|doesn'?t|"
    r"hasn'?t ever|won'?t ever)(?: \w+){0,2}$"
)
# A date in the past before the act: "sáng nay anh ấy túm tóc em lôi ra khỏi nhà, giờ em đang
# ngồi ngoài quán" is this morning's blow; what is now is only where she sits.
# A hypothesis, not an event: "nếu tối nay anh ấy lại đánh em thì em chạy đi đâu".
_IF = re.compile(r"\b(?:neu|lo nhu|gia su|phong khi|if|in case|what if|suppose)\b")
# Dated before the act: timing's past dates, and last night or this morning, and a memory
# ("em vẫn nhớ cảnh bố cầm ghế đập mẹ"; "tết vừa rồi" is last Tết).
_RECENT_OR_MEMORY = re.compile(
    r"\b(?:nho (?:lai )?(?:canh|luc|hoi|ngay|nhung)|remember\w*|"
    r"(?:tet|he|nam|thang|tuan|dot|lan|hom|buoi) vua (?:roi|qua)|sang nay|hom qua|toi qua|"
    r"dem qua|hom kia|hom truoc|hoi (?:do|truoc|nho)|last (?:night|week|month|year)|yesterday|"
    r"this morning|days? ago)\b"
)


def _dated(text: str) -> bool:
    return bool(_RECENT_OR_MEMORY.search(text) or timing.DATED_PAST.search(text))


@dataclass(frozen=True)
class Scene:
    """One danger told as a scene, and the text its tense is read from."""

    reason: str  # one of safety.REASONS
    window: str  # the clauses the scene and its now-word sit in
    at_in_window: int  # where the scene starts in that window
    sentence: str = ""  # its whole sentence: a habit or a date there still counts
    at_in_sentence: int = 0


def _pieces(form: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group(0)) for m in _PIECE.finditer(form)]


def clauses_around(text: str, start: int, end: int) -> tuple[str, int]:
    """The clause where the span starts (and the one before it) to the clause where it ends,
    and where that window starts in `text`: where a now-word belongs to this act and not to
    another ("mẹ em bị bố đánh, em đang học đại học" is the writer studying now, not the blow)."""
    spans = [(m.start(), m.end()) for m in _CLAUSE.finditer(text)] or [(0, len(text))]
    first = next((i for i, (a, b) in enumerate(spans) if a <= start < b + 1), 0)
    last = next((i for i, (a, b) in enumerate(spans) if a <= end <= b + 1), len(spans) - 1)
    begin = spans[max(0, first - 1)][0]
    return text[begin : spans[last][1]], begin


def _in_window(reason: str, text: str, match: re.Match[str]) -> Scene:
    window, begin = clauses_around(text, match.start(), match.end())
    return Scene(reason, window, match.start() - begin, text, match.start())


def _in_sentence(reason: str, form: str, at: int, end: int | None = None) -> Scene:
    """The scene at `at` with its clauses (and the one before) as the text its tense is read
    from: "she's being held in his place, ... took her phone weeks ago" is held now."""
    for start, text in _pieces(form):
        if start <= at < start + len(text):
            window, begin = clauses_around(text, at - start, (end or at + 1) - start)
            return Scene(reason, window, at - start - begin, text, at - start)
    return Scene(reason, form, at)


def _acts_now(
    form: str, scene: re.Pattern[str], now: re.Pattern[str], progressive: bool
) -> list[Scene]:
    """Agent + act, with now said around it (or, in English, the present progressive)."""
    found = []
    for _, text in _pieces(form):
        for match in scene.finditer(text):
            before = text[: match.start("act")]
            if (
                _NEGATED.search(before)
                or _dated(text[: match.end()])
                or _IF.search(text[: match.start()])
            ):
                continue
            told = _in_window("violence_now", text, match)
            if now.search(told.window) or (progressive and _PROGRESSIVE_EN.search(match.group(0))):
                found.append(told)
    return found


def scenes(vi: str, en: str) -> list[Scene]:
    """The dangers told as a scene in either form, each with the text its tense is read from."""
    found = _acts_now(vi, _SCENE_VI, _NOW_VI_RE, progressive=False)
    found += _acts_now(en, _SCENE_EN, _NOW_EN_RE, progressive=True)
    found += _hiding(vi, _HIDING_VI_RE, _MENACE_VI_RE)
    found += _hiding(en, _HIDING_EN_RE, _MENACE_EN_RE)
    found += _witness(vi, _HEARS_VI_RE, _ONGOING_VI_RE)
    found += _witness(en, _HEARS_EN_RE, _ONGOING_EN_RE)
    found += [
        _in_sentence("violence_now", en, m.start())
        for m in _PRESENT_HARM_EN.finditer(en)
        if not _NOT_A_PERSON.search(en[max(0, m.start() - 40) : m.start()])
    ]
    found += _just_now(en)
    found += [_in_sentence("violence_now", vi, m.start()) for m in _SOS.finditer(vi)]
    found += [_in_sentence("violence_now", en, m.start()) for m in _SHOWN_HURT_EN.finditer(en)]
    if _AFRAID.search(vi) or _AFRAID.search(en):
        found += [_in_sentence("violence_now", en, m.start()) for m in _HERE_EN.finditer(en)]
    for form in (vi, en):
        if _CHILD_PERIL.search(form):
            found += [
                _in_sentence("child_danger", form, m.start()) for m in _CHILD_TAKEN.finditer(form)
            ]
    found += [_in_sentence("followed", vi, m.start()) for m in _FOLLOWED_VI_RE.finditer(vi)]
    if _BLOW_VI_RE.search(vi):
        found += [_in_sentence("injury", vi, m.start()) for m in _COLLAPSED_VI_RE.finditer(vi)]
    if _BLOW_EN.search(en):
        found += [_in_sentence("injury", en, m.start()) for m in _COLLAPSED_EN.finditer(en)]
    found += [_in_sentence("injury", en, m.start()) for m in _STRANGLE_EN.finditer(en)]
    for form, threat in ((vi, _THREAT_VI_RE), (en, _THREAT_EN_RE)):
        found += [
            told
            for m in threat.finditer(form)
            if not _JEST.search((told := _in_sentence("threat_to_kill", form, m.start())).sentence)
        ]
    if _FAREWELL_CONTEXT_VI_RE.search(vi):
        found += [
            _in_sentence("suicide_self_harm", vi, m.start()) for m in _FAREWELL_VI_RE.finditer(vi)
        ]
    found += [
        _in_sentence("suicide_self_harm", en, m.start()) for m in _FAREWELL_EN_RE.finditer(en)
    ]
    return found


def _just_now(en: str) -> list[Scene]:
    """An English blow in the simple past with "just now" or "in the last hour" beside it."""
    found = []
    for _, text in _pieces(en):
        for match in _PAST_HARM_EN.finditer(text):
            told = _in_window("violence_now", text, match)
            if _JUST_NOW_EN.search(told.window):
                found.append(told)
    return found


def _hiding(form: str, hiding: re.Pattern[str], menace: re.Pattern[str]) -> list[Scene]:
    """She hides now from someone the message shows as a danger."""
    if not menace.search(form):
        return []
    return [_in_sentence("violence_now", form, m.start()) for m in hiding.finditer(form)]


def _witness(form: str, hears: re.Pattern[str], ongoing: re.Pattern[str]) -> list[Scene]:
    """She hears or sees someone being hurt, and it is going on."""
    found = []
    pieces = _pieces(form)
    for index, (_, text) in enumerate(pieces):
        for match in hears.finditer(text):
            following = pieces[index + 1][1] if index + 1 < len(pieces) else ""
            if ongoing.search(text) or ongoing.search(following):
                reason = "child_danger" if _CHILD.search(form) else "violence_now"
                found.append(Scene(reason, text, match.start(), text, match.start()))
    return found
