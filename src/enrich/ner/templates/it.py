"""Italian names for train_ner.py's template sentences. Written for this purpose: Italian
first names and surnames combined at random, foreign public figures as the Italian press
spells them, Italian organisations (institutions, parties, companies, clubs, media) and
places (regions, provinces, towns, landmarks). No name that occurs in the news fixtures
(tests/fixtures/ner-news/, tune and held-out) is in these lists: they were filtered out
when the lists were written, so the fixtures measure names the model never saw here.
Italian names do not decline: `inflect` returns the name as written."""

import random

MALE = """Luca Andrea Francesco Alessandro Giovanni Lorenzo Davide Stefano Massimo Fabio Simone Giorgio
Federico Alberto Enrico Vincenzo Salvatore Pietro Domenico Nicola Gianluca Emanuele Filippo
Tommaso Raffaele Maurizio Franco Bruno Angelo Carmine Gennaro Piero Ugo Dario Guido Ettore
Cesare Arturo Ivano Lapo""".split()
FEMALE = """Giulia Francesca Chiara Sara Valentina Alessia Martina Federica Silvia Elena Laura Anna Paola
Roberta Simona Barbara Daniela Cristina Monica Elisa Marta Ilaria Beatrice Caterina Lucia Teresa
Rosa Serena Debora Arianna Noemi Letizia Vittoria Ornella Mara""".split()
SURNAMES = """Rossi Russo Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Costa Caruso Mancini
Rizzo Lombardi Moretti Barbieri Ferrara Santoro Mariani Rinaldi Caputo Martinelli Longo Gentile
Martini Serra Vitale Lombardo Coppola Mazza D'Angelo Galli Bellini Marchetti Parisi Villa
Conti Cattaneo Ferri Fabbri Benedetti Pellegrini Palumbo Sanna Piras Fiore Monti Carbone Testa
Grasso Luca Orlando Valentini Messineo Parodi Pagano Bertolini Zanetti Guerra Silvestri Farina
Giordano Amato Negri Cirillo D'Amico Bassi Basile Riva Donati Pace Neri Carli Vaccaro Brambilla""".split()

FOREIGN = """Olaf Scholz|Keir Starmer|Joe Biden|Angela Merkel|Recep Tayyip Erdogan|Xi Jinping|Elon Musk
|Viktor Orbán|Pedro Sánchez|Justin Trudeau|Narendra Modi|Benjamin Netanyahu|Vladimir Putin
|Sergej Lavrov|Kaja Kallas|Mark Rutte|Jens Stoltenberg|Roberta Metsola|Antonio Costa
|Kamala Harris|JD Vance|Mario Draghi|Paolo Gentiloni|Andrzej Duda|Donald Tusk
|Alexander Stubb|Nicolás Maduro|Javier Milei|Recep Erdogan|Tayyip Erdogan|Mette Frederiksen
|Novak Djokovic|Tadej Pogacar|Max Verstappen|Lionel Messi|Cristiano Ronaldo|Kylian Mbappé
|Erling Haaland|Luka Modric|Pep Guardiola|José Mourinho|Taylor Swift|Bruce Springsteen
|Papa Francesco|Kim Jong-un|Bashar al-Assad|Ali Khamenei""".replace("\n", "").split("|")

ORGS = """Confindustria|Banca d'Italia|Consob|Cassa depositi e prestiti|Corte dei conti
|Consiglio di Stato|Corte di Cassazione|Tar del Lazio|Agenzia delle Entrate|Inps|Inail
|Carabinieri|Polizia di Stato|Croce Rossa|Caritas|Coldiretti|Cgil|Cisl|Uil|Fratelli d'Italia
|Azione|Italia Viva|Alleanza Verdi e Sinistra|Più Europa|Noi Moderati|Commissione europea
|Parlamento europeo|Nato|Onu|Unesco|Fmi|Banca mondiale|Ocse|Unicef|Telecom Italia|Tim|Enel
|Fincantieri|Poste Italiane|Ferrovie dello Stato|Trenitalia|Italo|Ita Airways
|Autostrade per l'Italia|Unicredit|Mediobanca|Generali|Monte dei Paschi|Banco Bpm|Pirelli
|Luxottica|Barilla|Ferrero|Lavazza|Prada|Gucci|Armani|Fiat|Maserati|Lamborghini|Ducati
|Piaggio|Mediaset|Rai|La7|Sky Italia|Corriere della Sera|La Repubblica|La Stampa
|Il Sole 24 Ore|Il Fatto Quotidiano|Ansa|Adnkronos|Fiorentina|Bologna|Genoa|Sampdoria
|Udinese|Cagliari|Sassuolo|Empoli|Lecce|Parma|Como|Verona|Università Bocconi
|Politecnico di Milano|Sapienza|Cnr|Istituto superiore di sanità|Aifa|Federcalcio|Coni|Uefa
|Fifa|Amazon|Google|Apple|Microsoft|Meta|Volkswagen|Renault|Airbus|Greenpeace|Legambiente
|Emergency|Save the Children|Amnesty International|Sea-Watch""".replace("\n", "").split("|")

PLACES = """Piemonte|Veneto|Liguria|Toscana|Umbria|Marche|Abruzzo|Molise|Campania|Puglia|Basilicata
|Trentino|Alto Adige|Friuli Venezia Giulia|Valle d'Aosta|Bergamo|Brescia|Verona|Padova
|Trieste|Udine|Trento|Bolzano|Genova|La Spezia|Bologna|Modena|Parma|Reggio Emilia|Rimini
|Ravenna|Firenze|Pisa|Livorno|Siena|Perugia|Pescara|L'Aquila|Lecce|Taranto|Foggia|Brindisi
|Potenza|Matera|Reggio Calabria|Catanzaro|Cosenza|Palermo|Catania|Siracusa|Cagliari|Sassari
|Salerno|Caserta|Avellino|Benevento|Latina|Frosinone|Viterbo|Como|Varese|Novara|Cuneo|Asti
|Alessandria|Aosta|Lampedusa|Capri|Ischia|Etna|Vesuvio|Dolomiti|Alpi|Appennini|Po|Tevere
|Arno|Adriatico|Tirreno|Lago di Garda|Lago Maggiore|Stretto di Messina|Palazzo Madama
|Palazzo Vecchio|Quirinale|Colosseo|Fiumicino|Malpensa|Linate|Parigi|Londra|Madrid
|Strasburgo|Varsavia|Kiev|Mosca|New York|Pechino|Tokyo|Istanbul|Atene|Vienna|Ginevra|Zurigo
|Tunisi|Tripoli|Bengasi|Gerusalemme|Tel Aviv|Beirut|Damasco|Teheran|Stati Uniti|Francia
|Germania|Spagna|Grecia|Turchia|Tunisia|Israele|Iran|Cina|Giappone|India|Brasile|Argentina
|Polonia|Ungheria|Austria|Svizzera|Slovenia|Croazia|Serbia|Romania""".replace("\n", "").split("|")


def _people(rng: random.Random, count: int):
    names = set()
    while len(names) < count:
        first = rng.choice(MALE if rng.random() < 0.6 else FEMALE)
        names.add(f"{first} {rng.choice(SURNAMES)}")
    return sorted(names)


_rng = random.Random(14)
NAMES = {
    "PER": _people(_rng, 1500) + FOREIGN * 5 + SURNAMES,
    "ORG": ORGS * 4,
    "LOC": PLACES * 4,
}


def inflect(name: str, kind: str, case: str) -> str:
    return name
