#!/usr/bin/env python3
"""Generate glossaries/countries.yaml: every sovereign country (and a few places often in the news).

    python tools/gen_countries.py            # writes glossaries/countries.yaml
    python tools/gen_countries.py -o FILE    # writes elsewhere (or - for stdout)

The base forms are CLDR's standard territory names, read through babel (``Locale.territories``).
babel exposes only the standard name: CLDR's ``alt="short"`` / ``alt="variant"`` names (UK, US,
Czech Republic, Ivory Coast, Swaziland…) are dropped by babel's importer, so the ones worth having
are transcribed in ``CLDR_ALT`` below. CLDR names are written for menus, not for running text
("Congo - Kinshasa", "Hong Kong SAR China", "Myanmar (Burma)", "Бермудские о-ва"): such UI forms are
dropped, and ``OVERRIDES`` sets the preferred form that news style uses (AP, BBC and Reuters for
English; Le Monde/AFP, dpa, Fundéu/EFE, ANSA, TASS/RIA and Ukrainian press usage for the others).

Deterministic: entities are sorted by id and every list keeps a fixed order, so re-running on the
same babel version gives the same file. Only this script should edit countries.yaml.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

import babel
from babel import Locale

LANGS = ("en", "fr", "de", "es", "it", "ru", "uk", "zh", "ja", "hi", "cs", "pl")
# Languages added later (CLDR base names, news-style overrides in NEW_OVERRIDES below).
NEW_LANGS = ("zh", "ja", "hi", "cs", "pl")

# The 193 UN member states (ISO 3166-1 alpha-2).
UN_MEMBERS = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF
TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH
GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT
LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG KP MK NO OM PK PW
PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA KR SS ES LK SD
SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY UZ VU VE VN YE ZM ZW
""".split()
UN_OBSERVERS = ["VA", "PS"]
# Partially recognised states, disputed and autonomous territories often in the news.
OTHER_PLACES = ["XK", "TW", "EH", "HK", "MO", "GL", "FO", "PR", "GI", "FK", "NC"]

DESCRIPTIONS = {
    "XK": "Declared independence from Serbia in 2008; partially recognised",
    "TW": "Governed by the Republic of China; status disputed",
    "PS": "State of Palestine; UN non-member observer state",
    "VA": "Vatican City State; the Holy See is a UN non-member observer state",
    "EH": "Disputed territory; non-self-governing territory on the UN list",
    "HK": "Special administrative region of China",
    "MO": "Special administrative region of China",
    "GL": "Autonomous territory within the Kingdom of Denmark",
    "FO": "Autonomous territory within the Kingdom of Denmark",
    "PR": "Unincorporated territory of the United States",
    "GI": "British overseas territory",
    "FK": "British overseas territory; claimed by Argentina",
    "NC": "French special collectivity",
}

