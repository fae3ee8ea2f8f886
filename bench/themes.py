"""The building blocks of a generated college programme: ten BBV-like programmes, each with goal
templates (label nl/en, indicators, SDGs), measure templates and the taakvelden its budget is booked on.

Taakvelden are given as (code in the Iv3 schemes 2023-2024, code from 2025): the social domain was
split in 2025 (6.71a -> 6.711, 6.72b -> 6.752, 6.2 -> 6.23, ...); elsewhere the code stayed.
Indicators: (label nl, label en, unit, BBV policy indicator number or None, baseline low, baseline
high, +1 when higher is better / -1 when lower is better, decimals).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorTemplate:
    label_nl: str
    label_en: str
    unit: str
    bbv: int | None
    low: float
    high: float
    better: int
    decimals: int = 1


@dataclass(frozen=True)
class GoalTemplate:
    label_nl: str
    label_en: str
    description: str
    indicators: tuple[IndicatorTemplate, ...]
    sdgs: tuple[int, ...]


@dataclass(frozen=True)
class Theme:
    key: str
    label_nl: str
    label_en: str
    portfolio_nl: str
    portfolio_en: str
    team_nl: str
    taakvelden: tuple[tuple[str, str], ...]
    goals: tuple[GoalTemplate, ...]
    measures: tuple[str, ...]


I = IndicatorTemplate
G = GoalTemplate

SATISFACTION = I("Tevredenheid van inwoners", "Residents' satisfaction", "rapportcijfer (1-10)", None, 6.2, 7.4, 1)
REACH = I("Bereikte inwoners", "Residents reached", "aantal per 1.000 inwoners", None, 8, 60, 1, 0)

THEMES: tuple[Theme, ...] = (
    Theme(
        "bestuur", "Bestuur en dienstverlening", "Governance and public services",
        "Burgemeester (Bestuur en Dienstverlening)", "Mayor (Governance and Public Services)", "Teamleider Dienstverlening",
        (("0.1", "0.1"), ("0.2", "0.2"), ("0.3", "0.3")),
        (
            G("Inwoners zijn tevreden over de dienstverlening", "Residents are satisfied with public services",
              "Inwoners worden snel en goed geholpen, aan de balie en digitaal.",
              (SATISFACTION, I("Aanvragen binnen de wettelijke termijn afgehandeld", "Applications handled within the legal term", "% van de aanvragen", None, 82, 93, 1)), (16,)),
            G("Inwoners denken mee over besluiten", "Residents take part in decisions",
              "Inwoners en ondernemers worden vroeg betrokken bij plannen in hun buurt.",
              (I("Inwoners die zich betrokken voelen bij de gemeente", "Residents who feel involved with the municipality", "% van de inwoners", None, 22, 38, 1),), (16, 11)),
            G("Een wendbare en betaalbare organisatie", "An agile and affordable organisation",
              "De ambtelijke organisatie blijft betaalbaar en kan de opgaven aan.",
              (I("Formatie", "Staff establishment", "fte per 1.000 inwoners", 1, 5.5, 9.5, -1, 2),
               I("Overhead", "Overhead", "% van de totale lasten", 5, 7.5, 12.5, -1),
               I("Externe inhuur", "External hiring", "% van de loonsom en inhuur", 4, 8, 22, -1)), (16,)),
            G("Digitale dienstverlening voor iedereen", "Digital services for everyone",
              "Producten zijn digitaal aan te vragen, met hulp voor wie dat nodig heeft.",
              (I("Producten die volledig digitaal aan te vragen zijn", "Products fully available online", "% van de producten", None, 45, 75, 1),), (9, 16)),
            G("Een financieel gezonde gemeente", "A financially sound municipality",
              "De begroting is structureel sluitend en de reserves blijven op peil.",
              (I("Apparaatskosten", "Operating costs", "euro per inwoner", 3, 620, 910, -1, 0),
               I("Solvabiliteitsratio", "Solvency ratio", "%", None, 18, 42, 1)), (16,)),
            G("Sterke samenwerking in de regio", "Strong regional cooperation",
              "Gemeenschappelijke regelingen zijn goed aangestuurd en de raad houdt grip.",
              (I("Gemeenschappelijke regelingen met een actuele verbonden-partijenparagraaf", "Joint arrangements with an up-to-date section", "% van de regelingen", None, 40, 80, 1),), (17,)),
        ),
        ("Klantcontactcentrum en omnichannel", "Digitale balie en DigiD-hulp", "Burgerpanel en participatiebeleid",
         "Wijkwethouders en wijkbudgetten", "Informatiebeveiliging en privacy", "Strategische personeelsplanning",
         "Traineeprogramma jonge ambtenaren", "Inkoop- en aanbestedingsbeleid", "Archief op orde",
         "Open data en Woo-verzoeken", "Regionale samenwerking en lobby", "Begrotingsbeheersing en spending review",
         "Leren van klachten", "Toegankelijke gemeentelijke communicatie"),
    ),
    Theme(
        "veiligheid", "Veiligheid", "Public safety",
        "Burgemeester (Openbare Orde en Veiligheid)", "Mayor (Public Order and Safety)", "Teamleider Openbare Orde en Veiligheid",
        (("1.1", "1.1"), ("1.2", "1.2")),
        (
            G("Minder woninginbraken", "Fewer burglaries", "Inwoners zijn veilig in hun eigen huis.",
              (I("Diefstallen uit woning", "Burglaries", "aantal per 1.000 inwoners", 10, 0.9, 3.4, -1),), (16, 11)),
            G("Minder geweld op straat en thuis", "Less violence on the street and at home", "Minder geweldsdelicten, ook huiselijk geweld.",
              (I("Geweldsmisdrijven", "Violent crimes", "aantal per 1.000 inwoners", 9, 2.5, 7.5, -1),
               I("Meldingen huiselijk geweld", "Reports of domestic violence", "aantal per 1.000 inwoners", None, 2.0, 6.0, -1)), (16, 5)),
            G("Minder jeugdcriminaliteit en overlast", "Less youth crime and nuisance", "Jongeren raken niet in de criminaliteit en hebben perspectief.",
              (I("Jongeren met een delict voor de rechter", "Young people with an offence before the court", "% van de 12- tot en met 21-jarigen", 22, 0.6, 2.1, -1),
               I("Verwijzingen Halt", "Referrals to Halt", "aantal per 1.000 jongeren van 12 tot en met 17 jaar", 6, 4, 16, -1),
               I("Harde kern jongeren", "Hard-core youth", "aantal per 10.000 inwoners van 12 tot 24 jaar", 7, 0.5, 3.5, -1)), (16,)),
            G("Een schone en heelgebleven openbare ruimte", "A clean and undamaged public space", "Minder vernielingen en zwerfafval.",
              (I("Vernielingen en beschadigingen in de openbare ruimte", "Vandalism in public space", "aantal per 1.000 inwoners", 11, 2.5, 8.5, -1),), (11,)),
            G("Ondermijning wordt aangepakt", "Organised crime is tackled", "Criminele netwerken krijgen geen voet aan de grond.",
              (I("Bibob-toetsen uitgevoerd", "Integrity screenings done", "aantal per jaar", None, 5, 40, 1, 0),), (16,)),
            G("Inwoners voelen zich veilig in hun buurt", "Residents feel safe in their neighbourhood", "Het veiligheidsgevoel neemt toe.",
              (I("Inwoners die zich weleens onveilig voelen in de buurt", "Residents who sometimes feel unsafe", "% van de inwoners", None, 12, 28, -1),), (16, 11)),
            G("Een goede voorbereiding op crises", "Good crisis preparedness", "Gemeente en veiligheidsregio zijn voorbereid op rampen en crises.",
              (I("Crisisfunctionarissen getraind", "Crisis staff trained", "% van de functionarissen", None, 55, 85, 1),), (11, 13)),
        ),
        ("Bijdrage Veiligheidsregio", "Buurtpreventie en buurtapps", "Inbraakpreventie en politiekeurmerk",
         "Aanpak huiselijk geweld (Veilig Thuis)", "Jongerenwerk en straathoekwerk", "Persoonsgerichte aanpak jeugdgroepen",
         "Halt-afdoeningen", "Cameratoezicht uitgaansgebied", "Boa's in de wijken", "Integrale aanpak ondermijning",
         "Bibob-team", "Weerbaar bestuur", "Crisisoefeningen", "Aanpak woonoverlast"),
    ),
    Theme(
        "mobiliteit", "Verkeer en mobiliteit", "Traffic and mobility",
        "Wethouder Mobiliteit en Openbare Ruimte", "Alderman for Mobility and Public Space", "Teamleider Openbare Ruimte en Mobiliteit",
        (("2.1", "2.1"), ("2.2", "2.2"), ("2.4", "2.4"), ("2.5", "2.5")),
        (
            G("Veiliger verkeer", "Safer traffic", "Minder verkeersslachtoffers, vooral onder fietsers en scholieren.",
              (I("Ziekenhuisopnames na een verkeersongeval met een fietser", "Hospital admissions after a cycling accident", "% van de inwoners", 13, 0.05, 0.25, -1, 2),
               I("Ziekenhuisopnames na een verkeersongeval met een motorvoertuig", "Hospital admissions after a motor vehicle accident", "% van de inwoners", 12, 0.03, 0.15, -1, 2)), (3, 11)),
            G("Meer fietsen op korte afstanden", "More cycling over short distances", "Inwoners kiezen voor korte ritten de fiets.",
              (I("Aandeel fiets in verplaatsingen tot 7,5 km", "Share of cycling in trips up to 7.5 km", "% van de verplaatsingen", None, 32, 52, 1),), (11, 3, 13)),
            G("Een goed bereikbare gemeente", "A well-connected municipality", "Wijken en werklocaties zijn goed bereikbaar, ook met het openbaar vervoer.",
              (I("Inwoners binnen 400 meter van een haltevoorziening", "Residents within 400 metres of a stop", "% van de inwoners", None, 70, 92, 1),), (11, 9)),
            G("Minder parkeerdruk in de wijken", "Less parking pressure in residential areas", "Parkeren is geregeld zonder dat straten dichtslibben.",
              (I("Parkeerdruk in de avond", "Evening parking occupancy", "% bezette plaatsen", None, 75, 98, -1),), (11,)),
            G("Een toegankelijke openbare ruimte", "An accessible public space", "Stoepen, oversteken en haltes zijn voor iedereen bruikbaar.",
              (I("Bushaltes die toegankelijk zijn", "Accessible bus stops", "% van de haltes", None, 45, 80, 1),), (10, 11)),
            G("Schone lucht langs de drukke wegen", "Clean air along busy roads", "De luchtkwaliteit voldoet aan de WHO-advieswaarden.",
              (I("Jaargemiddelde NO2-concentratie", "Annual mean NO2 concentration", "microgram per m3", None, 14, 28, -1),), (3, 11)),
        ),
        ("Snelfietsroute en fietsstraten", "Fietsparkeren bij stations", "Schoolzones en veilige schoolroutes",
         "Herinrichting gevaarlijke kruispunten", "Betaald parkeren en vergunningen", "Deelmobiliteit en hubs",
         "Laadpalen voor elektrische auto's", "Toegankelijke bushaltes", "Onderhoud wegen en bruggen",
         "Verkeerseducatie op basisscholen", "Mobiliteitsplan", "Zero-emissiezone stadslogistiek", "Buurtbus en doelgroepenvervoer"),
    ),
    Theme(
        "economie", "Economie", "Economy",
        "Wethouder Economie en Werklocaties", "Alderman for Economy and Business Parks", "Teamleider Economie",
        (("3.1", "3.1"), ("3.2", "3.2"), ("3.3", "3.3"), ("3.4", "3.4")),
        (
            G("Meer banen in de gemeente", "More jobs in the municipality", "De werkgelegenheid groeit, ook voor praktisch opgeleiden.",
              (I("Banen", "Jobs", "aantal per 1.000 inwoners van 15 tot en met 64 jaar", 21, 520, 880, 1, 0),), (8,)),
            G("Meer nieuwe bedrijven", "More new businesses", "Ondernemers vestigen zich hier en blijven.",
              (I("Vestigingen van bedrijven", "Business establishments", "aantal per 1.000 inwoners van 15 tot en met 64 jaar", 16, 110, 190, 1, 0),), (8, 9)),
            G("Een levendig centrum", "A lively town centre", "Het centrum trekt bezoekers; leegstand daalt.",
              (I("Winkelleegstand in het centrum", "Retail vacancy in the town centre", "% van het winkelvloeroppervlak", None, 5, 16, -1),
               I("Functiemenging", "Functional mix", "%", 14, 40, 62, 1)), (8, 11)),
            G("Meer bezoekers en toeristen", "More visitors and tourists", "Recreatie en toerisme dragen bij aan de lokale economie.",
              (I("Toeristische overnachtingen", "Tourist overnights", "aantal per inwoner per jaar", None, 0.5, 4.0, 1),), (8, 12)),
            G("Toekomstbestendige werklocaties", "Future-proof business parks", "Bedrijventerreinen zijn vitaal, veilig en duurzaam.",
              (I("Bedrijventerreinen met een parkmanagementorganisatie", "Business parks with park management", "% van de terreinen", None, 20, 60, 1),), (9, 8)),
            G("Een sterke regionale economie", "A strong regional economy", "De economie groeit in lijn met de regio.",
              (I("Bruto gemeentelijk product", "Gross municipal product", "index verwacht/gemeten", 15, 85, 120, 1, 0),), (8,)),
        ),
        ("Centrummanagement en gevelfonds", "Ondernemersloket", "Acquisitie en accountmanagement bedrijven",
         "Revitalisering bedrijventerrein", "Citymarketing en evenementen", "Weekmarkten", "Startersprogramma en broedplaats",
         "Transformatie leegstaande winkels", "Toeristische fietsroutes", "Regionaal economisch programma",
         "Glasvezel in het buitengebied", "Arbeidsmarktregio en onderwijs-bedrijfsleven", "Keurmerk Veilig Ondernemen"),
    ),
    Theme(
        "onderwijs", "Onderwijs", "Education",
        "Wethouder Onderwijs en Jeugd", "Alderman for Education and Youth", "Teamleider Onderwijs",
        (("4.2", "4.2"), ("4.3", "4.3")),
        (
            G("Jongeren halen een startkwalificatie", "Young people obtain a basic qualification", "Minder jongeren verlaten school zonder diploma.",
              (I("Voortijdige schoolverlaters zonder startkwalificatie", "Early school leavers without a basic qualification", "% deelnemers aan het vo en mbo", 19, 1.0, 2.8, -1),), (4,)),
            G("Minder schoolverzuim", "Less truancy", "Kinderen gaan naar school; verzuim wordt vroeg opgepakt.",
              (I("Absoluut verzuim", "Absolute truancy", "aantal per 1.000 leerlingen", 17, 0.5, 3.0, -1),
               I("Relatief verzuim", "Relative truancy", "aantal per 1.000 leerlingen", 18, 15, 40, -1, 0)), (4,)),
            G("Minder onderwijsachterstanden", "Fewer educational disadvantages", "Elk kind krijgt een goede start, met voor- en vroegschoolse educatie.",
              (I("Achterstandsleerlingen", "Pupils with a disadvantage", "% van de 4- tot en met 12-jarigen", 25, 4, 16, -1),
               I("Bereik voorschoolse educatie", "Reach of pre-school education", "% van de doelgroepkinderen", None, 65, 90, 1, 0)), (4, 10)),
            G("Gezonde en duurzame schoolgebouwen", "Healthy and sustainable school buildings", "Scholen hebben frisse lucht en een laag energieverbruik.",
              (I("Schoolgebouwen met frisse-scholenklasse B of hoger", "School buildings with fresh-air class B or higher", "% van de gebouwen", None, 25, 60, 1, 0),), (4, 7)),
            G("Minder laaggeletterdheid", "Less low literacy", "Volwassenen kunnen lezen, schrijven en digitaal meedoen.",
              (I("Deelnemers aan taaltrajecten", "Participants in language courses", "aantal per 10.000 inwoners", None, 8, 40, 1, 0),), (4, 10)),
            G("Een doorlopende leerlijn van kinderopvang tot werk", "A continuous learning path from childcare to work", "Onderwijs, opvang en werkgevers werken samen.",
              (I("Jongeren met een passende stage of leerbaan", "Young people with a suitable placement", "% van de mbo-studenten", None, 70, 92, 1, 0),), (4, 8)),
        ),
        ("Leerplicht en RMC-trajecten", "Voor- en vroegschoolse educatie", "Integraal huisvestingsplan onderwijs",
         "Nieuwbouw basisschool", "Leerlingenvervoer", "Schoolmaatschappelijk werk", "Taalhuis en bibliotheekcursussen",
         "Zomerscholen", "Brede talentontwikkeling", "Samenwerking onderwijs en jeugdhulp", "Ventilatie in schoolgebouwen",
         "Onderwijsachterstandenbeleid"),
    ),
    Theme(
        "sport", "Sport, cultuur en recreatie", "Sport, culture and recreation",
        "Wethouder Sport en Cultuur", "Alderman for Sport and Culture", "Teamleider Sport, Cultuur en Groen",
        (("5.1", "5.1"), ("5.2", "5.2"), ("5.3", "5.3"), ("5.5", "5.5"), ("5.6", "5.6"), ("5.7", "5.7")),
        (
            G("Meer inwoners sporten en bewegen", "More residents play sport and exercise", "Meer inwoners sporten wekelijks, ook ouderen en mensen met een kleine beurs.",
              (I("Niet-sporters", "Non-exercisers", "% van de inwoners van 19 jaar en ouder", 20, 42, 58, -1),), (3,)),
            G("Meer inwoners doen mee aan cultuur", "More residents take part in culture", "Cultuur is voor iedereen bereikbaar.",
              (I("Inwoners die een culturele activiteit bezochten", "Residents who attended a cultural activity", "% van de inwoners", None, 48, 72, 1),), (4, 11)),
            G("Een groene en speelse woonomgeving", "A green and playful living environment", "Meer groen en speelplekken dichtbij huis.",
              (I("Inwoners binnen 300 meter van een park", "Residents within 300 metres of a park", "% van de inwoners", None, 60, 90, 1, 0),), (11, 15)),
            G("Een bibliotheek die iedereen bereikt", "A library that reaches everyone", "De bibliotheek is een plek voor leren, lezen en ontmoeten.",
              (I("Leden van de bibliotheek", "Library members", "% van de inwoners", None, 14, 30, 1),), (4,)),
            G("Het erfgoed blijft behouden", "Heritage is preserved", "Monumenten zijn goed onderhouden en zichtbaar.",
              (I("Rijks- en gemeentelijke monumenten in goede staat", "Monuments in good condition", "% van de monumenten", None, 70, 92, 1, 0),), (11,)),
            G("Toegankelijke sportaccommodaties", "Accessible sports facilities", "Sportparken en zwembaden zijn bereikbaar en betaalbaar.",
              (I("Sportaccommodaties met een toegankelijkheidskeurmerk", "Sports facilities with an accessibility label", "% van de accommodaties", None, 20, 55, 1, 0),), (3, 10)),
        ),
        ("Buurtsportcoaches", "Renovatie sportpark", "Zwembad: onderhoud en exploitatie", "Jeugdsportfonds en Jeugdcultuurfonds",
         "Cultuureducatie op school", "Subsidie amateurkunst", "Bibliotheekvernieuwing", "Speeltuinen en beweegplekken",
         "Groenbeheer en stadsbomen", "Monumentensubsidie", "Evenementenbeleid", "Open club: sportverenigingen in de wijk",
         "Beweegprogramma ouderen", "Kunst in de openbare ruimte"),
    ),
    Theme(
        "zorg", "Zorg, welzijn en jeugd", "Care, wellbeing and youth",
        "Wethouder Zorg en Welzijn", "Alderman for Care and Wellbeing", "Teamleider Zorg en Jeugd",
        (("6.1", "6.1"), ("6.2", "6.23"), ("6.2", "6.22"), ("6.71a", "6.711"), ("6.71b", "6.712"), ("6.71c", "6.713"),
         ("6.72b", "6.752"), ("6.72a", "6.751"), ("6.73a", "6.761"), ("6.81a", "6.811"), ("6.82a", "6.821"), ("6.6", "6.60")),
        (
            G("Jongeren groeien gezond en veilig op", "Young people grow up healthy and safe", "Problemen worden vroeg en dichtbij opgelost.",
              (I("Jongeren met jeugdhulp", "Young people receiving youth care", "% van alle jongeren tot 18 jaar", 29, 9, 15, -1),
               I("Jongeren met jeugdbescherming", "Young people under a child protection order", "% van alle jongeren tot 18 jaar", 30, 0.6, 1.6, -1),
               I("Jongeren met jeugdreclassering", "Young people under juvenile probation", "% van de jongeren van 12 tot 23 jaar", 31, 0.2, 0.7, -1)), (3, 16)),
            G("Ouderen wonen langer zelfstandig", "Older people live independently for longer", "Ouderen houden regie over hun leven, met hulp dichtbij.",
              (I("Cliënten met een maatwerkarrangement Wmo", "Clients with a tailored Wmo arrangement", "aantal per 1.000 inwoners", 32, 45, 90, -1, 0),
               I("75-plussers dat zelfstandig woont", "People aged 75+ living independently", "% van de 75-plussers", None, 84, 93, 1)), (3, 10)),
            G("Minder eenzaamheid", "Less loneliness", "Inwoners hebben mensen om zich heen op wie ze kunnen terugvallen.",
              (I("Volwassenen die zich ernstig eenzaam voelen", "Adults who feel severely lonely", "% van de volwassenen", None, 9, 16, -1),), (3, 10)),
            G("Mantelzorgers houden het vol", "Informal carers can keep going", "Mantelzorgers worden ondersteund en ontlast.",
              (I("Mantelzorgers die zich zwaar belast voelen", "Carers who feel heavily burdened", "% van de mantelzorgers", None, 10, 20, -1),), (3, 5)),
            G("Goede ondersteuning uit de Wmo", "Good support under the Social Support Act", "Wie ondersteuning krijgt, ervaart dat die het leven beter maakt.",
              (I("Wmo-cliënten die zeggen dat de ondersteuning hun kwaliteit van leven verbetert", "Clients who say support improves their quality of life", "% van de cliënten", None, 72, 86, 1),), (3, 10)),
            G("Een veilige plek voor wie dakloos is", "A safe place for the homeless", "Beschermd wonen en opvang zijn beschikbaar en leiden naar een eigen plek.",
              (I("Uitstroom uit beschermd wonen naar zelfstandig wonen", "Outflow from sheltered to independent housing", "% van de cliënten per jaar", None, 10, 30, 1, 0),), (1, 11)),
            G("Een gezonde leefstijl voor kinderen", "A healthy lifestyle for children", "Minder kinderen met overgewicht.",
              (I("Kinderen met overgewicht", "Overweight children", "% van de kinderen van 4 tot 12 jaar", None, 10, 17, -1),), (3,)),
        ),
        ("Sociaal wijkteam", "Huishoudelijke hulp (Wmo)", "Begeleiding en dagbesteding (Wmo)", "Mantelzorgondersteuning en respijtzorg",
         "Ambulante jeugdhulp (regionale inkoop)", "Praktijkondersteuner jeugd bij de huisarts", "Pleegzorg en gezinshuizen",
         "Beschermd wonen en opvang", "Jeugdbescherming en jeugdreclassering", "Welzijnswerk en ontmoetingsplekken",
         "Aanpak eenzaamheid", "Hulpmiddelen en woningaanpassingen", "Gezonde jeugd, gezonde toekomst", "Vrijwilligerscentrale",
         "Preventie in het sociaal domein"),
    ),
    Theme(
        "werk", "Werk en inkomen", "Work and income",
        "Wethouder Werk en Inkomen", "Alderman for Work and Income", "Teamleider Werk en Inkomen",
        (("6.3", "6.3"), ("6.4", "6.4"), ("6.5", "6.5")),
        (
            G("Meer inwoners aan het werk", "More residents in work", "Minder inwoners zijn afhankelijk van een uitkering.",
              (I("Personen met een bijstandsuitkering", "People receiving social assistance", "aantal per 10.000 inwoners van 18 jaar en ouder", 27, 180, 520, -1, 0),
               I("Netto arbeidsparticipatie", "Net labour participation", "% van de beroepsbevolking", 24, 62, 72, 1)), (1, 8)),
            G("Minder kinderen groeien op in armoede", "Fewer children grow up in poverty", "Gezinnen met een laag inkomen krijgen steun; kinderen doen mee.",
              (I("Kinderen in een uitkeringsgezin", "Children in a benefit household", "% van de kinderen tot 18 jaar", 23, 3, 10, -1),), (1, 10)),
            G("Jongeren hebben werk of volgen een opleiding", "Young people work or study", "Geen jongere valt tussen wal en schip.",
              (I("Werkloze jongeren", "Unemployed young people", "% van de 16- tot en met 22-jarigen", 26, 0.8, 2.6, -1),), (8, 4)),
            G("Minder inwoners met problematische schulden", "Fewer residents with problem debt", "Schulden worden vroeg gesignaleerd en opgelost.",
              (I("Huishoudens met problematische schulden", "Households with problem debt", "% van de huishoudens", None, 4, 11, -1),), (1,)),
            G("Iedereen doet mee naar vermogen", "Everyone takes part to the best of their ability", "Wie niet kan werken, heeft een zinvolle dagbesteding.",
              (I("Lopende re-integratievoorzieningen", "Ongoing reintegration provisions", "aantal per 10.000 inwoners van 15 tot 64 jaar", 28, 150, 420, 1, 0),), (8, 10)),
            G("Inwoners zijn bestaanszeker", "Residents have a secure livelihood", "Inwoners kunnen rondkomen en weten hun regelingen te vinden.",
              (I("Gebruik van de minimaregelingen door de doelgroep", "Take-up of low-income schemes", "% van de doelgroep", None, 45, 70, 1, 0),), (1, 10)),
        ),
        ("Werkfit-trajecten en loonkostensubsidie", "Werkgeversdienstverlening", "Beschut werk en Wsw", "Vroegsignalering schulden",
         "Schuldhulpverlening", "Kindpakket en meedoenregeling", "Jongerenloket werk en school", "Taaleis en inburgering",
         "Bijzondere bijstand", "Energietoeslag en fixteams", "Participatiebanen", "Leerwerktrajecten in de zorg"),
    ),
    Theme(
        "duurzaamheid", "Duurzaamheid en milieu", "Sustainability and environment",
        "Wethouder Duurzaamheid en Klimaat", "Alderman for Sustainability and Climate", "Teamleider Duurzaamheid en Milieu",
        (("7.1", "7.1"), ("7.2", "7.2"), ("7.3", "7.3"), ("7.4", "7.4")),
        (
            G("Minder restafval", "Less residual waste", "Inwoners scheiden hun afval beter.",
              (I("Omvang huishoudelijk restafval", "Household residual waste", "kg per inwoner", 33, 95, 240, -1, 0),), (12,)),
            G("Meer duurzaam opgewekte energie", "More renewable energy", "Meer elektriciteit wordt lokaal duurzaam opgewekt.",
              (I("Hernieuwbare elektriciteit", "Renewable electricity", "% van het elektriciteitsverbruik", 34, 6, 28, 1),), (7, 13)),
            G("Minder CO2-uitstoot van de gebouwde omgeving", "Lower CO2 emissions of the built environment", "Woningen en gebouwen worden geïsoleerd en gaan van het gas af.",
              (I("CO2-uitstoot gebouwde omgeving", "CO2 emissions of the built environment", "kiloton CO2", None, 20, 400, -1, 0),
               I("Woningen met energielabel E, F of G", "Homes with energy label E, F or G", "% van de woningen", None, 18, 40, -1)), (7, 11, 13)),
            G("De gemeente is klimaatbestendig", "The municipality is climate-resilient", "Wateroverlast en hittestress worden voorkomen.",
              (I("Verharde tuinen en pleinen omgezet naar groen", "Paved area converted to green", "m2 per 1.000 inwoners", None, 5, 60, 1, 0),), (13, 11)),
            G("Gezonde inwoners in een gezonde omgeving", "Healthy residents in a healthy environment", "Een gezonde leefstijl en een schone leefomgeving.",
              (I("Inwoners met een goede ervaren gezondheid", "Residents in good self-rated health", "% van de inwoners", None, 72, 84, 1),), (3,)),
            G("Een goed werkend riool", "A well-functioning sewer system", "Het rioolstelsel voert regenwater en afvalwater betrouwbaar af.",
              (I("Meldingen van wateroverlast", "Reports of flooding", "aantal per 10.000 inwoners", None, 2, 12, -1),), (6,)),
        ),
        ("Omgekeerd inzamelen en diftar", "Kringloopplein en repaircafés", "Zonnedaken op gemeentelijk vastgoed", "Zonnepark",
         "Energieloket en energiecoaches", "Wijkaanpak isolatie", "Transitievisie warmte en wijkuitvoeringsplannen",
         "Klimaatadaptatie: groene schoolpleinen", "Vervanging riolering", "Tegelwippen en geveltuinen", "Lokaal gezondheidsbeleid (GGD)",
         "Energiearmoede: fixbrigade", "Duurzaam inkopen"),
    ),
    Theme(
        "wonen", "Wonen en ruimte", "Housing and spatial planning",
        "Wethouder Wonen en Ruimtelijke Ordening", "Alderman for Housing and Spatial Planning", "Teamleider Wonen en Gebiedsontwikkeling",
        (("8.1", "8.1"), ("8.2", "8.2"), ("8.3", "8.3")),
        (
            G("Meer woningen bouwen", "Build more homes", "Het tempo van de woningbouw gaat omhoog, een derde sociale huur.",
              (I("Nieuw gebouwde woningen", "Newly built homes", "aantal per 1.000 woningen", 36, 3, 14, 1),), (11,)),
            G("Kortere zoektijd voor een sociale huurwoning", "Shorter search time for social rented housing", "Woningzoekenden vinden sneller een woning.",
              (I("Gemiddelde zoektijd sociale huurwoning", "Average search time for social rented housing", "jaren", None, 4, 10, -1),), (11, 1)),
            G("Betaalbaar wonen", "Affordable housing", "De woonlasten blijven betaalbaar.",
              (I("Gemeentelijke woonlasten eenpersoonshuishouden", "Municipal housing charges, one-person household", "euro", 38, 600, 950, -1, 0),
               I("Gemeentelijke woonlasten meerpersoonshuishouden", "Municipal housing charges, multi-person household", "euro", 39, 750, 1250, -1, 0),
               I("Gemiddelde WOZ-waarde", "Average property value", "duizend euro", 35, 240, 520, -1, 0)), (11, 1)),
            G("Passende woningen voor ouderen", "Suitable homes for older people", "Meer levensloopbestendige woningen en doorstroming.",
              (I("Levensloopbestendige woningen", "Life-course proof homes", "% van de woningvoorraad", None, 12, 30, 1),
               I("Demografische druk", "Demographic pressure", "%", 37, 62, 88, -1)), (11, 3)),
            G("Vitale kernen en wijken", "Vital villages and neighbourhoods", "Wijken blijven leefbaar, met voorzieningen dichtbij.",
              (I("Inwoners die hun buurt een goede plek vinden om te wonen", "Residents who rate their neighbourhood as a good place to live", "rapportcijfer (1-10)", None, 6.8, 7.9, 1),), (11,)),
            G("Snellere ruimtelijke procedures", "Faster spatial planning procedures", "Vergunningen onder de Omgevingswet zijn snel en voorspelbaar.",
              (I("Omgevingsvergunningen binnen de termijn", "Environmental permits within the term", "% van de vergunningen", None, 78, 95, 1, 0),), (11, 16)),
        ),
        ("Bouwversnellingsteam", "Gebiedsontwikkeling", "Prestatieafspraken met de woningcorporatie", "Doorstroomregeling senioren",
         "Tijdelijke woningen voor starters", "Woonzorgzone", "Startersleningen", "Omgevingsplan en Omgevingswet",
         "Aanpak onrechtmatige bewoning", "Transformatie kantoren naar woningen", "Flexwonen voor spoedzoekers",
         "Wijkvernieuwing", "Grondexploitatie bedrijventerrein"),
    ),
)

DISTRICTS = ("Noord", "Zuid", "Oost", "West", "Centrum", "het buitengebied", "de kernen", "de oude wijken", "de nieuwbouwwijken")

TRENDS = (
    ("Woningtekort loopt op", "Housing shortage is growing", ("wonen",)),
    ("Vergrijzing", "Ageing population", ("zorg", "wonen")),
    ("Energietransitie komt traag op gang", "Energy transition is slow to start", ("duurzaamheid",)),
    ("Meer jongeren in de jeugdhulp", "More young people in youth care", ("zorg", "veiligheid")),
    ("Bijstand en armoede blijven hoog", "Social assistance and poverty remain high", ("werk",)),
    ("Minder sport en beweging", "Less sport and exercise", ("sport", "zorg")),
    ("Leegstand in het centrum", "Vacancy in the town centre", ("economie",)),
    ("Krapte op de arbeidsmarkt", "Tight labour market", ("economie", "werk")),
    ("Meer ondermijnende criminaliteit", "More organised crime", ("veiligheid",)),
    ("Drukte op de wegen", "Congestion on the roads", ("mobiliteit",)),
    ("Laaggeletterdheid", "Low literacy", ("onderwijs", "werk")),
    ("Hittestress en wateroverlast", "Heat stress and flooding", ("duurzaamheid",)),
)

CHALLENGES = {
    "wonen": ("Betaalbaar wonen voor iedereen", "Affordable housing for everyone"),
    "duurzaamheid": ("Klimaatneutraal en circulair", "Climate-neutral and circular"),
    "zorg": ("Gezond opgroeien en zelfstandig oud worden", "Growing up healthy and ageing independently"),
    "werk": ("Iedereen doet mee", "Everyone takes part"),
    "economie": ("Een vitale economie", "A vital economy"),
    "veiligheid": ("Veilige wijken", "Safe neighbourhoods"),
    "mobiliteit": ("Bereikbaar en verkeersveilig", "Accessible and road-safe"),
    "onderwijs": ("Kansengelijkheid in het onderwijs", "Equal opportunities in education"),
    "sport": ("Een actieve en creatieve samenleving", "An active and creative society"),
    "bestuur": ("Een betrouwbare overheid dichtbij", "A reliable government close to residents"),
}

PARTNERS = (
    ("Woningcorporatie", "wonen"), ("GGD", "zorg"), ("Sportvereniging", "sport"), ("Stichting Welzijn", "zorg"),
    ("Schoolbestuur", "onderwijs"), ("Energiecoöperatie", "duurzaamheid"), ("Ondernemersvereniging", "economie"),
    ("Bewonersinitiatief", "veiligheid"), ("Bibliotheek", "sport"), ("Werkbedrijf", "werk"), ("Voedselbank", "werk"),
    ("Fietsersbond afdeling", "mobiliteit"),
)

FIRST_NAMES = ("Sanne", "Ahmed", "Marieke", "Pieter", "Johanna", "Fatima", "Jeroen", "Annemiek", "Mohamed", "Esther",
               "Bram", "Linda", "Yusuf", "Ingrid", "Kees", "Naima", "Ruud", "Petra", "Hatice", "Willem", "Sophie", "Daan")
LAST_NAMES = ("de Vries", "El Amrani", "Jansen", "van der Linden", "Visser", "Bakker", "Yilmaz", "de Boer", "Mulder",
              "Smit", "Meijer", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Kaya", "Dekker", "Brouwer")
