"""Numbers, amounts, dates and times in a text, as comparable values, whatever the locale.

Each quantity found has a span and a set of candidate keys: ("n", value), ("m", month) or
("t", minutes after midnight). A number whose reading depends on the locale gets every reading:
"1.500" is 1500 in German and 1.5 in English, so it has both keys, and "272 000", "272,000" and
"272.000" all share 272000. An amount with a scale word ("2,5 milliards", "2.5bn") has both its
bare and its scaled value. Ordinals ("16th", "1er") and spelled-out numbers ("three", "drei") are
*soft*: they can match a number of the other side, but are never reported on their own, so
articles ("un", "one") and ordinals never make noise. Digits inside names and codes (S-500, G7,
COVID-19, 5G) are not quantities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

COMMA_DECIMAL = frozenset(
    "fr de es it pt ru uk pl cs sk sl hr sr bg ro nl sv da no nb nn fi et lv lt tr el be kk id vi ca".split()
)

NUMBER = re.compile(
    r"(?<![\d.,])"
    r"(?P<int>\d{1,3})(?P<groups>(?:(?P<sep>[ \u00a0\u202f\u2009.,'’])\d{3})(?:(?P=sep)\d{3})*)?"
    r"(?P<frac>[.,]\d+)?(?![\d])"
    r"|(?<![\d.,])(?P<plain>\d+(?:[.,]\d+)?)(?![\d])"
)
# A code or model name before the digits: S-500, Su-27, COVID-19 (not "après-11", "post-9/11").
NAME_BEFORE = re.compile(r"(?:^|[^\w])[A-ZА-ЯЁІЇЄ][^\W\d_]{0,7}[\-‑]$")
# Scripts written without spaces: their letters next to digits separate words ("1985年").
_UNSPACED = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3040-\u30ff]")
CJK_SCALES = {"十": 10, "百": 100, "千": 1e3, "万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
CJK_MONTH_DAY = re.compile(r"(\d{1,2})\s?月(?:(\d{1,2})\s?[日号])?")
CJK_MIXED = re.compile(r"(?:\d+(?:\.\d+)?|[十百千万萬亿億]|[余多](?=[十百千万萬亿億]))+")  # 9.1万, 1万1000, 75万7千, 1300余万
CJK_TIME = re.compile(r"(\d{1,2})[时時点](?:(\d{1,2})分)?")
CJK_NUMERAL = re.compile(r"[〇零一二两兩三四五六七八九十百千万萬亿億]+")
_CJK_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ISO_DATE = re.compile(r"(?<![\d\w])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\w])")
NUM_DATE = re.compile(r"(?<![\d\w.,/])(\d{1,2})([./])(\d{1,2})(?:\2(\d{4}|\d{2}))?(?![\d\w/]|[.,]\d)")
TIME = re.compile(
    r"(?<![\d\w.,:])(?:"
    r"(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?\s?(?P<ampm>[ap])\.?\s?m\.?(?!\w)"  # 3 p.m., 3:30pm
    r"|(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?\s?Uhr(?!\w)"  # 15 Uhr, 15.30 Uhr
    r"|(?P<h3>\d{1,2})\s?h\s?(?P<m3>\d{2})?(?!\w)"  # 15h, 15h30, 15 h 30
    r"|(?P<h4>\d{1,2}):\s?(?P<m4>\d{2})(?![\d\w:]))",  # 15:30 (and MT's "8: 00")
    re.IGNORECASE,
)

ORDINAL = {"st", "nd", "rd", "th", "e", "er", "re", "ère", "ème", "eme", "è", "o", "a", "º", "ª", "te", "ten", "ter"}
UNITS = {
    "km", "kg", "m", "cm", "mm", "g", "t", "h", "min", "s", "mph", "kmh", "gb", "mb", "tb", "kb", "mw", "gw",
    "kw", "kwh", "kv", "ha", "l", "ml", "bpd", "x", "kt", "mt", "km²", "m²", "m³", "ft", "lb", "lbs", "oz",
    "км", "кг", "м", "см", "мм", "т", "г", "ч", "га", "л", "мин", "с",
}
SCALES = {
    "k": 1e3, "thousand": 1e3, "thousands": 1e3, "mille": 1e3, "tausend": 1e3, "mil": 1e3, "mila": 1e3,
    "тыс": 1e3, "тысяча": 1e3, "тысячи": 1e3, "тысяч": 1e3, "тис": 1e3, "тисяча": 1e3, "тисячі": 1e3, "тисяч": 1e3,
    "tys": 1e3, "tysiąc": 1e3, "tysiące": 1e3, "tysięcy": 1e3, "tis": 1e3, "tisíc": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6, "millionen": 1e6,
    "millón": 1e6, "millones": 1e6, "milione": 1e6, "milioni": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6,
    "миллионов": 1e6, "мільйон": 1e6, "мільйона": 1e6, "мільйони": 1e6, "мільйонів": 1e6, "milion": 1e6,
    "miliony": 1e6, "milionów": 1e6, "milionů": 1e6,
    "bn": 1e9, "b": 1e9, "billion": 1e9, "billions": 1e9, "md": 1e9, "mds": 1e9, "mrd": 1e9, "mld": 1e9,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "miliardo": 1e9, "miliardi": 1e9,
    "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9, "мільярд": 1e9, "мільярда": 1e9,
    "мільярди": 1e9, "мільярдів": 1e9, "miliard": 1e9, "miliardy": 1e9, "miliardów": 1e9, "miliard": 1e9,
    "tn": 1e12, "trillion": 1e12, "trillions": 1e12, "billón": 1e12, "billones": 1e12, "трлн": 1e12,
}
# "billion" is 10^12 in French and German ("Billion"); "mil millones" is 10^9 in Spanish.
SCALES_BY_LANG = {"fr": {"billion": 1e12, "billions": 1e12}, "de": {"billion": 1e12, "billionen": 1e12}}

_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "ru": "январ феврал март апрел ма июн июл август сентябр октябр ноябр декабр",
    "uk": "січ лют берез квіт трав черв лип серп верес жовт листопад груд",
    "pl": "stycz lut marz|marc kwie maj|maja czerw|czerwc lip sierp wrze paźdz|październik listopad grud",
    "cs": "led|ledn únor|únor břez dub|dubn květ|květn červen|červn červenec|červenc srp|srpn září říj|říjn listopad prosin",
    "hi": "जनवरी फ़रवरी|फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर|सितम्बर अक्टूबर|अक्तूबर नवंबर|नवम्बर दिसंबर|दिसम्बर",
}
_ABBREVIATIONS = {
    "en": "jan feb mar apr may jun jul aug sep|sept oct nov dec",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
    "de": "jan feb|febr märz apr mai jun jul aug sep|sept okt nov dez",
}
# Endings a stem in _MONTHS may take (ru, uk, pl, cs months inflect).
_MONTH_TAIL = {"ru": r"(?:ь|я|е|а|ю|ем|ём|й|я)?", "uk": r"\w{0,4}", "pl": r"\w{0,6}", "cs": r"\w{0,4}"}

# Spelled-out numbers: one to twelve in order (alternatives joined by "|"), then "word:value".
SPELLED = {
    "en": ("one|first two|second|both|twice three|third four|fourth five|fifth six|sixth seven|seventh "
           "eight|eighth nine|ninth ten|tenth eleven|eleventh twelve|twelfth",
           "twenty:20 thirty:30 forty:40 fifty:50 hundred:100 dozen:12"),
    "fr": ("un|une|premier|première deux|deuxième|second|seconde trois|troisième quatre|quatrième "
           "cinq|cinquième six|sixième sept|septième huit|huitième neuf|neuvième dix|dixième onze douze",
           "vingt:20 trente:30 quarante:40 cinquante:50 cent:100 dizaine:10 douzaine:12 quinzaine:15 "
           "vingtaine:20 trentaine:30 centaine:100"),
    "de": ("ein|eine|einen|einem|einer|eins|erste|ersten|erster zwei|zweite|zweiten|beide|beiden "
           "drei|dritte|dritten vier|vierte|vierten fünf|fünfte|fünften sechs sieben acht neun zehn elf zwölf",
           "zwanzig:20 dreißig:30 vierzig:40 fünfzig:50 hundert:100 dutzend:12"),
    "es": ("uno|una|un dos tres cuatro cinco seis siete ocho nueve diez once doce",
           "veinte:20 treinta:30 cuarenta:40 cincuenta:50 cien:100 ciento:100 docena:12 decena:10"),
    "it": ("uno|una|un due tre quattro cinque sei sette otto nove dieci undici dodici",
           "venti:20 trenta:30 quaranta:40 cinquanta:50 cento:100 dozzina:12 decina:10"),
    "ru": ("один|одна|одно|одного|одной два|две|двух|двум|двумя три|трёх|трех|трем|тремя четыре|четырёх|четырех "
           "пять|пяти шесть|шести семь|семи восемь|восьми девять|девяти десять|десяти одиннадцать двенадцать",
           "двадцать:20 тридцать:30 сорок:40 пятьдесят:50 сто:100 десяток:10 десятки:10"),
    "uk": ("один|одна|одне|одного|однієї два|дві|двох три|трьох чотири|чотирьох п'ять|п’ять|п'яти шість|шести "
           "сім|семи вісім|восьми дев'ять|дев’ять|дев'яти десять|десяти одинадцять дванадцять",
           "двадцять:20 тридцять:30 сорок:40 п'ятдесят:50 сто:100 десяток:10"),
}


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    text: str
    keys: frozenset
    soft: bool = False

    @property
    def kind(self) -> str:
        return sorted(k[0] for k in self.keys)[0]


def _spelled_table() -> dict:
    table: dict = {}
    for lang, (ordered, extra) in SPELLED.items():
        words = {}
        for value, alts in enumerate(ordered.split(" "), start=1):
            for alt in alts.split("|"):
                words[alt] = value
        for item in extra.split(" "):
            word, value = item.split(":")
            words[word] = int(value)
        table[lang] = words
    return table


SPELLED_WORDS = _spelled_table()


def _month_regex(lang: str):
    stems = []
    tail = _MONTH_TAIL.get(lang, "")
    for table in (_MONTHS, _ABBREVIATIONS):
        spec = table.get(lang)
        if not spec:
            continue
        for number, alts in enumerate(spec.split(" "), start=1):
            for alt in alts.split("|"):
                abbr = table is _ABBREVIATIONS
                stems.append((alt, number, r"\.?" if abbr else tail))
    stems.sort(key=lambda s: -len(s[0]))
    pattern = "|".join(f"(?P<m{lang}{i}_{n}>{re.escape(s)}{t})" for i, (s, n, t) in enumerate(stems))
    return re.compile(rf"(?<!\w)(?:{pattern})(?!\w)", re.IGNORECASE)


_MONTH_RE: dict = {}


def month_regex(lang):
    langs = [lang] if lang in _MONTHS else list(_MONTHS)
    key = tuple(langs)
    if key not in _MONTH_RE:
        _MONTH_RE[key] = re.compile("|".join(f"(?:{_month_regex(l).pattern})" for l in langs), re.IGNORECASE)
    return _MONTH_RE[key]


def _readings(m, lang) -> set:
    """Every value a digit string can mean, its locale's reading first."""
    if m.group("plain") is not None:
        raw = m.group("plain")
        return {float(raw.replace(",", "."))}
    head, groups, sep, frac = m.group("int"), m.group("groups"), m.group("sep"), m.group("frac") or ""
    if not groups:
        return {float((head + frac).replace(",", "."))}
    whole = float(head + re.sub(r"\D", "", groups))
    if frac:
        fraction = float("0." + frac[1:])
        if frac[0] == sep:  # "1.234.5": not a number we can read with confidence
            return {whole}
        return {whole + fraction}
    if sep in ",." and groups.count(sep) == 1:
        decimal = float(head + "." + groups[1:])
        if lang in COMMA_DECIMAL:
            return {decimal, whole} if sep == "," else {whole, decimal}
        return {whole, decimal}
    return {whole}