# Wikidata items, only where they are certain (checked by hand against Wikidata labels).
WIKIDATA = {
    "AD": "Q228", "AE": "Q878", "AF": "Q889", "AG": "Q781", "AL": "Q222", "AM": "Q399", "AO": "Q916",
    "AR": "Q414", "AT": "Q40", "AU": "Q408", "AZ": "Q227", "BA": "Q225", "BB": "Q244", "BD": "Q902",
    "BE": "Q31", "BF": "Q965", "BG": "Q219", "BH": "Q398", "BI": "Q967", "BJ": "Q962",
    "BN": "Q921", "BO": "Q750", "BR": "Q155", "BS": "Q778", "BT": "Q917", "BW": "Q963", "BY": "Q184",
    "BZ": "Q242", "CA": "Q16", "CD": "Q974", "CF": "Q929", "CG": "Q971", "CH": "Q39", "CI": "Q1008",
    "CL": "Q298", "CM": "Q1009", "CN": "Q148", "CO": "Q739", "CR": "Q800", "CU": "Q241", "CV": "Q1011",
    "CY": "Q229", "CZ": "Q213", "DE": "Q183", "DJ": "Q977", "DK": "Q35", "DM": "Q784", "DO": "Q786",
    "DZ": "Q262", "EC": "Q736", "EE": "Q191", "EG": "Q79", "EH": "Q6250", "ER": "Q986", "ES": "Q29",
    "ET": "Q115", "FI": "Q33", "FJ": "Q712", "FK": "Q9648", "FM": "Q702", "FO": "Q4628", "FR": "Q142",
    "GA": "Q1000", "GB": "Q145", "GD": "Q769", "GE": "Q230", "GH": "Q117", "GI": "Q1410", "GL": "Q223",
    "GM": "Q1005", "GN": "Q1006", "GQ": "Q983", "GR": "Q41", "GT": "Q774", "GW": "Q1007", "GY": "Q734",
    "HK": "Q8646", "HN": "Q783", "HR": "Q224", "HT": "Q790", "HU": "Q28", "ID": "Q252", "IE": "Q27",
    "IL": "Q801", "IN": "Q668", "IQ": "Q796", "IR": "Q794", "IS": "Q189", "IT": "Q38", "JM": "Q766",
    "JO": "Q810", "JP": "Q17", "KE": "Q114", "KG": "Q813", "KH": "Q424", "KI": "Q710", "KM": "Q970",
    "KN": "Q763", "KP": "Q423", "KR": "Q884", "KW": "Q817", "KZ": "Q232", "LA": "Q819",
    "LB": "Q822", "LC": "Q760", "LI": "Q347", "LK": "Q854", "LR": "Q1014", "LS": "Q1013", "LT": "Q37",
    "LU": "Q32", "LV": "Q211", "LY": "Q1016", "MA": "Q1028", "MC": "Q235", "MD": "Q217", "ME": "Q236",
    "MG": "Q1019", "MH": "Q709", "MK": "Q221", "ML": "Q912", "MM": "Q836", "MN": "Q711", "MO": "Q14773",
    "MR": "Q1025", "MT": "Q233", "MU": "Q1027", "MV": "Q826", "MW": "Q1020", "MX": "Q96", "MY": "Q833",
    "MZ": "Q1029", "NA": "Q1030", "NC": "Q33788", "NE": "Q1032", "NG": "Q1033", "NI": "Q811",
    "NL": "Q55", "NO": "Q20", "NP": "Q837", "NR": "Q697", "NZ": "Q664", "OM": "Q842", "PA": "Q804",
    "PE": "Q419", "PG": "Q691", "PH": "Q928", "PK": "Q843", "PL": "Q36", "PR": "Q1183", "PS": "Q219060",
    "PT": "Q45", "PW": "Q695", "PY": "Q733", "QA": "Q846", "RO": "Q218", "RS": "Q403", "RU": "Q159",
    "RW": "Q1037", "SA": "Q851", "SB": "Q685", "SC": "Q1042", "SD": "Q1049", "SE": "Q34", "SG": "Q334",
    "SI": "Q215", "SK": "Q214", "SL": "Q1044", "SM": "Q238", "SN": "Q1041", "SO": "Q1045", "SR": "Q730",
    "SS": "Q958", "ST": "Q1039", "SV": "Q792", "SY": "Q858", "SZ": "Q1050", "TD": "Q657", "TG": "Q945",
    "TH": "Q869", "TJ": "Q863", "TL": "Q574", "TM": "Q874", "TN": "Q948", "TO": "Q678", "TR": "Q43",
    "TT": "Q754", "TV": "Q672", "TW": "Q865", "TZ": "Q924", "UA": "Q212", "UG": "Q1036", "US": "Q30",
    "UY": "Q77", "UZ": "Q265", "VA": "Q237", "VC": "Q757", "VE": "Q717", "VN": "Q881", "VU": "Q686",
    "WS": "Q683", "XK": "Q1246", "YE": "Q805", "ZA": "Q258", "ZM": "Q953", "ZW": "Q954",
}

