"""The reviewed rules of the gazetteer build (scripts/build_places.py): corrections of
GeoNames' areas, names left out, and place names that are ordinary words. Each list was
reviewed by hand; change them here and run the build again."""

# GeoNames puts these places in an admin2 area policed by another force (or the place is policed
# by a force other than its area's): (name, admin2) -> force.
FORCE_CORRECTIONS = {
    ("Barbican", "Greater London"): "City of London Police",
    ("City of London", "Greater London"): "City of London Police",
    ("Whyteleafe", "Greater London"): "Surrey Police",  # Tandridge, Surrey
    ("Colnbrook", "Surrey"): "Thames Valley Police",  # borough of Slough
    ("Biggin Hill", "Kent"): "Metropolitan Police Service",  # London Borough of Bromley
    ("West Thurrock", "Kent"): "Essex Police",  # Thurrock
    ("Eaton Bray", "Buckinghamshire"): "Bedfordshire Police",  # Central Bedfordshire
    ("Hetton le Hole", "County Durham"): "Northumbria Police",  # City of Sunderland
    ("Houghton-le-Spring", "County Durham"): "Northumbria Police",  # City of Sunderland
    ("Thornton-Cleveleys", "Sefton"): "Lancashire Constabulary",  # Wyre, Lancashire
    ("South Nutfield", "West Sussex"): "Surrey Police",  # Tandridge, Surrey
}


# Names fixed before use (GeoNames spelling or a stray suffix).
RENAMES = {"Shenley AV": "Shenley", "Chapletown": "Chapeltown"}


# Names left out everywhere: they mean something else far more often than the place.
DROPPED_NAMES = {
    "Wales": "the country (a village near Rotherham)",
    "Washington": "the US capital (Tyne and Wear town, West Sussex village)",
    "Victoria": "London's Victoria and the Australian state (Blaenau Gwent village)",
    "Hebron": "the city in the West Bank (Northumberland village)",
    "Dunkirk": "the French port (Kent village)",
    "Normandy": "the French region (Surrey village)",
    "Churchill": "the prime minister (North Somerset village)",
    "Waterloo": "London's Waterloo (the Sefton town)",
    "South Bank": "London's South Bank (the Redcar and Cleveland town)",
    "Humber": "the estuary, that is Humberside (Herefordshire village)",
    "Hill": "an ordinary word (South Gloucestershire village)",
    "Over": "a preposition, capitalised at the start of a question (Cheshire village)",
    "Send": "a verb, capitalised at the start of a question (Surrey village)",
    "Stoke": "Stoke-on-Trent (Medway and Cheshire villages)",
    "Wellington": "as likely Wellington in Somerset, which the source lacks (Telford town)",
    "Grimbsy": "a misspelt duplicate of Grimsby",
    "Clive": "a first name (Shropshire village)",
    "Harley": "a first name and Harley Street (Shropshire village)",
    "Benson": "a surname (Oxfordshire village)",
    "Shelley": "a first name and the poet (Kirklees village)",
    "Gotham": "Batman's city and New York (Nottinghamshire village)",
    "Melbourne": "the Australian city (Derbyshire town, East Riding village)",
}


# Villages that share the name of a well-known town policed by another force: the town wins.
DROPPED_VILLAGES = {
    ("Swindon", "Gloucestershire"),
    ("Warrington", "Milton Keynes"),
    ("Rochester", "Northumberland"),
    ("Preston", "District of Rutland"),
    ("Preston", "East Riding of Yorkshire"),
    ("Acton", "Shropshire"),
    ("Basildon", "West Berkshire"),
    ("Farnborough", "West Berkshire"),
    ("Stockton", "Wiltshire"),
    ("Leigh", "Worcestershire"),
    ("Leigh", "Wiltshire"),
    ("Neston", "Wiltshire"),
    ("Mildenhall", "Wiltshire"),
    ("Sutton", "Central Bedfordshire"),
    ("Sutton", "Herefordshire"),
    ("Thornbury", "Herefordshire"),
    ("Tiverton", "Cheshire West and Chester"),
    ("Newport", "East Riding of Yorkshire"),
    ("Newport", "Pembrokeshire"),
    ("Ashington", "West Sussex"),
    ("Stone", "Kent"),
    ("Stone", "Buckinghamshire"),
    ("Hatfield", "Doncaster"),
    ("Wymondham", "Leicestershire"),
    ("Kennington", "Kent"),
    ("Westbury", "Shropshire"),
    ("Ripley", "Surrey"),
    ("Shirley", "Derbyshire"),
    ("Nelson", "Caerphilly County Borough"),
    ("Featherstone", "Staffordshire"),
    ("Dinnington", "Newcastle upon Tyne"),
    ("Denton", "Darlington"),
}