_GLUED = re.compile(r"([^\W\d_]+[²³]?)|-(го|й|я|е|ї|ого|ий|ій|му|ому)(?!\w)")


def _suffix(text: str, end: int) -> tuple[str, int]:
    """Letters glued to a number ("16th", "5bn", "-го"), and where they end. A hyphen and a
    word ("5-year-old") is no suffix."""
    m = _GLUED.match(text, end, min(len(text), end + 12))
    if not m:
        return "", end
    return m.group(1) or m.group(2), m.end()


def _scale_after(text: str, end: int, lang) -> tuple[float, int]:
    m = re.match(r"[ \u00a0\u202f]?([^\W\d_]+)\.?", text[end:end + 16])
    if not m:
        return 0.0, end
    word = m.group(1).lower()
    scale = SCALES_BY_LANG.get(lang, {}).get(word) or SCALES.get(word, 0.0)
    if lang == "es" and word == "mil" and re.match(r"\s+mill(?:ón|ones)", text[end + m.end():end + m.end() + 12]):
        return 1e9, end + m.end()
    return scale, end + m.end()


def _key(v: float):
    return ("n", round(v, 6))


def quantities(text: str, lang, skip=None) -> list[Quantity]:
    """Every quantity of `text` (in language `lang`, or None), in order. `skip(start, end)` says
    which spans to leave alone (URLs…)."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(start, end, keys, soft=False, mark=True):
        if skip and skip(start, end):
            return
        found.append(Quantity(start, end, text[start:end], frozenset(keys), soft))
        if mark:
            taken.append((start, end))

    def free(start, end):
        return not any(s < end and start < e for s, e in taken)

    for m in ISO_DATE.finditer(text):
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m.start(1), m.end(1), {_key(y)})
            add(m.start(2), m.end(2), {("m", mo), _key(mo)})
            add(m.start(3), m.end(3), {_key(d)})
    for m in TIME.finditer(text):
        if not free(m.start(), m.end()):
            continue
        which = next(i for i in "1234" if m.group("h" + i))
        hour, minute = int(m.group("h" + which)), int(m.group("m" + which) or 0)
        if hour > 24 or minute > 59:
            continue
        if m.group("ampm"):
            h24 = hour % 12 + (12 if m.group("ampm").lower() == "p" else 0)
            keys = {("t", h24 * 60 + minute), _key(h24), _key(hour)}
        else:
            keys = {("t", hour * 60 + minute), _key(hour)}
            if hour < 12:  # "3:30" may be 15:30
                keys |= {("t", (hour + 12) * 60 + minute), _key(hour + 12)}
        add(m.start(), m.end(), keys)
    for m in NUM_DATE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        a, b = int(m.group(1)), int(m.group(3))
        if not (1 <= a <= 31 and 1 <= b <= 31 and (a <= 12 or b <= 12)):
            continue
        if m.group(4) is None and m.group(2) == "." and (b > 12 or lang not in COMMA_DECIMAL):
            continue  # "3.5" is a decimal number, not the 3rd of May
        for g, v in ((1, a), (3, b)):
            add(m.start(g), m.end(g), {_key(v)} | ({("m", v)} if v <= 12 else set()))
        if m.group(4):
            year = int(m.group(4))
            add(m.start(4), m.end(4), {_key(year), _key(year + 2000 if year < 100 else year)})
    for m in CJK_MONTH_DAY.finditer(text):
        month = int(m.group(1))
        if 1 <= month <= 12 and free(*m.span()):
            add(m.start(), text.index("月", m.end(1)) + 1, {("m", month), _key(month)})
            if m.group(2):
                add(m.start(2), m.end(2), {_key(int(m.group(2)))})
    for m in CJK_TIME.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if hour <= 24 and minute <= 59 and free(*m.span()):
            add(m.start(), m.end(), {("t", hour * 60 + minute), _key(hour)})
    for m in NUMBER.finditer(text):
        start, end = m.span()
        before = text[max(0, start - 10):start]
        if not free(start, end) or NAME_BEFORE.search(before):
            continue
        if before and before[-1].isalpha() and not _UNSPACED.match(before[-1]):
            continue  # digits glued to a word: MH17, A320
        values = _readings(m, lang)
        if text[end:end + 1] in CJK_SCALES or (text[end:end + 1] in ("余", "多") and text[end + 1:end + 2] in CJK_SCALES):
            mixed = CJK_MIXED.match(text, start)
            value = _cjk_value(re.findall(r"\d+(?:\.\d+)?|[^\d余多]", mixed.group()))
            add(start, mixed.end(), {_key(v) for v in values | {value}})
            continue
        raw_suffix, suffix_end = _suffix(text, end)
        cut = _UNSPACED.search(raw_suffix)
        if cut:  # "5G网络": the suffix ends where the unspaced script begins
            raw_suffix, suffix_end = raw_suffix[:cut.start()], suffix_end - (len(raw_suffix) - cut.start())
        suffix = raw_suffix.lower()
        soft = False
        if suffix and _UNSPACED.match(suffix):
            suffix = ""
        if len(raw_suffix) == 1 and raw_suffix.isupper():
            continue  # a code: 5G, 3D
        if suffix and suffix.islower() and len(suffix) >= 4 and suffix not in SCALES:
            suffix = ""  # a compound: "24jährigen"
        if suffix:
            scale = SCALES_BY_LANG.get(lang, {}).get(suffix) or SCALES.get(suffix)
            if scale:
                values |= {v * scale for v in values}
                end = suffix_end
            elif suffix in ORDINAL or suffix in ("го", "й", "я", "е", "ї", "ого", "ий", "ій"):
                soft, end = True, suffix_end
            elif suffix.rstrip("²³") not in UNITS:
                continue  # a code or a name: 5G, 3D, 737MAX
        else:
            scale, scale_end = _scale_after(text, end, lang)
            if scale:
                values |= {v * scale for v in values}
                end = scale_end
        add(start, end, {_key(v) for v in values}, soft)
    found.extend(_months(text, lang, skip, free))
    found.extend(_spelled(text, lang, skip, free))
    found.extend(_cjk_numerals(text, skip, free))
    found.sort(key=lambda q: (q.start, q.end))
    return found


def _months(text, lang, skip, free):
    for m in month_regex(lang).finditer(text):
        start, end = m.span()
        if not free(start, end) or (skip and skip(start, end)):
            continue
        before = text[max(0, start - 8):start]
        after = text[end:end + 9]
        # A month is a date next to a number: "May 5", "16 avril", "octubre de 1970". Alone it may
        # be something else ("Theresa May"), so it may only match ("in December" for 12月).
        dated = re.search(r"\d[^\d\w\n]{0,2}(?:\w{1,3}[^\w\n]{0,2})?\s*$", before) or re.match(r",?\s(?:\w{1,3}\s)?\d", after)
        if lang in ("en", "de") and not text[start].isupper():
            continue  # English and German write months with a capital: "may" is a verb
        name = next(k for k, v in m.groupdict().items() if v)
        month = int(name.rsplit("_", 1)[1])
        yield Quantity(start, end, text[start:end], frozenset({("m", month)}), soft=not dated)


def _spelled(text, lang, skip, free):
    words = SPELLED_WORDS.get(lang)
    if not words:
        return
    for m in re.finditer(r"[^\W\d_]+(?:['’][^\W\d_]+)?", text):
        value = words.get(m.group().lower())
        if value is None or not free(*m.span()) or (skip and skip(*m.span())):
            continue
        keys = {_key(value)}
        scale, scale_end = _scale_after(text, m.end(), lang)
        end = m.end()
        if scale:
            keys.add(_key(value * scale))
            end = scale_end
        yield Quantity(m.start(), end, text[m.start():end], frozenset(keys), soft=True)


def _cjk_numerals(text, skip, free):
    """Chinese and Japanese numerals (一千, 三万): soft, since 一 is also "a"."""
    for m in CJK_NUMERAL.finditer(text):
        if not free(*m.span()) or (skip and skip(*m.span())):
            continue
        value = _cjk_value([_CJK_DIGITS.get(ch, ch) for ch in m.group()])
        if value:
            yield Quantity(m.start(), m.end(), m.group(), frozenset({_key(value)}), soft=True)


def _cjk_value(parts) -> float:
    """The value of a numeral as a list of digits (numbers or digit strings) and scale characters."""
    total, section, digit = 0.0, 0.0, 0.0
    for part in parts:
        if part in CJK_SCALES:
            if CJK_SCALES[part] >= 1e4:
                total += (section + digit) * CJK_SCALES[part]
                section = digit = 0.0
            else:
                section += (digit or 1) * CJK_SCALES[part]
                digit = 0.0
        else:
            digit = float(part)
    return total + section + digit