# CLDR alt="short" (→ short) and alt="variant" (→ alt) territory names (transcribed from CLDR 47
# common/main), which babel does not expose. Parenthesised UI forms ("Congo (DRC)") are left out; "RU" (es, United Kingdom) is left
# out because it reads as Russia's code.
CLDR_SHORT = {
    "US": {"en": ["US"], "fr": ["É.-U."], "de": ["USA"], "es": ["EE. UU."], "it": ["USA"], "ru": ["США"], "uk": ["США"]},
    "GB": {"en": ["UK"], "fr": ["R.-U."], "de": ["UK"], "it": ["UK"], "ru": ["Британия"]},
    "BA": {"en": ["Bosnia"]},
    "HK": {"en": ["Hong Kong"], "fr": ["Hong Kong"], "de": ["Hongkong"], "es": ["Hong Kong"], "it": ["Hong Kong"], "ru": ["Гонконг"], "uk": ["Гонконг"]},
    "MO": {"en": ["Macao"], "fr": ["Macao"], "de": ["Macau"], "es": ["Macao"], "it": ["Macao"], "ru": ["Макао"], "uk": ["Макао"]},
    "MM": {"en": ["Myanmar"]},
    "PS": {"en": ["Palestine"], "fr": ["Palestine"], "de": ["Palästina"], "es": ["Palestina"], "it": ["Palestina"], "ru": ["Палестина"], "uk": ["Палестина"]},
}
CLDR_VARIANT = {
    "CG": {"fr": ["République du Congo"], "ru": ["Республика Конго"]},
    "CI": {"en": ["Ivory Coast"], "de": ["Elfenbeinküste"], "es": ["Costa de Marfil"], "fr": ["République de Côte d’Ivoire"], "it": ["Côte d’Ivoire"], "uk": ["Берег Слонової Кістки"]},
    "CV": {"en": ["Cabo Verde"]},
    "CZ": {"en": ["Czech Republic"], "fr": ["République tchèque"], "de": ["Tschechische Republik"], "es": ["República Checa"], "it": ["Repubblica Ceca"], "ru": ["Чешская Республика"], "uk": ["Чеська Республіка"]},
    "FM": {"uk": ["Федеративні Штати Мікронезії"]},
    "NZ": {"en": ["Aotearoa New Zealand"]},
    "SZ": {"en": ["Swaziland"], "de": ["Swasiland"], "es": ["Suazilandia"], "fr": ["Swaziland"], "it": ["Regno di Eswatini"], "ru": ["Свазиленд"], "uk": ["Свазіленд"]},
    "TL": {"en": ["East Timor"], "de": ["Osttimor"], "es": ["Timor Oriental"], "fr": ["Timor-Oriental"], "it": ["Timor Leste"], "ru": ["Тимор-Лесте"], "uk": ["Східний Тимор"]},
    "TR": {"en": ["Turkey"], "fr": ["Türkiye"], "it": ["Türkiye"]},
}


def O(name=None, alt=(), short=(), dep=(), drop=()):
    """One language's override: a new preferred form, extra accepted/short/deprecated forms,
    and CLDR forms to drop. ``dep`` is a list of (form, note)."""
    return {"name": name, "alt": list(alt), "short": list(short), "dep": list(dep), "drop": list(drop)}


