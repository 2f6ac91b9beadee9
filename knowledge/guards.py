"""Words that must never become a force, an offence or a measure, and the words around a place
that say it is not the police being asked about (a fire service, a newspaper, a football club)."""

from typing import Final

# Ordinary words that a fuzzy match could turn into a force or a place ("went" is 89% "Gwent").
# Exact aliases are unaffected; these are only kept away from rapidfuzz.
COMMON_WORDS: Final = frozenset(
    """went want wants wanted west east north south kind sent rent bent dent tent spent
    went gone come came going coming back post posts posted fire fires rain rains raining rainy
    weather sunny snow windy storm storms forecast tomorrow today yesterday tonight week weekend
    month months year years time times people person someone anyone everyone nobody thing things
    about above after again against along among around because before behind below beside between
    beyond could should would might must shall shan't there their they're these those though
    through throughout until unless upon where whereas whether which while within without
    always never often sometimes usually really actually still quite rather very much more
    most less least many few several plenty enough other others another such same different
    good great better bad worse poor poorly fine right wrong wrongly correct correctly properly
    true false real high higher low lower large larger small smaller long short big bigger
    little new old young early late later last next first second third fourth fifth
    please thanks thank hello hi hey cheers sorry okay yes no maybe sure
    look looking looks find found show shown tell told told ask asked asking answer answers
    know knew known think thought say said says saying mean meant means make made makes making
    give gave given take took taken keep kept let lets seem seems seemed become became
    number numbers figure figures data stats statistics statistic percentage percent rate rates
    level levels share proportion total totals amount count counts counted
    case cases report reports reported reporting reporter reporters news newspaper article story
    victim victims officer officers cop cops copper coppers constable detectives detective
    police policing force forces crime crimes criminal offence offences offense offenses offender
    inspection inspections inspector inspectors inspectorate watchdog review reviewed audit audits
    audited sample samples check checked checking record records recorded recording recordings
    happen happened happening change changed changes improve improved improving improvement
    worst best rank ranked ranking rankings league table tables list lists compare comparison
    where what when who whom whose why how which that this then than them they were with have
    having has had been being does doing done did said should
    place places town towns city cities county counties area areas region regional local
    street road lane house home school church hospital station market park bridge
    money cancer council councils service services public private government minister
    water river hill hills green field fields wood woods stone stones rock lake sea beach
    morning evening night afternoon daily weekly monthly annual annually yearly
    hope hoping hoped help helps helped helping sale sales deal deals march reading
    bath wells street crook sandy leek mold diss bury hyde rugby stone barrow
    hate hated love loved like liked wanted needed need needs
    world country countries nation national nationally england english wales welsh britain
    british scotland scottish ireland irish london
    football club united city town rovers wanderers athletic albion county""".split()
)

# Words that, right after a place or force name, make it something other than the police.
NOT_POLICE_AFTER: Final[dict[str, str]] = {
    "fire": "a fire and rescue service",
    "fire and rescue": "a fire and rescue service",
    "fire service": "a fire and rescue service",
    "fire brigade": "a fire and rescue service",
    "ambulance": "an ambulance service",
    "nhs": "the NHS",
    "council": "a council",
    "county council": "a council",
    "city council": "a council",
    "borough council": "a council",
    "university": "a university",
    "airport": "an airport",
    "fc": "a football club",
    "football club": "a football club",
    "united": "a football club",
    "city fc": "a football club",
    "rovers": "a football club",
    "wanderers": "a football club",
    "athletic": "a football club",
    "albion": "a football club",
    "rugby club": "a rugby club",
    "cricket club": "a cricket club",
    "ccc": "a cricket club",
}
# Newspaper names are a place followed by one of these words ("the Yorkshire Post").
NEWSPAPER_AFTER: Final = frozenset(
    """post echo mail gazette chronicle telegraph herald mercury argus standard advertiser
    courier messenger journal live online""".split()
)
# "Hull City result", "Derby County fans": after a place and "city", "county" or "town", these
# words make it a football club.
FOOTBALL_AFTER: Final = frozenset(
    """result results score scores match matches game games fans fan manager fixture fixtures
    v vs won lost beat draw drew squad player players transfer transfers stadium""".split()
)
NEWSPAPER_BRIDGE: Final = frozenset({"evening", "daily", "weekly", "sunday"})
# Messages about these are not about police crime recording, wherever they are.
OFF_TOPIC_WORDS: Final = frozenset(
    """rain raining rainy weather sunny snow snowing windy forecast temperature storm storms
    football fixture fixtures goal goals fans transfer striker kickoff train trains bus buses
    traffic win won game shops open opening burglar burglars burglary burglaries catching
    catch caught solving solve solved arrest arrests arrested""".split()
)
