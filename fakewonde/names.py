"""Pools of names and census codes the generator draws from.

Names are grouped by heritage so that a pupil's name, ethnicity and first language hang together,
which is what makes a fake roll look like a real English school rather than a random word list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Heritage:
    boys: tuple[str, ...]
    girls: tuple[str, ...]
    surnames: tuple[str, ...]


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


HERITAGES: dict[str, Heritage] = {
    "british": Heritage(
        _words(
            "Oliver George Harry Jack Jacob Noah Charlie Thomas Oscar William James Leo Alfie "
            "Henry Joshua Freddie Archie Ethan Isaac Alexander Joseph Edward Samuel Max Daniel "
            "Arthur Lucas Mason Logan Theo Harrison Dylan Riley Finley Lewis Callum Ryan Reuben "
            "Tommy Louie Jenson Toby Elliot Rory"
        ),
        _words(
            "Olivia Amelia Isla Ava Emily Isabella Mia Poppy Ella Lily Sophia Grace Evie Freya "
            "Charlotte Daisy Chloe Phoebe Ruby Holly Jessica Millie Sienna Matilda Evelyn "
            "Florence Erin Maisie Scarlett Lola Imogen Ellie Megan Eleanor Harriet Rosie Esme"
        ),
        _words(
            "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts "
            "Robinson Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke "
            "Jackson Wood Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker "
            "Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young "
            "Griffiths Mitchell Cook Carter Richardson Bailey Collins Bell Shaw Miller Cox "
            "Richards Marshall Anderson Simpson Ellis Adams Wilkinson Foster Chapman Powell Webb "
            "Rogers Gray Mason Hunt Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler "
            "Russell Barker Fisher Stevens Jenkins Dixon Fletcher Howard Smith-Jones "
            "Ashworth-Hall Lloyd-Davies Baxter-Reid Fox-Taylor Pryce-Evans"
        ),
    ),
    "irish": Heritage(
        _words("Sean Cian Oisín Padraig Conor Declan Eoin Ronan Fionn Darragh Cillian"),
        _words("Aoife Siobhan Ciara Niamh Saoirse Caoimhe Róisín Orla Sinead Clodagh"),
        _words(
            "O'Brien O'Connor O'Neill Murphy Kelly O'Sullivan Walsh Byrne Ryan McCarthy Doyle "
            "Gallagher O'Reilly McLaughlin Kavanagh D'Arcy O'Donnell Quinn"
        ),
    ),
    "east_european": Heritage(
        _words("Jakub Kacper Filip Szymon Mateusz Lukas Andrei Mihai Matas Dawid Oliwer Nikola"),
        _words("Zuzanna Julia Maja Hanna Lena Wiktoria Ioana Elena Gabija Natalia Alicja Emilia"),
        _words(
            "Nowak Kowalczyk Lewandowski Wiśniewski Popescu Ionescu Kazlauskas Petrov Horvath "
            "Dumitru Zielinski Mazur Jankauskas Novak"
        ),
    ),
    "pakistani": Heritage(
        _words("Muhammad Ibrahim Yusuf Ayaan Zayn Hamza Bilal Hassan Rayyan Umar Adam Ali"),
        _words("Aisha Maryam Fatima Zainab Hafsa Amina Inaya Hania Eesha Sana Iqra Alisha"),
        _words("Khan Hussain Ahmed Ali Iqbal Akhtar Mahmood Rashid Shah Butt Malik Raza Mirza"),
    ),
    "bangladeshi": Heritage(
        _words("Rahim Tahmid Arif Mahir Ayan Rayan Nabil Sami Imran Tanvir"),
        _words("Nusrat Tasnim Sadia Anika Farzana Ruksana Jannat Afia Humaira"),
        _words("Rahman Islam Uddin Miah Hoque Choudhury Alam Ahmed Chowdhury Karim"),
    ),
    "indian": Heritage(
        _words("Arjun Aarav Rohan Dev Krish Vihaan Ishaan Sai Harjit Kiran Arav Veer"),
        _words("Priya Anaya Diya Simran Aanya Riya Jaspreet Kavya Meera Navya Ishani Tara"),
        _words(
            "Patel Singh Sharma Gill Mistry Kumar Sandhu Chauhan Joshi Nair Reddy Bains Dhillon"
        ),
    ),
    "african": Heritage(
        _words("Kwame Chidi Tobi Emmanuel David Samuel Abdi Mohamed Tendai Kofi Olu Femi Ayo"),
        _words("Amara Chioma Adaeze Blessing Favour Nia Hodan Zainab Esther Temi Ife Amina"),
        _words(
            "Okafor Adeyemi Mensah Osei Okonkwo Abdi Hassan Mohamed Adebayo Nwosu Boateng "
            "Ogunleye Eze Diallo Asante Farah"
        ),
    ),
    "caribbean": Heritage(
        _words("Tyrone Jaden Marcus Jerome Malachi Kai Andre Darnell Isaiah Elijah Nathaniel"),
        _words("Aaliyah Shanice Tiana Jada Kiara Naomi Nia Imani Kayla Aliyah"),
        _words(
            "Campbell Brown Williams Francis Clarke Grant Reid Bailey Henry Stewart Gordon Beckford"
        ),
    ),
    "chinese": Heritage(
        _words("Wei Jun Hao Ethan Ryan Jason Kai Yi Chen"),
        _words("Mei Lin Xin Chloe Grace Yan Jia Hui Ying"),
        _words("Wang Li Zhang Chen Liu Wong Chan Lam Cheung Ng Yang Ho"),
    ),
    "middle_eastern": Heritage(
        _words("Omar Ahmad Yusuf Khalid Emre Mert Ali Karim Tariq Kerem Sami"),
        _words("Layla Noor Yasmin Mariam Elif Zeynep Hana Leila Rania Defne"),
        _words(
            "Al-Sayed Haddad Mansour Yilmaz Demir Kaya El-Amin Nasser Abdullah Aziz Celik Ozturk"
        ),
    ),
}


@dataclass(frozen=True)
class Ethnicity:
    code: str
    weight: float  # roughly the share of England's pupils, in per cent
    heritages: tuple[str, ...]
    eal_share: float  # how many such pupils have a first language other than English
    languages: tuple[str, ...]


ETHNICITIES: tuple[Ethnicity, ...] = (
    Ethnicity("WBRI", 62.0, ("british",), 0.005, ("WEL",)),
    Ethnicity("WIRI", 0.6, ("irish",), 0.0, ()),
    Ethnicity("WOTH", 7.0, ("east_european",), 0.7, ("POL", "LIT", "POR", "RUS")),
    Ethnicity("MWBC", 1.6, ("british", "caribbean"), 0.0, ()),
    Ethnicity("MWBA", 0.9, ("british", "african"), 0.1, ("YOR", "SOM")),
    Ethnicity("MWAS", 1.5, ("british", "indian"), 0.05, ("PNJ",)),
    Ethnicity("MOTH", 2.2, ("british", "caribbean", "middle_eastern"), 0.1, ("ARA", "SPA")),
    Ethnicity("AIND", 3.6, ("indian",), 0.6, ("GUJ", "PNJ", "TAM")),
    Ethnicity("APKN", 4.6, ("pakistani",), 0.7, ("URD", "PNJ")),
    Ethnicity("ABAN", 2.0, ("bangladeshi",), 0.75, ("BNG",)),
    Ethnicity("AOTH", 2.0, ("indian", "pakistani"), 0.6, ("TAM", "URD")),
    Ethnicity("BAFR", 4.0, ("african",), 0.6, ("SOM", "YOR", "ARA", "FRN")),
    Ethnicity("BCRB", 1.0, ("caribbean",), 0.0, ()),
    Ethnicity("BOTH", 0.5, ("african", "caribbean"), 0.2, ("FRN", "POR")),
    Ethnicity("CHNE", 0.6, ("chinese",), 0.6, ("CHI",)),
    Ethnicity("OOTH", 2.4, ("middle_eastern",), 0.7, ("ARA", "TUR")),
    Ethnicity("REFU", 1.0, ("british",), 0.05, ("POL",)),
    Ethnicity("NOBT", 0.5, ("british",), 0.0, ()),
)

EAL_STATUSES = (
    "New to English",
    "Early Acquisition",
    "Developing Competence",
    "Competent",
    "Fluent",
)

# Preferred name -> legal name, for the few pupils whose MIS record carries both.
NICKNAMES: dict[str, str] = {
    "Alfie": "Alfred",
    "Charlie": "Charles",
    "Freddie": "Frederick",
    "Theo": "Theodore",
    "Tommy": "Thomas",
    "Max": "Maximilian",
    "Ellie": "Eleanor",
    "Millie": "Amelia",
    "Rosie": "Rosalind",
    "Evie": "Evelyn",
    "Lola": "Dolores",
    "Maisie": "Margaret",
}

MIDDLE_NAMES = _words(
    "James John William Thomas Edward Alexander Michael David Rose Grace Louise Elizabeth Mae "
    "Marie Anne Jane Hope Ali Kaur Singh Jan Maria"
)

PARENT_BOYS = _words(
    "Mark Paul David Andrew Richard Stephen Daniel Christopher Matthew James Lee Craig Gareth "
    "Simon Darren Jason Neil Carl Wayne Stuart"
)
PARENT_GIRLS = _words(
    "Sarah Emma Claire Laura Rebecca Kelly Gemma Nicola Lisa Rachel Joanne Helen Louise Victoria "
    "Jennifer Samantha Zoe Amy Kirsty Leanne"
)
GRANDPARENT_BOYS = _words("John Peter Michael Keith Brian Alan Graham Roger Colin Trevor")
GRANDPARENT_GIRLS = _words("Susan Margaret Linda Patricia Janet Carol Christine Pauline Sandra")

# Reserved for documentation and fiction, so the fake never mails or rings a real person.
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.co.uk")
MOBILE_PREFIX = "07700 900"
LANDLINE_PREFIX = "01632 960"

STREETS = _words(
    "Church Station Victoria Park Mill Queens Kings Oak Elm Manor Chapel School Orchard Meadow "
    "Grange Beech Willow Riverside Highfield"
)
STREET_KINDS = ("Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent")

SEN_NEEDS: dict[str, str] = {
    "SPLD": "Specific Learning Difficulty",
    "MLD": "Moderate Learning Difficulty",
    "SLD": "Severe Learning Difficulty",
    "PMLD": "Profound & Multiple Learning Difficulty",
    "SEMH": "Social, Emotional and Mental Health",
    "SLCN": "Speech, Language and Communication Needs",
    "HI": "Hearing Impairment",
    "VI": "Visual Impairment",
    "MSI": "Multi-Sensory Impairment",
    "PD": "Physical Disability",
    "ASD": "Autistic Spectrum Disorder",
    "OTH": "Other Difficulty/Disability",
    "NSA": "SEN support but no specialist assessment of type of need",
}

# Needs weighted as they are commonly seen: support-level needs differ from those behind a plan.
SUPPORT_NEEDS = (
    ("SLCN", 24),
    ("SEMH", 20),
    ("MLD", 17),
    ("SPLD", 14),
    ("ASD", 9),
    ("OTH", 4),
    ("NSA", 4),
    ("PD", 3),
    ("HI", 2),
    ("VI", 1),
    ("SLD", 1),
    ("MSI", 1),
)
PLAN_NEEDS = (
    ("ASD", 32),
    ("SLCN", 20),
    ("SEMH", 14),
    ("SLD", 9),
    ("MLD", 6),
    ("PD", 6),
    ("PMLD", 4),
    ("HI", 3),
    ("SPLD", 3),
    ("VI", 1),
    ("MSI", 1),
    ("OTH", 1),
)

SEN_TEXT = {
    "K": "SEN Support",
    "E": "Education, Health and Care Plan",
    "N": "No Special Educational Need",
}

HOUSES = (("BRU", "Brunel"), ("CUR", "Curie"), ("DAR", "Darwin"), ("NIG", "Nightingale"))

SECONDARY_LETTERS = "ABCDEFGHJKLM"
PRIMARY_FORMS = (
    ("B", "Beech"),
    ("W", "Willow"),
    ("O", "Oak"),
    ("H", "Hazel"),
    ("R", "Rowan"),
    ("M", "Maple"),
)

# Secondary subjects: (code, name). Key stage 3 takes them all; key stage 4 the core plus options.
SUBJECTS = (
    ("Ma", "Mathematics"),
    ("En", "English"),
    ("Sc", "Science"),
    ("Hi", "History"),
    ("Gg", "Geography"),
    ("Fr", "French"),
    ("Sp", "Spanish"),
    ("Ar", "Art"),
    ("Mu", "Music"),
    ("Pe", "Physical Education"),
    ("Re", "Religious Studies"),
    ("Cp", "Computing"),
    ("Dt", "Design and Technology"),
    ("Dr", "Drama"),
)
KS3_SUBJECTS = ("Ma", "En", "Sc", "Hi", "Gg", "Fr", "Ar", "Mu", "Pe", "Re", "Cp", "Dt")
KS4_CORE = ("Ma", "En", "Sc", "Pe", "Re")
KS4_OPTIONS = ("Hi", "Gg", "Fr", "Sp", "Ar", "Mu", "Cp", "Dt", "Dr")

SCHOOL_NAMES = _words(
    "Oakfield Ashcombe Brookside Castlemere Fairview Hollybank Kingsmead Larchwood Millbrook "
    "Northgate Parkside Ravenscroft Stanway Thornbury Westfield Whitecross"
)
TOWNS = _words("Ambridge Lymford Casterbridge Melchester Kingsbridge Wexcombe Redbury Hartsford")