SWAZI = "Renamed Eswatini in 2018"
# News-style overrides. English: AP Stylebook, BBC News style guide, Reuters Handbook of Journalism.
OVERRIDES = {
    "AE": {"en": O(short=["UAE"]),
           "ru": O("Объединённые Арабские Эмираты", alt=["Объединенные Арабские Эмираты"], short=["ОАЭ"]),
           "uk": O(short=["ОАЕ"])},
    "AG": {"en": O("Antigua and Barbuda")},
    "BA": {"en": O("Bosnia and Herzegovina", alt=["Bosnia-Herzegovina"])},
    "BD": {"es": O(alt=["Bangladesh"])},
    "BH": {"es": O(alt=["Bahréin"])},
    "BN": {"de": O("Brunei")},
    "BS": {"ru": O(alt=["Багамские Острова"])},
    "BY": {"en": O(dep=[("Byelorussia", "Soviet-era name; Belarus since 1991"),
                        ("Belorussia", "Soviet-era name; Belarus since 1991")]),
           "fr": O(alt=["Bélarus"]), "de": O(alt=["Weißrussland"]), "es": O(alt=["Belarús"]),
           "it": O(alt=["Belarus"]), "ru": O(alt=["Белоруссия"]), "uk": O(alt=["Біларусь"])},
    "CD": {"en": O("Democratic Republic of the Congo",
                   alt=["Democratic Republic of Congo", "DR Congo", "Congo-Kinshasa"], short=["DRC"]),
           "fr": O("République démocratique du Congo", alt=["RD Congo"], short=["RDC"]),
           "de": O("Demokratische Republik Kongo", alt=["DR Kongo"]),
           "es": O(alt=["RD Congo"], short=["RDC"]),
           "it": O("Repubblica Democratica del Congo", alt=["Congo-Kinshasa"], short=["RDC"]),
           "ru": O("Демократическая Республика Конго", alt=["ДР Конго"], short=["ДРК"]),
           "uk": O("Демократична Республіка Конго", alt=["ДР Конго"], short=["ДРК"])},
    "CF": {"en": O(short=["CAR"])},
    "CG": {"en": O("Republic of the Congo", alt=["Republic of Congo", "Congo-Brazzaville"]),
           "fr": O("République du Congo"), "de": O("Republik Kongo"),
           "es": O("República del Congo", alt=["Congo-Brazzaville"], drop=["Congo"]),
           "it": O("Repubblica del Congo"), "ru": O("Республика Конго"), "uk": O("Республіка Конго")},
    "CI": {"en": O("Ivory Coast", alt=["Côte d'Ivoire"]), "de": O("Elfenbeinküste"),
           "es": O("Costa de Marfil")},
    "CN": {"en": O(alt=["People's Republic of China"], short=["PRC"])},
    "CV": {"en": O("Cape Verde"), "de": O("Kap Verde")},
    "CZ": {"en": O("Czech Republic"), "fr": O("République tchèque"), "it": O("Repubblica Ceca")},
    "FK": {"en": O(alt=["Falklands"]), "fr": O(alt=["Malouines", "Îles Falkland", "Falkland"]),
           "es": O("Islas Malvinas", alt=["Malvinas"]), "it": O(alt=["Falkland"]),
           "ru": O("Фолклендские острова", alt=["Фолкленды", "Мальвинские острова"])},
    "FM": {"en": O(alt=["Federated States of Micronesia"]), "ru": O("Микронезия")},
    "FO": {"en": O(alt=["Faroes"]), "ru": O("Фарерские острова")},
    "GB": {"en": O(alt=["Britain", "Great Britain"], short=["UK", "U.K."]),
           "fr": O(alt=["Grande-Bretagne"]), "de": O(alt=["Großbritannien"]),
           "es": O(alt=["Gran Bretaña"]), "it": O(alt=["Gran Bretagna"]),
           "ru": O(alt=["Соединённое Королевство", "Соединенное Королевство"]),
           "uk": O(alt=["Британія", "Сполучене Королівство"])},
    "GM": {"en": O(alt=["The Gambia"])},
    "HK": {lang: O(CLDR_SHORT["HK"][lang][0]) for lang in LANGS if lang not in NEW_LANGS},
    "IE": {"en": O(alt=["Republic of Ireland"])},
    "KG": {"fr": O(alt=["Kirghizistan"]), "ru": O(alt=["Кыргызстан"]), "uk": O(alt=["Киргизія"])},
    "KN": {"en": O("Saint Kitts and Nevis", alt=["St. Kitts and Nevis", "St Kitts and Nevis"]),
           "fr": O(alt=["Saint-Kitts-et-Nevis"])},
    "KP": {"en": O(alt=["Democratic People's Republic of Korea"], short=["DPRK"]),
           "ru": O("Северная Корея", short=["КНДР"]), "uk": O(short=["КНДР"])},
    "KR": {"en": O(alt=["Republic of Korea"]), "ru": O("Южная Корея"), "uk": O(alt=["Республіка Корея"])},
    "LC": {"en": O("Saint Lucia", alt=["St Lucia"])},
    "MD": {"en": O(dep=[("Moldavia", "Soviet-era name; Moldova since 1991 (Moldavia is also the historical region)")]),
           "de": O(alt=["Moldau", "Moldawien"]), "es": O(alt=["Moldova"]), "it": O(alt=["Moldova"]),
           "ru": O(alt=["Молдавия"])},
    "MH": {"ru": O("Маршалловы Острова")},
    "MK": {"en": O(dep=[("Macedonia", "Renamed North Macedonia in 2019"),
                        ("Former Yugoslav Republic of Macedonia", "Renamed North Macedonia in 2019"),
                        ("FYROM", "Renamed North Macedonia in 2019")])},
    "MM": {"en": O("Myanmar", alt=["Burma"]), "fr": O("Birmanie", alt=["Myanmar"]),
           "de": O(alt=["Birma"]), "es": O("Myanmar", alt=["Birmania"]), "it": O("Myanmar", alt=["Birmania"]),
           "ru": O("Мьянма", alt=["Бирма"]), "uk": O("Мʼянма", alt=["Бірма"])},
    "MO": {"en": O("Macau", alt=["Macao"]), "fr": O("Macao", alt=["Macau"]), "de": O("Macau", alt=["Macao"]),
           "es": O("Macao"), "it": O("Macao", alt=["Macau"]), "ru": O("Макао"), "uk": O("Макао")},
    "NL": {"de": O(alt=["Holland"]), "es": O(alt=["Holanda"]), "it": O(alt=["Olanda"]),
           "ru": O(alt=["Голландия"]), "uk": O(alt=["Голландія"])},
    "PG": {"ru": O(alt=["Папуа-Новая Гвинея"])},
    "PS": {"en": O("Palestine", alt=["State of Palestine", "Palestinian territories"]),
           "fr": O("Palestine", alt=["État de Palestine"]),
           "de": O("Palästina", alt=["Staat Palästina"]),
           "es": O("Palestina", alt=["Estado de Palestina"]),
           "it": O("Palestina", alt=["Stato di Palestina"]),
           "ru": O("Палестина", alt=["Государство Палестина"]),
           "uk": O("Палестина", alt=["Держава Палестина"])},
    "QA": {"es": O(alt=["Qatar"])},
    "RU": {"en": O(alt=["Russian Federation"])},
    "SA": {"es": O(alt=["Arabia Saudita"])},
    "SB": {"ru": O("Соломоновы Острова")},
    "SC": {"ru": O("Сейшельские Острова", alt=["Сейшелы"])},
    "ST": {"en": O("Sao Tome and Principe", alt=["São Tomé and Príncipe"])},
    "SV": {"fr": O(alt=["El Salvador"])},
    "SZ": {"en": O(dep=[("Swaziland", SWAZI)]), "fr": O(dep=[("Swaziland", SWAZI)]),
           "de": O(dep=[("Swasiland", SWAZI)]), "es": O(alt=["Eswatini"], dep=[("Suazilandia", SWAZI)]),
           "it": O(dep=[("Swaziland", SWAZI)]), "ru": O(dep=[("Свазиленд", SWAZI)]),
           "uk": O(dep=[("Свазіленд", SWAZI)])},
    "TL": {"en": O("East Timor"), "de": O("Osttimor"), "es": O("Timor Oriental"),
           "it": O(alt=["Timor-Leste"])},
    "TR": {"en": O("Turkey")},
    "TT": {"en": O("Trinidad and Tobago")},
    "TW": {"en": O(alt=["Chinese Taipei"])},
    "US": {"en": O(alt=["United States of America"], short=["US", "U.S.", "USA"]),
           "fr": O(alt=["États-Unis d’Amérique"]),
           "de": O(alt=["Vereinigte Staaten von Amerika"]),
           "es": O(alt=["Estados Unidos de América"], short=["EE. UU.", "EE.UU."]),
           "it": O(alt=["Stati Uniti d’America"]),
           "ru": O(alt=["Соединённые Штаты", "Соединенные Штаты Америки", "Соединённые Штаты Америки"]),
           "uk": O(alt=["Сполучені Штати Америки"])},
    "VA": {"en": O(alt=["Vatican", "Holy See"]), "fr": O("Vatican", alt=["Cité du Vatican", "Saint-Siège"]),
           "de": O(alt=["Vatikan", "Heiliger Stuhl"]), "es": O(alt=["Vaticano", "Santa Sede"]),
           "it": O(alt=["Vaticano", "Santa Sede"])},
    "VC": {"en": O("Saint Vincent and the Grenadines",
                   alt=["St. Vincent and the Grenadines", "St Vincent and the Grenadines"]),
           "fr": O(alt=["Saint-Vincent-et-les-Grenadines"])},
    "VN": {"en": O(alt=["Viet Nam"]), "fr": O("Vietnam", alt=["Viet Nam"])},
    "ZA": {"ru": O(short=["ЮАР"]), "uk": O(alt=["Південна Африка"], short=["ПАР"])},
}