# Words of questions and force names that never become a place.
QUESTION_WORDS = {
    "police",
    "crime",
    "crimes",
    "record",
    "records",
    "recording",
    "force",
    "forces",
    "constabulary",
    "report",
    "reports",
    "data",
    "rate",
    "national",
    "england",
}


# Place names that are ordinary English words (or phrases): they count only when written as a
# place (capitalised, "in X", "X police"). Reviewed by hand; `--words FILE` lists the names that a
# word list finds and this set lacks, to review again.
COMMON_WORDS = {
    "amble",
    "ash",
    "banks",
    "barking",
    "bath",
    "battle",
    "bay horse",
    "box",
    "bray",
    "bugle",
    "bury",
    "callow",
    "cardigan",
    "castor",
    "chard",
    "cheddar",
    "church",
    "cold ash",
    "cooling",
    "cross hands",
    "crook",
    "dale",
    "deal",
    "eye",
    "felling",
    "fleet",
    "flint",
    "ford",
    "four marks",
    "freshwater",
    "goring",
    "grove",
    "hale",
    "harrow",
    "hassocks",
    "hawthorn",
    "hay",
    "healing",
    "hermitage",
    "hook",
    "hope",
    "lancing",
    "lea",
    "leek",
    "march",
    "mere",
    "moss",
    "mountain ash",
    "new inn",
    "pant",
    "par",
    "pool",
    "poplar",
    "price town",
    "reading",
    "reed",
    "rugby",
    "rye",
    "sale",
    "sandwich",
    "sandy",
    "settle",
    "seven sisters",
    "stock",
    "stone",
    "street",
    "summerhouse",
    "sunk island",
    "sway",
    "three legged cross",
    "tong",
    "tow law",
    "tumble",
    "valley",
    "wall",
    "warden",
    "ware",
    "welling",
    "wells",
    "west end",
    "wick",
    "wing",
    "wool",
}


# Short forms whose usual meaning is the long form's town, not a village of the same name.
DOMINANT_SHORT_FORMS = {
    "burton": "Staffordshire Police",  # Burton upon Trent (villages in Lincs, Pembrokeshire)
    "weston": "Avon and Somerset Constabulary",  # Weston-super-Mare (a Cheshire village)
    "shoreham": "Sussex Police",  # Shoreham-by-Sea (a Kent village)
    "st leonards": "Sussex Police",  # St Leonards-on-Sea, Hastings (a Dorset village)
    "saint leonards": "Sussex Police",
}


# Places in Scotland or Northern Ireland left out of places_elsewhere.csv: ordinary words, first
# names, better-known places abroad, and names of districts of England and Wales that the source
# lacks (Hillsborough in Sheffield, Crossgates in Leeds, Thornhill, Townhill in Swansea).
ELSEWHERE_LEFT_OUT = {
    *("dollar", "law", "forth", "saline", "scone", "cults", "duns", "ceres"),
    *("busby", "connor", "douglas", "errol", "hamilton", "harris", "irvine", "keith", "leslie"),
    *("moira", "whitehead"),
    *("alexandria", "banff", "dundrum", "eglinton", "houston", "patna", "perth"),
    *("crossgates", "hillsborough", "newburgh", "thornhill", "townhill", "westhill"),
}
