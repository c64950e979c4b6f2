"""The words around a number that say what it counts, its bound and its period, in French
and English, folded (lower case, no accents) and mapped to the vocabulary of
``factdb.figures``."""

from __future__ import annotations

from factdb.extract.folding import fold
from factdb.unit_vocab import BUILTIN


def _keys(words: str, value: str) -> dict[str, str]:
    return dict.fromkeys(words.split(), value)


_FRENCH_NOUNS = {
    "soldiers": "soldat soldats militaire militaires troupe troupes combattant combattants "
    "mercenaire mercenaires reserviste reservistes",
    "flights": "vol vols liaison liaisons",
    "shells": "obus",
    "missiles": "missile missiles roquette roquettes",
    "drones": "drone drones",
    "tanks": "char chars blinde blindes",
    "aircraft": "avion avions helicoptere helicopteres appareil appareils chasseur chasseurs",
    "ships": "navire navires bateau bateaux batiment batiments",
    "weapons": "arme armes fusil fusils",
    "vehicles": "vehicule vehicules camion camions",
    "people": "personne personnes habitant habitants civil civils individu individus "
    "travailleur travailleurs ouvrier ouvriers enfant enfants manifestant manifestants "
    "touriste touristes migrant migrants passager passagers homme hommes femme femmes",
    "deaths": "mort morts tue tues deces",
    "casualties": "victime victimes blesse blesses",
    "refugees": "refugie refugies deplace deplaces",
    "prisoners": "prisonnier prisonniers detenu detenus otage otages",
    "visits": "visite visites",
    "meetings": "reunion reunions rencontre rencontres sommet sommets",
    "cases": "cas",
    "doses": "dose doses",
    "votes": "voix vote votes",
    "jobs": "emploi emplois poste postes",
    "tonnes": "tonne tonnes",
    "km": "km kilometre kilometres",
    "days": "jour jours journee journees",
    "years": "an ans annee annees",
}
_ENGLISH_EXTRA = {
    "soldiers": "servicemen fighters mercenaries reservists",
    "missiles": "rockets rocket",
    "aircraft": "jets jet helicopters helicopter fighter",
    "ships": "boats boat warships warship",
    "vehicles": "trucks truck",
    "people": "civilians civilian residents resident inhabitants workers worker children "
    "individuals protesters tourists migrants passengers men women",
    "deaths": "fatalities",
    "casualties": "victims victim wounded injured",
    "refugees": "displaced",
    "prisoners": "detainees detainee hostages hostage",
    "meetings": "summits summit talks",
    "cases": "infections",
    "km": "km",
}


def _nouns() -> dict[str, str]:
    nouns: dict[str, str] = {}
    for unit in BUILTIN.values():
        if unit.dimension == "duration" and unit.name not in ("days", "years"):
            continue  # "six mois", "three weeks": lengths of time, see DURATIONS
        for word in (unit.name, *unit.aliases):
            if word.isalpha() and word.islower() and len(word) > 2:
                nouns[fold(word)] = unit.name
    for table in (_ENGLISH_EXTRA, _FRENCH_NOUNS):
        for unit, words in table.items():
            nouns.update(_keys(words, unit))
    # Money and shares are read by their own patterns, before nouns.
    for unit in ("EUR", "USD", "RUB", "KPW", "KRW", "CNY", "GBP", "UAH", "percent", "points"):
        for word in [w for w, u in nouns.items() if u == unit]:
            del nouns[word]
    return nouns


NOUNS = _nouns()
# Durations the vocabulary cannot hold: a number counting them is not a figure here.
DURATIONS = frozenset(
    _keys(
        "mois semaine semaines heure heures minute minutes seconde secondes mn min "
        "decennie decennies siecle siecles decade decades century centuries "
        "month months week weeks hour hours minute minutes second seconds",
        "",
    )
)
# "3 vols hebdomadaires", "two weekly flights": the period as an adjective.
PERIOD_ADJECTIVES = {
    **_keys("horaire horaires hourly", "hour"),
    **_keys("quotidien quotidiens quotidienne quotidiennes daily", "day"),
    **_keys("hebdomadaire hebdomadaires weekly", "week"),
    **_keys("mensuel mensuels mensuelle mensuelles monthly", "month"),
    **_keys("annuel annuels annuelle annuelles yearly annual", "year"),
}
PERIOD_WORDS = {
    **_keys("heure heures hour hours", "hour"),
    **_keys("jour jours day days", "day"),
    **_keys("semaine semaines week weeks", "week"),
    **_keys("mois month months", "month"),
    **_keys("an ans annee annees year years", "year"),
}
# Words that end the search for a noun after a number.
STOP_WORDS = frozenset(
    _keys(
        "et ou a au aux par pour en dans sur de du des d' le la les l' qui que "
        "and or to at per for in on of the by from with than an each every chaque "
        "je tu il elle on nous vous ils elles i you he she it we they",
        "",
    )
)
# Verbs that follow a number standing alone: "deux ont été blessés", "three were hurt".
AUXILIARIES = frozenset(
    _keys(
        "ont sont a est etaient avaient seront auront se s' "
        "are were was is have has had will would could may might did do",
        "",
    )
)
CURRENCIES = {
    "€": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
    "£": "GBP", "livre sterling": "GBP", "livres sterling": "GBP", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP",
    "₽": "RUB", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB",
    "yuan": "CNY", "yuans": "CNY",
    "₴": "UAH", "hryvnia": "UAH", "hryvnias": "UAH",
}  # fmt: skip
QUALIFIERS = {
    "lower_bound": "plus de|plus d'|au moins|au minimum|pas moins de|pas moins d'|more than|"
    "over|at least|in excess of|upwards of|no fewer than|no less than|a minimum of",
    "upper_bound": "moins de|moins d'|jusqu'a|au plus|au maximum|pas plus de|pas plus d'|"
    "up to|less than|fewer than|under|at most|no more than|a maximum of",
    "approximate": "pres de|pres d'|environ|quelque|approximativement|a peu pres|autour de|"
    "presque|quasiment|about|around|nearly|almost|approximately|roughly|some|close to|"
    "an estimated|une estimation de",
}
# The qualifiers that exclude the number itself: "plus de 10 000" is more than 10 000.
STRICT_QUALIFIERS = frozenset(
    [
        "plus de",
        "plus d'",
        "more than",
        "over",
        "in excess of",
        "upwards of",
        "moins de",
        "moins d'",
        "less than",
        "fewer than",
        "under",
    ]
)
# A number right after these words names a thing, not a quantity: "article 4", "n° 12".
REFERENCES = (
    "article|articles|art\\.|section|chapitre|chapter|paragraphe|paragraph|alinea|"
    "resolution|loi|law|n°|no\\.|nos\\.|numero|number|page|pages|p\\.|tome|amendement|"
    "amendment|decret|decree|tableau|table|figure|annexe|annex|rue|street|avenue|boulevard|"
    "covid|act|acte|vol|flight|route|salle|room|batiment|building|bureau|office|terminal|porte|gate|autoroute|highway|version|groupe|group|g|#"
)