# Chinese (Xinhua usage: the standard names of the PRC's Ministry of Foreign Affairs), Japanese
# (NHK / Kyodo usage, which follows the Ministry of Foreign Affairs list), Hindi (Hindi press:
# BBC Hindi, Dainik Jagran, Navbharat Times), Czech (ČTK / Czech Radio), Polish (PAP / KSNG list).
# A form that is a common word of the language is left out (Hindi माली "gardener" for Mali, गिनी
# "counted" for Guinea): the entity gets no form in that language (OMIT).
NEW_OVERRIDES = {
    "AE": {"zh": O(short=["阿联酋"])},
    "CD": {"zh": O("刚果民主共和国", alt=["刚果（金）", "刚果金"]), "ja": O("コンゴ民主共和国"),
           "hi": O("कांगो लोकतांत्रिक गणराज्य"), "cs": O("Demokratická republika Kongo", alt=["DR Kongo"]),
           "pl": O(alt=["DR Konga"])},
    "CG": {"zh": O("刚果共和国", alt=["刚果（布）", "刚果布"]), "ja": O("コンゴ共和国"), "hi": O("कांगो गणराज्य"),
           "cs": O("Konžská republika"), "pl": O("Republika Konga", drop=["Kongo"])},
    "CI": {"hi": O(alt=["आइवरी कोस्ट"])},
    "CZ": {"hi": O("चेक गणराज्य", alt=["चेकिया"]), "cs": O(alt=["Česká republika"])},
    "GB": {"ja": O(alt=["英国"]), "hi": O("ब्रिटेन", alt=["यूनाइटेड किंगडम"]),
           "cs": O(alt=["Velká Británie", "Británie"]), "pl": O(alt=["Zjednoczone Królestwo"])},
    "GE": {"ja": O(alt=["グルジア"])},
    "GR": {"hi": O(alt=["ग्रीस"])},
    "HK": {"zh": O("香港"), "ja": O("香港"), "hi": O("हांगकांग", alt=["हॉन्गकॉन्ग", "हांग कांग"]),
           "cs": O("Hongkong"), "pl": O("Hongkong")},
    "MM": {"ja": O("ミャンマー"), "hi": O("म्यांमार"), "cs": O("Myanmar", alt=["Barma"]),
           "pl": O("Mjanma", alt=["Birma"])},
    "MO": {"zh": O("澳门"), "ja": O("マカオ"), "hi": O("मकाऊ"), "cs": O("Macao", alt=["Macau"]), "pl": O("Makau")},
    "PH": {"hi": O(alt=["फिलीपींस"])},
    "PS": {"zh": O("巴勒斯坦"), "ja": O("パレスチナ"), "hi": O("फ़िलिस्तीन"), "cs": O("Palestina"),
           "pl": O("Palestyna")},
    "SA": {"zh": O(short=["沙特"]), "ja": O(short=["サウジ"])},
    "TR": {"hi": O(alt=["तुर्की"])},
    "US": {"zh": O("美国", alt=["美利坚合众国"]), "ja": O("アメリカ合衆国", alt=["アメリカ", "米国"]),
           "hi": O("अमेरिका", alt=["संयुक्त राज्य अमेरिका", "अमरीका"], drop=["संयुक्त राज्य"]),
           "cs": O("Spojené státy americké", alt=["Spojené státy"], short=["USA"]),
           "pl": O(short=["USA"])},
    "VA": {"ja": O("バチカン"), "hi": O("वेटिकन", alt=["वेटिकन सिटी"])},
}
for _code, _langs in NEW_OVERRIDES.items():
    OVERRIDES.setdefault(_code, {}).update(_langs)
