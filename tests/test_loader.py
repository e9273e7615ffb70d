"""The loader and validator on good and bad files: one input and its expected message each."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Site
from praktijkboek import cli
from praktijkboek.core.knowledge.load import load
from praktijkboek.core.pages.plan import plan
from praktijkboek.core.pages.sitecheck import site_problems
from praktijkboek.core.reading import yamlfile
from praktijkboek.core.reading.kinds import KINDS
from praktijkboek.core.reading.loader import Layout
from praktijkboek.core.reading.problems import ContentError, Problem
from praktijkboek.core.reading.validation import validate_all

SESSION = "networks/buurtpunt/sessions/bijeenkomst-1.yml"


def _truncated_jpeg() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((400, 300), 60).convert("RGB").save(out, "JPEG")
    return out.getvalue()[: out.tell() // 2]


TRUNCATED_JPEG = _truncated_jpeg()
CASE = "content/cases/repair-cafe.yml"

# (name, file, content, expected "path:line: message" fragment)
BAD_FILES = [
    (
        "a picture's address without slashes",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\n---\n![x](http:evil.example/a.png)\n",
        "content/cases/dorv.md:4: veld 'description': deze afbeelding (of video) komt van buiten het boek",
    ),
    (
        "a picture's address with a backslash",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\n---\n![y](/\\evil.example/b.png)\n",
        "content/cases/dorv.md:4: veld 'description': deze afbeelding (of video) komt van buiten het boek",
    ),
    (
        "a web page in the media folder",
        "content/media/evil.html",
        "<script>alert(1)</script>",
        "content/media/evil.html:1: een bestand met de extensie '.html' komt niet in het boek",
    ),
    (
        "a drawing that can hold a script",
        "content/media/logo.svg",
        "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        "content/media/logo.svg:1: een bestand met de extensie '.svg' komt niet in het boek",
    ),
    (
        "a media file name that is no address",
        "content/media/verslag #1.pdf",
        b"%PDF-1.4\n",
        "content/media/verslag #1.pdf:1: deze bestandsnaam kan geen webadres worden",
    ),
    ("a photo cut off halfway", "content/media/half.jpg", TRUNCATED_JPEG, "content/media/half.jpg:1: dit is geen afbeelding die het boek kan tonen"),
    ("yaml syntax", CASE, "title: Repair Café\nplace: [Leuven\n", f"{CASE}:2: een aanhalingsteken of haakje wordt niet afgesloten"),
    # An unclosed quote or bracket is told at the line where it opens, not where the reader gave up.
    ("an unclosed single quote", CASE, "title: 'Repair\nsummary: x\nkind: y\n", f"{CASE}:1: een aanhalingsteken of haakje wordt niet afgesloten"),
    ("an unclosed double quote", SESSION, 'title: Sessie\nsummary: "Een\nplace: Leuven\n', f"{SESSION}:2: een aanhalingsteken of haakje wordt niet afgesloten"),
    ("an unclosed brace", CASE, "title: x\nplace: {municipality: Halle\nsummary: y\n", f"{CASE}:2: een aanhalingsteken of haakje wordt niet afgesloten"),
    (
        "an unclosed bracket before more fields",
        SESSION,
        "title: S\ncases: [repair-cafe, dorv\nplace: Leuven\n",
        f"{SESSION}:2: een aanhalingsteken of haakje wordt niet afgesloten",
    ),
    (
        "an unclosed quote in front matter",
        "content/cases/dorv.md",
        "---\ntitle: 'Dorv\n---\nTekst.\n",
        "content/cases/dorv.md:2: een aanhalingsteken of haakje wordt niet afgesloten",
    ),
    ("colon in text", CASE, "title: Tafel 1: dialoog\n", f"{CASE}:1: dubbele punt op een onverwachte plaats"),
    ("tab indentation", CASE, "title: Repair Café\nplace:\n\tmunicipality: Leuven\n", f"{CASE}:3: tab gebruikt om in te springen"),
    ("duplicate key", CASE, "title: Repair Café\ntitle: Repair Café 2\n", f"{CASE}:2: veld 'title': staat twee keer in dit bestand (eerst op regel 1)"),
    ("anchor", CASE, "title: &t Repair Café\nsummary: *t\n", f"{CASE}:1: anker '&t' (YAML-anker) is niet toegestaan"),
    ("alias only", CASE, "title: Repair Café\nsummary: *t\n", f"{CASE}:2: verwijzing '*t' (YAML-alias) is niet toegestaan"),
    ("custom tag", CASE, "title: !!python/object:os.system Repair\n", f"{CASE}:1: YAML-tag 'tag:yaml.org,2002:python/object:os.system' is niet toegestaan"),
    ("unknown field", CASE, "title: Repair Café\ntitel: oeps\n", f"{CASE}:2: veld 'titel': onbekend veld 'titel'\n    Bedoel je 'title'?"),
    ("dutch field name", SESSION, "title: Sessie\ndatum: 2019-06-06\n", f"{SESSION}:2: veld 'datum': onbekend veld 'datum'\n    Bedoel je 'date'?"),
    ("missing required", CASE, "summary: Zonder titel.\n", f"{CASE}:1: veld 'title': verplicht veld ontbreekt\n    Voorbeeld: title: Repair Café"),
    ("empty required", CASE, "title:\n", f"{CASE}:1: veld 'title': is leeg, maar moet ingevuld zijn"),
    ("impossible date", SESSION, "title: Sessie\ndate: 2019-13-45\n", f"{SESSION}:2: veld 'date': '2019-13-45' is geen geldige datum"),
    ("february 30", SESSION, "title: Sessie\ndate: 2019-02-30\n", f"{SESSION}:2: veld 'date': '2019-02-30' is geen geldige datum"),
    (
        "dutch date order",
        SESSION,
        "title: Sessie\ndate: 06-06-2019\n",
        f"{SESSION}:2: veld 'date': '06-06-2019' is geen geldige datum\n    Schrijf een bestaande datum als JJJJ-MM-DD.",
    ),
    ("bad time", SESSION, "title: Sessie\ndate: 2019-06-06\nstart_time: 25:00\n", f"{SESSION}:3: veld 'start_time': '25:00' is geen geldig tijdstip"),
    (
        "end before start",
        SESSION,
        "title: Sessie\ndate: 2019-06-06\nstart_time: '21:00'\nend_time: '19:00'\n",
        f"{SESSION}:4: veld 'end_time': het einduur (end_time) moet na het beginuur (start_time) liggen\n    Voorbeeld: end_time: 21:30",
    ),
    ("wrong type: list for text", CASE, "title:\n  - Repair\n", f"{CASE}:1: veld 'title': moet tekst zijn, maar is een lijst"),
    (
        "colon inside a list item",
        SESSION,
        "title: Sessie\nprogramme:\n  - Deel 1: welkom\n",
        f"{SESSION}:3: veld 'programme', 1e item: moet tekst zijn, maar is een groep velden\n    Staat er een ': ' in de tekst?",
    ),
    ("wrong type: text for list", SESSION, "title: Sessie\ncases: repair-cafe\n", f"{SESSION}:2: veld 'cases': moet een lijst zijn, maar is 'repair-cafe'"),
    ("not a number", SESSION, "title: Sessie\nparticipants: vijftien\n", f"{SESSION}:2: veld 'participants': 'vijftien' is geen geheel getal"),
    ("zero participants", SESSION, "title: Sessie\nparticipants: 0\n", f"{SESSION}:2: veld 'participants': '0' is te klein (minstens 1)"),
    (
        "invalid choice",
        SESSION,
        "title: Sessie\nformat: werksesie\n",
        f"{SESSION}:2: veld 'format': 'werksesie' is geen geldige keuze\n    Kies uit: 'bijeenkomst',",
    ),
    ("choice suggestion", SESSION, "title: Sessie\nformat: werksesie\n", "Bedoel je 'werksessie'?"),
    (
        "dangling reference",
        SESSION,
        "title: Sessie\ncases:\n  - repair-cafee\n",
        f"{SESSION}:3: veld 'cases', 1e item: 'repair-cafee' bestaat niet als praktijkvoorbeeld\n    Bedoel je 'repair-cafe'?",
    ),
    ("reference not a slug", SESSION, "title: Sessie\ncases: [Repair Café]\n", f"{SESSION}:2: veld 'cases', 1e item: 'Repair Café' is geen geldige id"),
    (
        "dangling session source",
        "content/barriers/spanningen.yml",
        "title: X\ncondition: gedeelde-agenda\nsources: [buurtpunt/bijeenkomst-9]\n",
        "content/barriers/spanningen.yml:3: veld 'sources', 1e item: 'buurtpunt/bijeenkomst-9' bestaat niet als sessie of activiteit of netwerk",
    ),
    (
        "no sources",
        "content/levers/stuurgroep.yml",
        "title: X\ncondition: gedeelde-agenda\nsources: []\n",
        "content/levers/stuurgroep.yml:3: veld 'sources': moet minstens 1 element(en) bevatten",
    ),
    ("id differs from file name", CASE, "id: repair\ntitle: Repair Café\n", f"{CASE}:1: veld 'id': de id 'repair' verschilt van de bestandsnaam 'repair-cafe'"),
    (
        "duplicate id",
        "content/cases/repair-cafe.md",
        "---\ntitle: Repair Café\n---\nTekst\n",
        "content/cases/repair-cafe.yml:1: de id 'repair-cafe' bestaat al (content/cases/repair-cafe.md)",
    ),
    (
        "file name not an id",
        "content/cases/Repair Café.yml",
        "title: Repair Café\n",
        "content/cases/Repair Café.yml:1: de bestandsnaam 'Repair Café' is geen geldige id\n    Gebruik kleine letters, cijfers en koppeltekens, bijvoorbeeld 'repair-cafe.yml'.",
    ),
    ("wrong encoding", CASE, "title: Repair Caf\xe9\n".encode("latin-1"), f"{CASE}:1: het bestand is niet in UTF-8 opgeslagen (onleesbare byte 0xe9)"),
    (
        "stray file",
        "content/cases/notities.txt",
        "wat notities\n",
        "content/cases/notities.txt:1: dit bestand hoort hier niet en komt niet in het praktijkboek",
    ),
    (
        "unknown folder",
        "content/verhalen/x.yml",
        "title: X\n",
        "content/verhalen:1: dit bestand hoort hier niet en komt niet in het praktijkboek\n    Mappen in content/:",
    ),
    ("network without network.yml", "networks/leeg/sessions/s.yml", "title: X\n", "networks/leeg:1: deze netwerkmap heeft geen network.yml"),
    ("not a mapping", CASE, "- Repair Café\n", f"{CASE}:1: het bestand moet velden bevatten (naam: waarde)"),
    (
        "bad url",
        CASE,
        "title: Repair Café\nlinks:\n  - title: Site\n    url: www.repaircafe.org\n",
        f"{CASE}:4: veld 'links', 1e item, 'url': 'www.repaircafe.org' is geen volledig webadres",
    ),
    (
        "bad email",
        "content/people/anna.yml",
        "name: Anna\nemail: anna-at-example\n",
        "content/people/anna.yml:2: veld 'email': 'anna-at-example' is geen geldig e-mailadres",
    ),
    (
        "yes is no boolean here",
        "content/people/anna.yml",
        "name: Anna\npublish_contact: misschien\n",
        "content/people/anna.yml:2: veld 'publish_contact': 'misschien' is geen ja/nee-waarde",
    ),
    (
        "markdown without front matter",
        "content/cases/dorv.md",
        "Dorv is een winkel.\n",
        "content/cases/dorv.md:1: een Markdown-bestand moet beginnen met velden tussen twee regels '---'",
    ),
    (
        "body twice",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\ndescription: Ook hier.\n---\nEn hier.\n",
        "content/cases/dorv.md:3: veld 'description': staat zowel in de velden bovenaan als als tekst onder de velden",
    ),
    (
        "front matter line numbers",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\nthemes: [mobiliteitt]\n---\nTekst\n",
        "content/cases/dorv.md:3: veld 'themes', 1e item: 'mobiliteitt' bestaat niet als thema\n    Bedoel je 'mobiliteit'?",
    ),
    ("deep nesting", CASE, "title: X\nsummary: " + "[" * 400 + "]" * 400 + "\n", f"{CASE}:2: de velden zijn meer dan 20 niveaus diep genest"),
    (
        "time with zone",
        SESSION,
        "title: Sessie\ndate: 2019-06-06\nstart_time: 19:30+02:00\nend_time: '21:00'\n",
        f"{SESSION}:3: veld 'start_time': '19:30+02:00' is geen geldig tijdstip",
    ),
    (
        "end time alone",
        SESSION,
        "title: Sessie\ndate: 2019-06-06\nend_time: '21:00'\n",
        f"{SESSION}:3: veld 'end_time': een einduur (end_time) zonder beginuur",
    ),
    ("decimal number", SESSION, "title: Sessie\nnumber: 1.0\n", f"{SESSION}:2: veld 'number': '1.0' is geen geheel getal"),
    ("underscore number", SESSION, "title: Sessie\nparticipants: 1_000\n", f"{SESSION}:2: veld 'participants': '1_000' is geen geheel getal"),
    (
        "yes is no flag",
        "content/people/anna.yml",
        "name: Anna\npublish_contact: yes\n",
        "content/people/anna.yml:2: veld 'publish_contact': 'yes' is geen ja/nee-waarde\n    Schrijf true (ja) of false (nee).",
    ),
    ("two documents", CASE, "title: Repair Café\n---\ntitle: Nog een\n", f"{CASE}:2: het bestand bevat meer dan één YAML-document"),
    ("non-specific tag", CASE, "title: ! Repair Café\n", f"{CASE}:1: YAML-tag '!' is niet toegestaan"),
    (
        "body and same-line problems sort",
        "networks/buurtpunt/sessions/bijeenkomst-2.md",
        "---\nreport: x\ntitle: S\ndate: 2019-06-06\nstart_time: '21:00'\nend_time: '19:00'\n---\nTekst\n",
        "bijeenkomst-2.md:2: veld 'report': staat zowel in de velden bovenaan als als tekst onder de velden",
    ),
    ("control character", CASE, "title: Repair\x01Café\n", f"{CASE}:1: het bestand bevat een onzichtbaar stuurteken (0x01)"),
    (
        "place name too long",
        CASE,
        "title: X\nplace:\n  municipality: " + "Lang" * 30 + "\n",
        f"{CASE}:3: veld 'place', 'municipality': is te lang (hoogstens 80 tekens)",
    ),
    (
        "list item indented further than its siblings",
        SESSION,
        "title: Sessie\nprogramme:\n  - Onthaal\n   - Voorstelling\n",
        f"{SESSION}:4: dit lijstitem springt anders in dan de items erboven; zo wordt het aan het vorige item vastgeplakt",
    ),
    (
        "list of ids with an item indented further",
        SESSION,
        "title: Sessie\ncases:\n  - repair-cafe\n   - dorv\n",
        f"{SESSION}:4: dit lijstitem springt anders in dan de items erboven",
    ),
    (
        "glued list item in front matter",
        "networks/buurtpunt/sessions/bijeenkomst-2.md",
        "---\ntitle: S\nquestions:\n  - Wat?\n   - Hoe?\n---\nTekst\n",
        "networks/buurtpunt/sessions/bijeenkomst-2.md:5: dit lijstitem springt anders in dan de items erboven",
    ),
    (
        "field indented under another",
        CASE,
        "title: Repair Café\n  summary: Herstellen.\n",
        f"{CASE}:2: het veld 'summary' springt verder in dan 'title'\n    Velden beginnen allemaal even ver: haal de spaties vóór 'summary' weg",
    ),
    (
        "field indented in a list item",
        CASE,
        "title: X\nlinks:\n  - title: Site\n     url: https://www.voorbeeld.be\n",
        f"{CASE}:4: het veld 'url' springt verder in dan 'title'",
    ),
    (
        "field indented under an empty field",
        CASE,
        "title:\n  summary: Herstellen.\n",
        f"{CASE}:1: veld 'title': moet tekst zijn, maar het veld 'summary' springt eronder in\n    'summary' is een eigen veld: laat het even ver inspringen als 'title'",
    ),
    (
        "an id that contains the right one",
        "networks/buurtpunt/network.yml",
        "title: N\nkind: leerkring\norganisers: [netwerk-mobiliteit-vlaanderen]\n",
        "networks/buurtpunt/network.yml:3: veld 'organisers', 1e item: 'netwerk-mobiliteit-vlaanderen' bestaat niet als organisatie\n    Bedoel je 'netwerk-mobiliteit'?",
    ),
    (
        "an id that the right one contains",
        "networks/buurtpunt/network.yml",
        "title: N\nkind: leerkring\norganisers: [mobiliteit]\n",
        "Bedoel je 'netwerk-mobiliteit'?",
    ),
    (
        "a field that says more than a known one",
        SESSION,
        "title: Sessie\nmax_participants: 6\n",
        f"{SESSION}:2: veld 'max_participants': onbekend veld 'max_participants'\n    Bedoel je 'capacity'? Toegestane velden:",
    ),
    (
        "page: unknown front matter key",
        "content/pages/over.md",
        "---\ntitle: Over\nsubtitle: <b>x</b>\n---\n# Over\n",
        "content/pages/over.md:3: veld 'subtitle': dit veld bovenaan de pagina wordt niet ondersteund\n    Toegestaan: description, hide, title.",
    ),
    (
        "page: broken front matter",
        "content/pages/over.md",
        "---\ntitle: Over: ons\n---\n# Over\n",
        "content/pages/over.md:2: dubbele punt op een onverwachte plaats",
    ),
    (
        "page: front matter not closed",
        "content/pages/over.md",
        "---\ntitle: Over\n# Over\n",
        "content/pages/over.md:1: de velden bovenaan worden niet afgesloten",
    ),
    (
        "page: front matter as a list",
        "content/pages/over.md",
        "---\n- Over\n---\n# Over\n",
        "content/pages/over.md:2: de velden bovenaan moeten de vorm 'naam: waarde' hebben",
    ),
    (
        "page: a tab in front matter",
        "content/pages/over.md",
        "---\ntitle: Over\n\thide: [toc]\n---\n# Over\n",
        "content/pages/over.md:3: tab gebruikt om in te springen",
    ),
    (
        "page: front matter with spaces after ---",
        "content/pages/over.md",
        "--- \nicon: material/alert\n---\n# Over\n",
        "content/pages/over.md:2: veld 'icon': dit veld bovenaan de pagina wordt niet ondersteund",
    ),
    ("page: a second --- block", "content/pages/over.md", "---\n---\nLet op: x\n---\n# Over\n", "content/pages/over.md:3: veld 'Let op': dit veld bovenaan"),
    (
        "page: another Markdown ending",
        "content/pages/over.markdown",
        "---\ntemplate: kaal.html\n---\n# Over\n",
        "content/pages/over.markdown:2: veld 'template': dit veld bovenaan de pagina wordt niet ondersteund",
    ),
    ("a value starting with @", CASE, "title: @home\n", f"{CASE}:1: een waarde mag niet beginnen met '@'\n    Zet de waarde tussen aanhalingstekens"),
    ("a value starting with a backtick", CASE, "title: `code`\n", f"{CASE}:1: een waarde mag niet beginnen met '`'"),
    ("a value starting with %", CASE, "title: x\nsummary: %50 korting\n", f"{CASE}:2: een waarde mag niet beginnen met '%'"),
    ("an unknown escape between double quotes", CASE, 'title: "C:\\map\\qq"\n', f"{CASE}:1: tussen dubbele aanhalingstekens is '\\m' geen geldig teken"),
    ("text after a block indicator", CASE, "title: x\nsummary: |tekst\n  meer\n", f"{CASE}:2: na '|' of '>' mag op dezelfde regel niets meer komen"),
    ("a NUL on its own line", CASE, "title: Repair\nsummary: a\nkind: x\x00y\n", f"{CASE}:3: het bestand bevat een NUL-teken"),
    ("a control character on its own line", CASE, "title: Repair\nsummary: a\x07b\n", f"{CASE}:2: het bestand bevat een onzichtbaar stuurteken (0x07)"),
    ("too large", CASE, "title: Repair Café\ndescription: |\n" + "  x" * 200_000 + "\n", f"{CASE}:1: het bestand is te groot"),
    # Separators pasted from Word or a PDF are no line ends: the lines after them keep the editor's numbers.
    ("a line separator before an unknown field", CASE, "title: Repair\u2028Café\ntitel: x\n", f"{CASE}:2: veld 'titel': onbekend veld 'titel'"),
    ("a paragraph separator before a bad count", SESSION, "title: Sessie\nsummary: een\u2029twee\nnumber: x\n", f"{SESSION}:3: veld 'number'"),
    (
        "a NEL before a duplicate field",
        CASE,
        "title: Repair\x85Café\ntitle: Dubbel\n",
        f"{CASE}:2: veld 'title': staat twee keer in dit bestand (eerst op regel 1)",
    ),
    (
        "separators in a body before a dangling link",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\n---\nEen\u2028twee\u2029drie\n[[case:nergens]]\n",
        "content/cases/dorv.md:5: veld 'description': verwijzing '[[case:nergens]]'",
    ),
    (
        "a line separator in a block before a bad date",
        SESSION,
        "title: |\n  Sessie\u2028met titel\ndate: 2019-13-45\n",
        f"{SESSION}:3: veld 'date': '2019-13-45' is geen geldige datum",
    ),
    # [[kind:id]] links in folded (>) and literal (|) blocks are told at their own line, also after blank lines.
    (
        "a link in a folded block after a blank line",
        CASE,
        "title: R\ndescription: >\n  Een regel\n  en nog een.\n\n  Zie [[case:nergens]]\n",
        f"{CASE}:6: veld 'description': verwijzing '[[case:nergens]]'",
    ),
    (
        "the second link of a folded block",
        CASE,
        "title: R\ndescription: >\n  Zie [[case:dorv]]\n  en [[case:ookniet]].\n",
        f"{CASE}:4: veld 'description': verwijzing '[[case:ookniet]]'",
    ),
    (
        "a link in a literal block after blank lines",
        CASE,
        "title: R\ndescription: |\n  Een\n\n\n  [[case:weg]]\n",
        f"{CASE}:6: veld 'description': verwijzing '[[case:weg]]'",
    ),
    (
        "a link in a stripped folded block",
        SESSION,
        "title: S\nreport: >-\n  Verslag\n  van de dag.\n\n\n  Met [[praktijkvoorbeeld:nergens]].\n",
        f"{SESSION}:7: veld 'report': verwijzing '[[praktijkvoorbeeld:nergens]]'",
    ),
    (
        "a link written twice in a folded block",
        CASE,
        "title: R\ndescription: >\n  [[case:x1]] een\n  twee\n\n  [[case:x1]] drie\n",
        f"{CASE}:6: veld 'description': verwijzing '[[case:x1]]'",
    ),
    # A control character written as an escape between double quotes is refused like one in the file.
    ("a bell written as an escape", CASE, 'title: "Dorv\\a"\n', f"{CASE}:1: de waarde bevat een onzichtbaar stuurteken (0x07), geschreven als escape"),
    (
        "an escape character in a list",
        SESSION,
        'title: S\nprogramme: ["Welkom", "\\x1b[31mrood"]\n',
        f"{SESSION}:2: de waarde bevat een onzichtbaar stuurteken (0x1b)",
    ),
    # A name the site uses for a file of its own is no id: nothing overwrites another output.
    (
        "a network called index",
        "networks/index/network.yml",
        "title: Index\nkind: leerkring\n",
        "networks/index/network.yml:1: de agenda van dit netwerk komt in hetzelfde bestand (/agenda/index.ics) als de agenda van alle sessies",
    ),
    (
        "a session called index",
        "networks/buurtpunt/sessions/index.yml",
        "title: Index\n",
        "networks/buurtpunt/sessions/index.yml:1: deze pagina komt op hetzelfde adres (/netwerken/buurtpunt/)",
    ),
    (
        "a case called index",
        "content/cases/index.yml",
        "title: Index\n",
        "content/cases/index.yml:1: deze pagina komt op hetzelfde adres (/praktijkvoorbeelden/) als het overzicht 'Praktijkvoorbeelden'",
    ),
    (
        "a condition called like the levers' folder",
        "content/conditions/hefbomen.yml",
        "title: H\norder: 9\ndefinition: Een voorwaarde.\n",
        "content/conditions/hefbomen.yml:1: deze pagina komt op hetzelfde adres (/collectieve-impact/hefbomen/)",
    ),
    ("a theme called index", "content/themes/index.yml", "title: Index\n", "content/themes/index.yml:1: deze pagina komt op hetzelfde adres (/themas/)"),
    # An id becomes file names with an ending (`<id>.pdf`) and folders: it fits in every one of them.
    (
        "an id too long for a file name",
        "content/cases/" + "lang-" * 40 + "x.yml",
        "title: Lang\n",
        "content/cases/" + "lang-" * 40 + "x.yml:1: de bestandsnaam is te lang voor een id (201 tekens, hoogstens 200)",
    ),
    (
        "a network folder too long for an id",
        "networks/" + "n" * 230 + "/network.yml",
        "title: N\nkind: leerkring\n",
        "networks/" + "n" * 230 + "/network.yml:1: de mapnaam is te lang voor een id (230 tekens, hoogstens 200)",
    ),
    # A Markdown link to a file the site does not have: told at the editor's line, not as MkDocs' English warning.
    (
        "page: a link to a page that does not exist",
        "content/pages/over.md",
        "---\ntitle: Over\n---\n# Over\n\nLees [de handleiding](handleiding.md).\n",
        "content/pages/over.md:6: de link 'handleiding.md' wijst naar een bestand dat niet in het praktijkboek staat",
    ),
    (
        "page: a link by reference to a missing page",
        "content/pages/over.md",
        "---\ntitle: Over\n---\nZie [hier][1].\n\n[1]: ../netwerken/nergens.md\n",
        "content/pages/over.md:6: de link '../netwerken/nergens.md' wijst naar een bestand dat niet in het praktijkboek staat",
    ),
    (
        "page: a missing image",
        "content/pages/over.md",
        "---\ntitle: Over\n---\n# Over\n\n![Een foto](foto.jpg)\n",
        "content/pages/over.md:6: de link 'foto.jpg' wijst naar een bestand dat niet in het praktijkboek staat",
    ),
    (
        "a link to a missing page in a case's text",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\n---\nEen winkel.\n\nZie [Repair Café](repair-cafee.md).\n",
        "content/cases/dorv.md:6: veld 'description': de link 'repair-cafee.md' wijst naar een bestand dat niet in het praktijkboek staat\n    Bedoel je 'repair-cafe.md'?",
    ),
    (
        "a link to a missing page in a YAML block",
        SESSION,
        "title: S\nreport: |\n  Verslag.\n\n  Zie [de agenda](../../agenda/nergens.ics).\n",
        f"{SESSION}:5: veld 'report': de link '../../agenda/nergens.ics' wijst naar een bestand dat niet in het praktijkboek staat",
    ),
    # A file where the site writes its own would be overwritten, or overwrite the book's.
    (
        "page: a page in the agenda's folder",
        "content/pages/agenda.md",
        "# Agenda\n",
        "content/pages/agenda.md:1: dit bestand komt op een plaats die het praktijkboek zelf gebruikt (/agenda/)",
    ),
    (
        "page: a sitemap of its own",
        "content/pages/sitemap.xml",
        "<urlset/>\n",
        "content/pages/sitemap.xml:1: dit bestand komt op een plaats die het praktijkboek zelf gebruikt (/sitemap.xml)",
    ),
    (
        "page: a file among the handouts",
        "content/pages/handouts/buurtpunt.pdf",
        b"%PDF-1.4\n",
        "content/pages/handouts/buurtpunt.pdf:1: dit bestand komt op een plaats",
    ),
    (
        "page: a file in the search index",
        "content/pages/pagefind/pagefind.js",
        "alert(1)\n",
        "content/pages/pagefind/pagefind.js:1: dit bestand komt op een plaats die het praktijkboek zelf gebruikt (/pagefind/)",
    ),
    (
        "page: open data of its own",
        "content/pages/open-data/praktijkboek.json",
        "{}\n",
        "content/pages/open-data/praktijkboek.json:1: dit bestand komt op een plaats",
    ),
    (
        "page: a 404 page of its own",
        "content/pages/404.html",
        "<p>weg</p>\n",
        "content/pages/404.html:1: dit bestand komt op een plaats die het praktijkboek zelf gebruikt (/404.html)",
    ),
    # Every error of a file at once: besides a field that fails, its references and rules are checked in the same run.
    (
        "a dangling reference next to an unknown field",
        SESSION,
        "titel: Sessie\ncases: [repair-cafee]\n",
        f"{SESSION}:2: veld 'cases', 1e item: 'repair-cafee' bestaat niet",
    ),
    (
        "a rule next to a field that fails",
        SESSION,
        "title: Sessie\nnumber: x\ndate: 2019-06-06\nstart_time: '20:00'\nend_time: '19:00'\n",
        f"{SESSION}:5: veld 'end_time': het einduur (end_time) moet na het beginuur (start_time) liggen",
    ),
    (
        "a body reference next to an unknown field",
        "content/cases/dorv.md",
        "---\ntitel: Dorv\n---\nZie [[case:nergens]].\n",
        "content/cases/dorv.md:4: veld 'description': verwijzing '[[case:nergens]]'",
    ),
    (
        "a dangling condition next to an empty title",
        "content/barriers/x.yml",
        "title: ''\ncondition: nope\nsources: [buurtpunt]\n",
        "content/barriers/x.yml:2: veld 'condition': 'nope' bestaat niet als voorwaarde",
    ),
    (
        "a dangling organisation next to a bad e-mail",
        "content/people/x.yml",
        "name: X\nemail: geen-adres\norganisation: netwerk-mobiliteitt\n",
        "content/people/x.yml:3: veld 'organisation': 'netwerk-mobiliteitt' bestaat niet als organisatie",
    ),
    (
        "a time without a date next to a list that is text",
        SESSION,
        "title: Sessie\ncases: repair-cafe\nstart_time: '19:00'\n",
        f"{SESSION}:3: veld 'start_time': een uur zonder datum",
    ),
    # Real events (where, when, taking part) and case records: the rules over several fields, and media.
    (
        "an online session with a venue",
        SESSION,
        "title: S\nattendance: online\nvenue: Zaal De Kern\n",
        f"{SESSION}:3: veld 'venue': een online sessie heeft geen zaal of adres",
    ),
    (
        "a meeting link for a session on site",
        SESSION,
        "title: S\nonline_url: https://meet.example.org/x\n",
        f"{SESSION}:2: veld 'online_url': een link om online mee te doen bij een sessie ter plaatse",
    ),
    (
        "a published link that is not there",
        SESSION,
        "title: S\nattendance: online\npublish_online_url: true\n",
        f"{SESSION}:3: veld 'publish_online_url': 'publish_online_url' zonder link",
    ),
    ("an unknown way to attend", SESSION, "title: S\nattendance: digitaal\n", f"{SESSION}:2: veld 'attendance'"),
    (
        "a part of the day next to an hour",
        SESSION,
        "title: S\ndate: 2026-03-01\nstart_time: '13:00'\npart_of_day: namiddag\n",
        f"{SESSION}:4: veld 'part_of_day': een deel van de dag (part_of_day) én een beginuur",
    ),
    (
        "a last day before the first",
        SESSION,
        "title: S\ndate: 2026-03-02\nend_date: 2026-03-01\n",
        f"{SESSION}:3: veld 'end_date': de laatste dag (end_date) moet na de eerste dag (date) liggen",
    ),
    ("a last day without a first", SESSION, "title: S\nend_date: 2026-03-01\n", f"{SESSION}:2: veld 'end_date': een laatste dag (end_date) zonder eerste dag"),
    (
        "moved without the old date",
        SESSION,
        "title: S\ndate: 2026-03-01\nstatus: verplaatst\n",
        f"{SESSION}:3: veld 'status': een verplaatste sessie: zet de nieuwe datum in 'date' en de oude in 'previous_date'",
    ),
    ("an old date of a session not moved", SESSION, "title: S\ndate: 2026-03-01\nprevious_date: 2026-02-01\n", f"{SESSION}:3: veld 'previous_date'"),
    ("a status that does not exist", SESSION, "title: S\nstatus: vol\n", f"{SESSION}:2: veld 'status'"),
    (
        "what capacity counts, without a number",
        SESSION,
        "title: S\ncapacity_unit: teams\n",
        f"{SESSION}:2: veld 'capacity_unit': 'capacity_unit' zonder aantal",
    ),
    ("a price with a currency sign", SESSION, "title: S\ncost: €12\n", f"{SESSION}:2: veld 'cost': '€12' is geen prijs"),
    (
        "a registration that says nothing",
        SESSION,
        "title: S\nregistration:\n  deadline: 2026-03-01\n",
        f"{SESSION}:2: veld 'registration': zeg hoe je je inschrijft",
    ),
    (
        "a facilitator who does not exist",
        SESSION,
        "title: S\nfacilitators:\n  - who: bmcc\n    role: adviseur\n",
        f"{SESSION}:3: veld 'facilitators', 1e item, 'who': 'bmcc' bestaat niet als persoon of organisatie",
    ),
    ("a speaker's role without the speaker", SESSION, "title: S\nspeakers:\n  - role: gebiedswerker\n", f"{SESSION}:3: veld 'speakers', 1e item, 'who'"),
    ("a region that does not exist", SESSION, "title: S\nregions: [limburg]\n", f"{SESSION}:2: veld 'regions', 1e item: 'limburg' bestaat niet als regio"),
    (
        "a province written as text",
        CASE,
        "title: X\nplace:\n  province: Limburg\n",
        f"{CASE}:3: veld 'place', 'province': onbekend veld 'province'\n    Bedoel je 'region'?",
    ),
    (
        "a session's old free-text place",
        SESSION,
        "title: S\nplace: Leuven\n",
        f"{SESSION}:2: veld 'place': onbekend veld 'place'\n    Bedoel je 'municipality'?",
    ),
    (
        "a region of another country",
        "content/regions/limburg-nl.yml",
        "name: Limburg\ncountry: Duitsland\nkind: provincie\n",
        "content/regions/limburg-nl.yml:2: veld 'country'",
    ),
    ("a method of an unknown kind", "content/methods/spel.yml", "title: Spel\nkind: gezelschapsspel\n", "content/methods/spel.yml:2: veld 'kind'"),
    (
        "a method that does not exist",
        SESSION,
        "title: S\nmethods: [intervisiee]\n",
        f"{SESSION}:2: veld 'methods', 1e item: 'intervisiee' bestaat niet als methode",
    ),
    ("a case's start year in words", CASE, "title: X\nstart_year: tweeduizend\n", f"{CASE}:2: veld 'start_year': 'tweeduizend' is geen jaartal"),
    ("a case status that does not exist", CASE, "title: X\nstatus: bezig\n", f"{CASE}:2: veld 'status'"),
    ("an empty list of what a case takes", CASE, "title: X\nneeds:\n  other: veel\n", f"{CASE}:3: veld 'needs', 'other': onbekend veld 'other'"),
    ("a picture without alt text", CASE, "title: X\npictures:\n  - file: foto.jpg\n", f"{CASE}:3: veld 'pictures', 1e item, 'alt'"),
    (
        "a picture that is not in the media folder",
        CASE,
        "title: X\npictures:\n  - file: fotos/repair.jpg\n    alt: Een herstelling\n",
        f"{CASE}:3: veld 'pictures', 1e item, 'file': 'fotos/repair.jpg' staat niet in content/media/",
    ),
    (
        "a picture on another website",
        CASE,
        "title: X\npictures:\n  - file: https://example.org/foto.jpg\n    alt: Een foto\n",
        f"{CASE}:3: veld 'pictures', 1e item, 'file': 'https://example.org/foto.jpg' staat op een andere website",
    ),
    (
        "a picture path out of the media folder",
        CASE,
        "title: X\npictures:\n  - file: ../pages/index.md\n    alt: Een foto\n",
        f"{CASE}:3: veld 'pictures', 1e item, 'file': '../pages/index.md' is geen pad in de map media",
    ),
    (
        "a link with both an address and a file",
        SESSION,
        "title: S\nmaterials:\n  - title: Slides\n    url: https://example.org/s\n    file: s.pdf\n",
        f"{SESSION}:4: veld 'materials', 1e item, 'url': een link heeft een webadres (url) of een bestand (file), precies één van beide",
    ),
    (
        "an attachment that is not in the media folder",
        SESSION,
        "title: S\nmaterials:\n  - title: Slides\n    file: slides.pdf\n",
        f"{SESSION}:4: veld 'materials', 1e item, 'file': 'slides.pdf' staat niet in content/media/",
    ),
    (
        "a picture from another website in the text",
        "content/cases/dorv.md",
        "---\ntitle: Dorv\n---\nEen winkel.\n\n![De winkel](https://example.org/dorv.jpg)\n",
        "content/cases/dorv.md:6: veld 'description': deze afbeelding (of video) komt van buiten het boek",
    ),
    (
        "a video from another website in a page",
        "content/pages/over.md",
        '# Over\n\n<iframe src="https://www.youtube.com/embed/x"></iframe>\n',
        "content/pages/over.md:3: deze afbeelding (of video) komt van buiten het boek",
    ),
    (
        "a file in the media folder that is no picture",
        "content/media/foto.jpg",
        b"geen foto",
        "content/media/foto.jpg:1: dit is geen afbeelding die het boek kan tonen",
    ),
    (
        "a network called like the activities' folder",
        "networks/activiteiten/network.yml",
        "title: A\nkind: overleg\n",
        "de map met de agenda's van de losse activiteiten",
    ),
    (
        "an organisation's e-mail that is none",
        "content/organisations/netwerk-mobiliteit.yml",
        "name: N\nemail: info-at-netwerk\n",
        "content/organisations/netwerk-mobiliteit.yml:2: veld 'email': 'info-at-netwerk' is geen geldig e-mailadres",
    ),
]


def _problems(tmp_path: Path, path: str, content: str | bytes) -> str:
    """What `validate` finds in the small site with this file: loading, then the page plan (addresses)."""
    site = Site(tmp_path)
    site.write(path, content)
    with pytest.raises(ContentError) as info:
        graph = load(Layout(tmp_path))
        problems = site_problems(plan(graph), graph, tmp_path, Layout.pages_dir, cli.markdown_from_config(tmp_path / "mkdocs.yml"))
        if problems:
            raise ContentError(problems)
    return str(info.value)


@pytest.mark.parametrize("name, path, content, expected", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_file_gives_its_message(tmp_path: Path, name: str, path: str, content: str | bytes, expected: str):
    assert expected in _problems(tmp_path, path, content)


def test_all_problems_of_a_run_are_reported_together(tmp_path: Path):
    site = Site(tmp_path)
    site.write(CASE, "titel: Repair Café\n")
    site.write(SESSION, "title: Sessie\ndate: 2019-13-45\n")
    site.write("content/themes/mobiliteit.yml", "title: Mobiliteit\ntitle: Dubbel\n")
    with pytest.raises(ContentError) as info:
        load(Layout(tmp_path))
    report = str(info.value)
    assert report.startswith("De inhoud van het praktijkboek heeft 4 problemen in 3 bestanden:")
    for fragment in (f"{CASE}:1: veld 'titel'", f"{CASE}:1: veld 'title': verplicht", f"{SESSION}:2: veld 'date'", "content/themes/mobiliteit.yml:2"):
        assert fragment in report


def test_the_good_small_site_loads_with_reverse_relations(tmp_path: Path):
    Site(tmp_path)
    graph = load(Layout(tmp_path))
    case = graph.get("case", "repair-cafe")
    assert [s.id for s in graph.sources(case, kind="session")] == ["buurtpunt/bijeenkomst-1", "buurtpunt/bijeenkomst-2"]
    network = graph.get("network", "buurtpunt")
    assert [s.id for s in graph.sessions_of(network)] == ["buurtpunt/bijeenkomst-1", "buurtpunt/bijeenkomst-2"]
    assert graph.get("session", "buurtpunt/bijeenkomst-2").entity.report == "We overlopen de **juridische** mogelijkheden."


@pytest.mark.parametrize("value", ["no", "off", "on", "yes", "NO", "y"])
def test_norway_stays_a_string(tmp_path: Path, value: str):
    site = Site(tmp_path)
    site.write(CASE, f"title: {value}\nkind: {value}\n")
    case = load(Layout(tmp_path)).get("case", "repair-cafe").entity
    assert (case.title, case.kind) == (value, value)


def test_times_and_numbers_are_not_reinterpreted(tmp_path: Path):
    site = Site(tmp_path)
    site.write(SESSION, "title: 1:20\ndate: 2019-06-06\nstart_time: 19:30\nvenue: 0123\n")
    session = load(Layout(tmp_path)).get("session", "buurtpunt/bijeenkomst-1").entity
    assert session.title == "1:20" and session.venue == "0123"
    assert session.start_time.hour == 19 and session.start_time.minute == 30


def test_bom_and_crlf_are_accepted(tmp_path: Path):
    site = Site(tmp_path)
    site.write(CASE, b"\xef\xbb\xbftitle: Repair Caf\xc3\xa9\r\nsummary: Herstellen.\r\n")
    case = load(Layout(tmp_path)).get("case", "repair-cafe").entity
    assert (case.title, case.summary) == ("Repair Café", "Herstellen.")


def test_a_folder_or_broken_link_where_a_file_should_be(tmp_path: Path):
    Site(tmp_path)
    (tmp_path / "content/cases/kapot.yml").symlink_to(tmp_path / "nergens.yml")
    (tmp_path / "networks/leeg").mkdir()
    (tmp_path / "networks/leeg/network.yml").mkdir()
    with pytest.raises(ContentError) as info:
        load(Layout(tmp_path))
    report = str(info.value)
    assert "content/cases/kapot.yml:1: een snelkoppeling (symbolische link) is hier niet toegestaan" in report
    assert "networks/leeg:1: deze netwerkmap heeft geen network.yml" in report


def test_missing_content_folders_are_problems_not_an_empty_book(tmp_path: Path):
    with pytest.raises(ContentError) as info:
        load(Layout(tmp_path))
    assert "networks:1: de map 'networks' bestaat niet" in str(info.value)
    assert "content:1: de map 'content' bestaat niet" in str(info.value)


def test_a_session_of_a_broken_network_still_has_its_references_checked(tmp_path: Path):
    site = Site(tmp_path)
    site.write("networks/buurtpunt/network.yml", "title: X\n")
    site.write(SESSION, "title: Sessie\ncases: [repair-cafee]\n")
    with pytest.raises(ContentError) as info:
        load(Layout(tmp_path))
    report = str(info.value)
    assert "networks/buurtpunt/network.yml:1: veld 'kind': verplicht veld ontbreekt" in report
    assert f"{SESSION}:2: veld 'cases', 1e item: 'repair-cafee' bestaat niet" in report


@pytest.mark.parametrize(
    "path, content",
    [
        ("content/conditions/hefbomen.yml", "title: Hefbomen\norder: 2\ndefinition: x\n"),
        ("content/cases/index.yml", "title: Index\n"),
    ],
)
def test_two_pages_on_one_address_fail_validation(tmp_path: Path, path: str, content: str):
    Site(tmp_path).write(path, content)
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert f"{path}:1: deze pagina komt op hetzelfde adres" in result.stderr


def test_validate_command_reports_in_dutch_and_exits_1(tmp_path: Path):
    Site(tmp_path).write(CASE, "titel: Repair Café\n")
    result = subprocess.run([sys.executable, "-m", "praktijkboek", "validate", "--root", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.startswith("De inhoud van het praktijkboek heeft 2 problemen in 1 bestand:")
    assert f"{CASE}:1: veld 'titel': onbekend veld 'titel'" in result.stderr


def test_the_same_id_twice_in_a_list_is_an_error(tmp_path: Path):
    report = _problems(tmp_path, SESSION, "title: Sessie\nthemes:\n  - mobiliteit\n  - mobiliteit\n")
    assert f"{SESSION}:4: veld 'themes', 2e item: 'mobiliteit' staat twee keer in deze lijst (eerst als 1e item)" in report


def test_a_date_with_a_time_points_to_start_time(tmp_path: Path):
    report = _problems(tmp_path, SESSION, "title: Sessie\ndate: 2019-06-06 19:00\n")
    assert f"{SESSION}:2: veld 'date': '2019-06-06 19:00' is geen geldige datum: een datum zonder uur" in report
    assert "start_time: 19:00" in report


def test_an_implausible_year_is_a_typo(tmp_path: Path):
    report = _problems(tmp_path, SESSION, "title: Sessie\ndate: 2109-06-06\n")
    assert f"{SESSION}:2: veld 'date': '2109-06-06' ligt niet tussen 1900 en 2100; een tikfout in het jaar?" in report


def test_very_long_lines_load(tmp_path: Path):
    site = Site(tmp_path)
    site.write(CASE, "title: Repair Café\nsummary: " + "lang " * 40_000 + "\n")
    case = load(Layout(tmp_path)).get("case", "repair-cafe").entity
    assert len(case.summary) > 190_000


@pytest.mark.parametrize(
    "field, typed, expected",
    [
        ("summary", "", None),
        ("summary", "~", None),
        ("summary", "null", None),
        ("summary", "'~'", "~"),
        ("summary", "Null", None),
        ("summary", "NULL", None),
        ("summary", "~   # nog in te vullen", None),
        ("summary", "'null'", "null"),
    ],
)
def test_an_empty_optional_field_is_left_out_by_both_readers(tmp_path: Path, field: str, typed: str, expected: str | None):
    text = f"title: Repair Café\n{field}: {typed}\n"
    for parser in yamlfile.PARSERS:
        parsed = yamlfile.parse(text.encode(), CASE, parsers=(parser,))
        assert not isinstance(parsed, Problem) and parsed.data[field] == expected, parser
    Site(tmp_path).write(CASE, text)
    assert load(Layout(tmp_path)).get("case", "repair-cafe").entity.summary == expected


def test_yaml_1_2_booleans_in_every_spelling(tmp_path: Path):
    site = Site(tmp_path)
    site.write("content/people/anna.yml", "name: Anna\npublish_contact: TRUE\n")
    assert load(Layout(tmp_path)).get("person", "anna").entity.publish_contact is True


@pytest.mark.parametrize("name, path, content, expected", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_validate_and_the_build_refuse_it_alike(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, path: str, content: str | bytes, expected: str):
    """Whatever the build refuses, `validate` refuses first, with the same Dutch message and line."""
    site = Site(tmp_path)
    site.write(path, content)
    code = cli.main(["validate", "--root", str(tmp_path), "--format", "human"])
    told = capsys.readouterr().err
    built = site.build_here()
    assert code == 1 and expected in told, told
    assert expected in built, built
    assert "Traceback" not in told + built


#: Inputs that PyYAML refuses, each a different scanner or parser problem.
BROKEN_YAML = [
    "title: @x\n",
    "title: `x`\n",
    "title: %x\n",
    'title: "a\\qb"\n',
    "title: |x\n  y\n",
    "title: >-2x\n  y\n",
    "title: [a, b\n",
    "title: {a: b\n",
    "title: 'a\n",
    "title: x\n- y\n",
    "title: a\n  b: c\n",
    "- a\nb: c\n",
    "title: [a, b]]\n",
    "title: {a: b}}\n",
    "title: &\n",
    "title: *\n",
    "? [a\n",
    "title: x\n\t\tb: c\n",
    "title: 'a' b\n",
    '"title: x\n',
    "title: x\n  - y\n    - z\n",
    "title: !\n",
    "title:\n  - a\n b: c\n",
    "title: a\n---\nb: c\n---\n",
]
ENGLISH = re.compile(
    r"\b(found|expected|cannot|character|token|while|scanning|parsing|mapping|block|indicator|stream|anchor)\b"
)  # not "document" or "alias": Dutch words too


def test_separators_pasted_from_word_are_read_as_spaces(tmp_path: Path):
    Site(tmp_path).write(CASE, "title: Repair\u2028Café\nsummary: Een\x85twee\n")
    case = load(Layout(tmp_path)).get("case", "repair-cafe").entity
    assert (case.title, case.summary) == ("Repair Café", "Een twee")


@pytest.mark.parametrize("text", BROKEN_YAML)
def test_no_yaml_message_is_english(text: str):
    problem = yamlfile.parse(text.encode(), "content/cases/x.yml")
    assert isinstance(problem, Problem), text
    assert not ENGLISH.search(f"{problem.message} {problem.hint or ''}"), problem.format()


#: Every input of the tables above, and every content file of the repository, as the reader gets it.
READER_INPUTS = (
    [(path, content) for _, path, content, _ in BAD_FILES]
    + [("content/cases/x.yml", text) for text in BROKEN_YAML]
    + [(p.relative_to(REPO).as_posix(), p.read_bytes()) for folder in ("networks", "content") for p in sorted((REPO / folder).rglob("*")) if p.is_file()]
)


@pytest.mark.skipif(len(yamlfile.PARSERS) < 2, reason="PyYAML without libyaml: there is only its own parser")
@pytest.mark.parametrize("path, content", READER_INPUTS, ids=[f"{i}-{path}" for i, (path, _) in enumerate(READER_INPUTS)])
def test_both_parsers_read_every_input_alike(path: str, content: str | bytes):
    """One set of strict rules over either parser's events: libyaml and PyYAML's own give the same data,
    the same lines and the same problem, for every bad file of the table and every file of the repository."""
    raw = content if isinstance(content, bytes) else textwrap.dedent(content).encode("utf-8")
    # The default reads libyaml's events and, on a syntax error only, reads again with PyYAML's own parser
    # (whose messages are the ones translated); whatever it decides, PyYAML's own parser alone decides too.
    assert yamlfile.parse(raw, path) == yamlfile.parse(raw, path, parsers=yamlfile.PARSERS[-1:])


def test_links_that_work_are_left_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    """Only a relative link to a file the site lacks is refused: not another site, an anchor, a folder-style
    address, a link in code, or a link to a page, an image or a feed the site has."""
    site = Site(tmp_path)
    site.write("content/pages/foto.png", b"\x89PNG\r\n\x1a\n")
    site.write(
        "content/pages/over.md",
        "---\ntitle: Over\n---\n# Over\n\n"
        "[Start](index.md), [boven](#over), [elders](https://example.org/x.md), [mail](mailto:a@example.org),\n"
        "[map](../praktijkvoorbeelden/), [geval](praktijkvoorbeelden/dorv.md), [agenda](agenda/index.ics), ![foto](foto.png)\n\n"
        "`[code](nergens.md)`\n\n```\n[ook code](nergens.md)\n```\n",
    )
    site.write(CASE, "title: Repair Café\ndescription: Zie [Dorv](dorv.md) en [[case:dorv]].\n")
    assert cli.main(["validate", "--root", str(tmp_path), "--format", "human"]) == 0, capsys.readouterr().err
    assert site.build_here() == ""


def test_mkdocs_lines_of_a_build_are_told_in_dutch(tmp_path: Path):
    """`praktijkboek build` passes on what MkDocs prints, its own lines in Dutch: nothing English is left
    around the book's report, and a line it does not know is passed on unchanged."""
    from praktijkboek.host.buildlog import dutch

    Site(tmp_path).write("content/pages/over.md", "---\ntitle: Over\n---\n[x](nergens.md)\n")
    result = subprocess.run(
        [sys.executable, "-m", "praktijkboek", "build", "--root", str(tmp_path), "--no-handouts"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "content/pages/over.md:4: de link 'nergens.md' wijst naar een bestand" in result.stderr
    assert "Afgebroken: het praktijkboek kan zo niet gebouwd worden" in result.stderr
    for english in ("Aborted", "Building documentation", "Cleaning site", "ERROR", "BuildError"):
        assert english not in result.stderr + result.stdout, result.stderr
    assert dutch("WARNING -  iets nieuws") == "WAARSCHUWING -  iets nieuws"


#: Values of every type YAML can give, for every field of every kind: whatever pydantic says of them reaches editors in Dutch.
WRONG_VALUES = ["tekst", "", 0, -5, 3.5, True, [], ["a", {"b": 1}], {"x": 1}, {}, "2019-13-45", "25:99", "x" * 300, "Repair Café"]
PYDANTIC_ENGLISH = re.compile(
    r"\b(Input|should|valid|Field|required|Value|error|instance|type|string|integer|list|dict|object|least|most|characters|items|Extra|inputs|permitted)\b"
)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_validation_message_is_english(kind: str):
    model = KINDS[kind].model
    for name in model.model_fields:
        for value in WRONG_VALUES:
            text = yaml.safe_dump({"title": "T", "name": "N", name: value}, allow_unicode=True, sort_keys=False)
            parsed = yamlfile.parse(text.encode(), f"content/x/{kind}.yml")
            assert not isinstance(parsed, Problem), text
            _entity, _rest, problems = validate_all(KINDS[kind], parsed, f"content/x/{kind}.yml")
            for problem in problems:
                said = f"{problem.message} {problem.hint or ''}"
                assert not PYDANTIC_ENGLISH.search(said), f"{kind}.{name} = {value!r}: {problem.format()}"


def test_a_country_that_is_not_its_regions_is_refused(tmp_path: Path):
    site = Site(tmp_path)
    site.write("content/regions/limburg-be.yml", "name: Limburg\ncountry: België\nkind: provincie\n")
    site.write(CASE, "title: X\nplace:\n  region: limburg-be\n  country: Nederland\n")
    with pytest.raises(ContentError) as info:
        load(Layout(tmp_path))
    assert f"{CASE}:4: veld 'place', 'country': 'Nederland' is niet het land van de regio Limburg (BE) (België)" in str(info.value)
    site.write(CASE, "title: X\nplace:\n  region: limburg-be\n  country: België\n")
    assert load(Layout(tmp_path)).get("case", "repair-cafe") is not None