OMIT = {("ML", "hi"), ("GN", "hi"), ("DM", "cs"), ("DM", "pl")}  # Dominika: a Czech and Polish first name

# Entity-level extras: contexts in which a match is not a finding (the format's `ignore`).
IGNORE = {
    "MK": ["Greek Macedonia", "Central Macedonia", "Western Macedonia", "Eastern Macedonia and Thrace"],
    "MD": ["Principality of Moldavia", "Western Moldavia"],
    "ZA": ["西南非洲", "东南非洲"],  # Chinese "South West Africa" (Namibia), "south-east Africa"
    "ML": ["马里兰", "马里奥", "索马里"],  # Chinese Maryland, Mario (and Somalia, a longer form anyway)
    "MN": ["内蒙古"],  # Inner Mongolia, a region of China
}

# Forms written for menus rather than running text.
UI_FORM = re.compile(r"[()&]|\bSAR\b|R\.A\.S\.|\bRA[ES]\b|\bSonderverwaltungsregion\b| [-–] |о-ва|ОАР")
FR_CAPS = str.maketrans("ÉÈÊÎÔÀÇ", "EEEIOAC")


def variants(form: str, lang: str) -> list[str]:
    """Spellings of the same form that running text uses: the ASCII apostrophe for ’ (and for the
    Ukrainian ʼ, also ’), and in French the unaccented capital (Le Monde/AFP: "Etats-Unis")."""
    out = []
    if "ʼ" in form:
        out += [form.replace("ʼ", "’"), form.replace("ʼ", "'")]
    if "’" in form:
        out.append(form.replace("’", "'"))
    if lang == "hi":  # Hindi press often drops the nukta (फ़्रांस / फ्रांस) and writes ँ as ं
        for f in [form] + out:
            plain = unicodedata.normalize("NFD", f).replace("\u093c", "").replace("\u0901", "\u0902")
            if plain != f:
                out.append(plain)
    if lang == "fr" and not form.endswith("."):  # not abbreviations (É.-U.)
        for f in [form] + out:
            plain = f.translate(FR_CAPS)
            if plain != f:
                out.append(plain)
    return [v for v in out if v != form]


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")


def build_lang(code: str, lang: str, cldr_name: str) -> dict:
    over = OVERRIDES.get(code, {}).get(lang) or O()
    drop = set(over["drop"])
    name = over["name"] or cldr_name
    deprecated = list(over["dep"])
    dep_forms = {f for f, _ in deprecated}
    # Earlier sources win when a form comes twice: the overrides, then CLDR.
    candidates = (("short", over["short"]), ("alt", over["alt"]), ("alt", [cldr_name]),
                  ("short", CLDR_SHORT.get(code, {}).get(lang, [])),
                  ("alt", CLDR_VARIANT.get(code, {}).get(lang, [])))

    seen = {name} | dep_forms
    result = {"name": name, "alt": [], "short": [], "deprecated": deprecated}
    for kind, forms in candidates:
        for form in forms:
            if form in seen or form in drop or UI_FORM.search(form):
                continue
            seen.add(form)
            result[kind].append(form)
    # Typographic variants go next to their source form's kind; the name's go to alt.
    for kind, forms in (("alt", [name]), ("short", list(result["short"])), ("alt", list(result["alt"]))):
        for form in forms:
            for v in variants(form, lang):
                if v not in seen:
                    seen.add(v)
                    result[kind].append(v)
    dep_extra = []
    for form, note in deprecated:
        for v in variants(form, lang):
            if v not in seen:
                seen.add(v)
                dep_extra.append((v, note))
    result["deprecated"] = deprecated + dep_extra
    assert not UI_FORM.search(name), (code, lang, name)
    return result


def build() -> list[dict]:
    territories = {lang: Locale(lang).territories for lang in LANGS}
    entities = []
    for code in UN_MEMBERS + UN_OBSERVERS + OTHER_PLACES:
        names = {lang: build_lang(code, lang, territories[lang][code]) for lang in LANGS if (code, lang) not in OMIT}
        entity = {"id": slug(names["en"]["name"]), "type": "country"}
        if code in WIKIDATA:
            entity["wikidata"] = WIKIDATA[code]
        if code in DESCRIPTIONS:
            entity["description"] = DESCRIPTIONS[code]
        if code in IGNORE:
            entity["ignore"] = IGNORE[code]
        entity["names"] = names
        entities.append(entity)
    entities.sort(key=lambda e: e["id"])
    check(entities)
    return entities


def check(entities: list[dict]) -> None:
    """Refuse to write a file the validator would reject; warn about forms shared by two entities."""
    ids = [e["id"] for e in entities]
    assert len(ids) == len(set(ids)), "duplicate ids"
    owner: dict = {}
    for e in entities:
        for lang, n in e["names"].items():
            accepted = [n["name"]] + n["alt"] + n["short"]
            deprecated = [f for f, _ in n["deprecated"]]
            assert len(accepted + deprecated) == len(set(accepted + deprecated)), (e["id"], lang)
            for form in accepted:
                assert form == form.strip() and form and "\n" not in form, (e["id"], lang, form)
                other = owner.setdefault((lang, form), e["id"])
                if other != e["id"]:
                    print(f"warning: {lang} {form!r} is accepted for {other} and {e['id']}", file=sys.stderr)


# --- YAML writing: one line per language, plain scalars where YAML allows them --------------------
_PLAIN = re.compile(r"^[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#'\"]*$")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}


def scalar(text: str) -> str:
    if (_PLAIN.match(text) and not text.endswith((" ", ":")) and ": " not in text and " #" not in text
            and text.lower() not in _RESERVED and not re.match(r"^[\d.+-]", text)):
        return text
    return json.dumps(text, ensure_ascii=False)


def flow_list(items) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def lang_line(n: dict) -> str:
    if not (n["alt"] or n["short"] or n["deprecated"]):
        return scalar(n["name"])
    parts = [f"name: {scalar(n['name'])}"]
    for kind in ("alt", "short"):
        if n[kind]:
            parts.append(f"{kind}: {flow_list(n[kind])}")
    if n["deprecated"]:
        deps = ", ".join(f"{{form: {scalar(f)}, note: {scalar(note)}}}" for f, note in n["deprecated"])
        parts.append(f"deprecated: [{deps}]")
    return "{" + ", ".join(parts) + "}"


def render(entities: list[dict]) -> str:
    out = [
        "# GENERATED by tools/gen_countries.py: edit the script, not this file.",
        f"# Base forms: Unicode CLDR {babel.core.get_cldr_version()} territory names via babel {babel.__version__}",
        "# (Locale.territories), plus CLDR 47 alt=short/variant names transcribed in the script.",
        "# Overrides (news style): English AP Stylebook, BBC News style guide, Reuters Handbook;",
        "# French Le Monde/AFP; German dpa; Spanish Fundéu/EFE; Italian ANSA; Russian TASS/RIA;",
        "# Ukrainian: Ukrainian press usage and the 2019 orthography; Chinese Xinhua (PRC Ministry of",
        "# Foreign Affairs names); Japanese NHK/Kyodo (Japanese Ministry of Foreign Affairs list); Hindi",
        "# Hindi press (BBC Hindi, Dainik Jagran), with the nukta-less and anusvara spellings accepted;",
        "# Czech ČTK; Polish PAP (KSNG list). A form that is a common word is left out (Hindi माली, गिनी).",
        "meta:",
        "  name: countries",
        "  description: Sovereign countries, UN observers and other places often in the news",
        "  sources:",
        f"    - \"Base: Unicode CLDR {babel.core.get_cldr_version()} via babel {babel.__version__} (Locale.territories); CLDR 47 alt=short/variant names\"",
        "    - \"English: AP Stylebook, BBC News style guide, Reuters Handbook of Journalism\"",
        "    - \"French: Le Monde / AFP usage; German: dpa usage; Spanish: Fundéu RAE / EFE; Italian: ANSA usage\"",
        "    - \"Russian: TASS / RIA Novosti usage; Ukrainian: Ukrainian press usage, 2019 orthography\"",
        "    - \"Chinese: Xinhua (PRC Ministry of Foreign Affairs names); Japanese: NHK / Kyodo (MOFA Japan list)\"",
        "    - \"Hindi: Hindi press usage (BBC Hindi, Dainik Jagran); Czech: ČTK; Polish: PAP, KSNG list\"",
        "entities:",
    ]
    for e in entities:
        out.append(f"  - id: {e['id']}")
        out.append(f"    type: {e['type']}")
        if "wikidata" in e:
            out.append(f"    wikidata: {e['wikidata']}")
        if "description" in e:
            out.append(f"    description: {scalar(e['description'])}")
        if "ignore" in e:
            out.append(f"    ignore: {flow_list(e['ignore'])}")
        out.append("    names:")
        for lang in LANGS:
            if lang in e["names"]:
                out.append(f"      {lang}: {lang_line(e['names'][lang])}")
    return "\n".join(out) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parent.parent / "glossaries" / "countries.yaml"
    parser.add_argument("-o", "--output", default=str(default))
    args = parser.parse_args(argv)
    text = render(build())
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
