"""Turkish names for train_ner.py's template sentences, and the case suffixes the templates'
slots ask for (`{PER:gen}` ...). Written for this purpose: first names and surnames of
common Turkish patterns combined at random, foreign public figures as the Turkish press
spells them, organisations and places. No person or organisation of the news fixtures
(tests/fixtures/ner-news/tr.json, heldout2/tr.json) is in these lists, so the fixtures
measure names the model never saw here (places excepted: the gazetteer's towns are in both).

A proper name's case suffix follows an apostrophe ("Ankara'da", "Erdoğan'ın", "TBMM'nin"),
in the vowel harmony of the name's last vowel, `d` hardened to `t` after a voiceless
consonant ("Sinop'ta"), a buffer letter after a vowel ("Rize'ye", "Rize'nin"); an acronym is
read by its letters' names ("CHP'nin": pe). Cases: gen(itive), acc(usative), dat(ive),
loc(ative), abl(ative), ins(trumental), daki (locative + ki); nominative is the slot
without a case."""

import random

MALE = """Ahmet Mehmet Mustafa Ali Hüseyin Hasan İbrahim İsmail Osman Yusuf Murat Ömer Ramazan Halil
Süleyman Abdullah Mahmut Recep Salih Fatih Kadir Emre Burak Serkan Volkan Tolga Cem Can Kerem
Oğuz Umut Erkan Selim Kemal Orhan Levent Tuncay Gökhan Sinan Onur Barış Deniz Kaan Arda Yiğit
Eren Berk Hakan Ercan Cengiz Turgut Necati Bülent Nihat Şükrü Erdal Tamer Metin Zeki Sedat""".split()
FEMALE = """Ayşe Fatma Emine Hatice Zeynep Elif Meryem Şerife Zehra Sultan Hanife Merve Özlem Esra
Gül Derya Sibel Burcu Ebru Pınar Aslı Ceren Duygu Seda Gamze Tuğba Canan Nilüfer Selin Melike
Büşra Dilek İpek Sevgi Tülay Yasemin Nurcan Songül Hülya Şule""".split()
SURNAMES = """Yıldırım Aydın Öztürk Arslan Doğan Kılıç Aslan Çetin Kara Kurt Özdemir Şahin Yıldız
Çelik Polat Erdem Güneş Acar Bulut Keskin Ünal Turan Güler Tekin Kaplan Sarı Bozkurt Özcan
Avcı Coşkun Korkmaz Karaca Uçar Demirci Toprak Ateş Tuna Yavuz Aktaş Sönmez Başaran Karakaya
Altun Erdoğdu Kocabaş Tunçel Yücel Akgül Erbaş Gündoğdu Karataş Temiz Uysal Sezer Ekinci
Akbulut Bayram Türkmen Kahraman Özkan Durmaz Çakır Akın Güven Tan Yalçın Taşkın Demirtaş
Karadağ Sevim Ağaoğlu Karamollaoğlu Hacıoğlu Kuzuoğlu Ertuğrul Sağlam Berberoğlu""".split()

FOREIGN = """Emmanuel Macron|Olaf Scholz|Keir Starmer|Joe Biden|Donald Trump|Angela Merkel
|Antonio Costa|Şi Cinping|Elon Musk|Giorgia Meloni|Viktor Orban|Robert Fico|Pedro Sanchez
|Mark Rutte|Jens Stoltenberg|Justin Trudeau|Narendra Modi|Lula da Silva|Maia Sandu
|Sergey Lavrov|Aleksandr Lukaşenko|Kamala Harris|Lionel Messi|Cristiano Ronaldo|Edin Dzeko
|Dusan Tadic|Mauro Icardi|Kaja Kallas|Andrzej Duda|Nikol Paşinyan|Kasım Cömert Tokayev
|Şevket Mirziyoyev|Abdülfettah es-Sisi|Muhammed bin Selman|Mahmud Abbas|İsmail Haniye
|Ahmed Şara|Mesud Barzani|Ebrahim Reisi|Abbas Arakçi|Nikos Hristodulidis|Ersin Tatar
|Tufan Erhürman""".replace("\n", "").split("|")

ORGS = """Adalet ve Kalkınma Partisi|AK Parti|İYİ Parti|Zafer Partisi|Saadet Partisi|Demokrat Parti
|Türkiye İşçi Partisi|Gelecek Partisi|DEVA Partisi|Halkların Eşitlik ve Demokrasi Partisi
|Milli Eğitim Bakanlığı|İçişleri Bakanlığı|Dışişleri Bakanlığı|Adalet Bakanlığı|Ticaret Bakanlığı
|Enerji ve Tabii Kaynaklar Bakanlığı|Ulaştırma ve Altyapı Bakanlığı|Aile ve Sosyal Hizmetler Bakanlığı
|Milli Savunma Bakanlığı|Gençlik ve Spor Bakanlığı|Kültür ve Turizm Bakanlığı|Hazine ve Maliye Bakanlığı
|Türkiye İstatistik Kurumu|TÜİK|Rekabet Kurumu|Sermaye Piyasası Kurulu|SPK|BDDK|RTÜK|YÖK
|Diyanet İşleri Başkanlığı|Emniyet Genel Müdürlüğü|Jandarma Genel Komutanlığı|MİT|MSB
|Yüksek Seçim Kurulu|YSK|Danıştay|Sayıştay|Hâkimler ve Savcılar Kurulu|Cumhurbaşkanlığı
|İletişim Başkanlığı|Meteoroloji Genel Müdürlüğü|Kandilli Rasathanesi|TOKİ|DSİ|TCDD|PTT
|Borsa İstanbul|Halkbank|Vakıfbank|İş Bankası|Garanti BBVA|Akbank|Turkcell|Türk Telekom
|Vodafone|Pegasus|Arçelik|Vestel|Sabancı Holding|Eczacıbaşı|Baykar|Roketsan|TUSAŞ|Havelsan
|Türkiye Petrolleri|BOTAŞ|TOGG|Şişecam|Ülker|Migros|BİM|Anadolu Ajansı|TRT|Hürriyet|Cumhuriyet
|Sözcü|NTV|Habertürk|Milliyet|Sabah|BBC Türkçe|Reuters|Bloomberg|Associated Press
|Başakşehir|Kasımpaşa|Samsunspor|Göztepe|Antalyaspor|Konyaspor|Sivasspor|Kayserispor|Alanyaspor
|Eyüpspor|Bodrum FK|Gaziantep FK|Hatayspor|Rizespor|Anadolu Efes|Fenerbahçe Beko|Real Madrid
|Barcelona|Bayern Münih|Manchester United|Liverpool|Juventus|Türkiye Futbol Federasyonu|TFF|UEFA|FIFA
|Ankara Üniversitesi|Hacettepe Üniversitesi|İstanbul Teknik Üniversitesi|ODTÜ|Ege Üniversitesi
|Türk Tabipleri Birliği|TÜSİAD|MÜSİAD|TOBB|DİSK|Türk-İş|Memur-Sen|Türkiye Barolar Birliği
|NATO|Avrupa Parlamentosu|Avrupa Konseyi|Avrupa Birliği|AB|İslam İşbirliği Teşkilatı|UNESCO
|Dünya Bankası|IMF|Uluslararası Para Fonu|Dünya Sağlık Örgütü|DSÖ|Kızılhaç|Pentagon|Beyaz Saray
|Google|Microsoft|Apple|Meta|Siemens|Boeing|Tesla|Volkswagen|Mercedes|Toyota
|Esenyurt Belediyesi|Çankaya Belediyesi|Bursa Büyükşehir Belediyesi|Antalya Büyükşehir Belediyesi
|Mersin Büyükşehir Belediyesi|Kadıköy Belediyesi|Ekonomi Politikaları Araştırma Vakfı|TEPAV""".replace("\n", "").split("|")

PLACES = """Ankara|İstanbul|İzmir|Bursa|Antalya|Adana|Konya|Gaziantep|Şanlıurfa|Kocaeli|Mersin
|Diyarbakır|Hatay|Manisa|Kayseri|Samsun|Balıkesir|Kahramanmaraş|Van|Aydın|Denizli|Sakarya
|Tekirdağ|Muğla|Eskişehir|Mardin|Trabzon|Malatya|Erzurum|Ordu|Afyonkarahisar|Sivas|Tokat
|Zonguldak|Elazığ|Batman|Çorum|Kütahya|Isparta|Osmaniye|Giresun|Aksaray|Yozgat|Edirne
|Düzce|Kastamonu|Uşak|Niğde|Kırklareli|Rize|Amasya|Bolu|Nevşehir|Bitlis|Muş|Sinop|Artvin
|Kars|Ağrı|Hakkari|Şırnak|Siirt|Bingöl|Tunceli|Ardahan|Iğdır|Bartın|Karabük|Kilis|Bayburt
|Gümüşhane|Yalova|Çanakkale|Burdur|Karaman|Kırıkkale|Kırşehir|Çankırı|Bilecik|Adıyaman
|Üsküdar|Beyoğlu|Bakırköy|Ataşehir|Bağcılar|Esenyurt|Pendik|Kartal|Sarıyer
|Çankaya|Keçiören|Yenimahalle|Etimesgut|Polatlı|Karşıyaka|Bornova|Konak|Çeşme|Ödemiş
|Marmaris|Fethiye|Alanya|Manavgat|Kemer|Kuşadası|Didim|İskenderun|Tarsus|Ceyhan|Kozan
|Nizip|Siverek|Cizre|Silopi|Nusaybin|Midyat|Ergani|Bafra|Çarşamba|Akçakoca|Ünye|Fatsa
|Soma|Akhisar|Turgutlu|Salihli|Bandırma|Edremit|Ayvalık|Gebze|İzmit|Gölcük|Çorlu|Lüleburgaz
|Karadeniz|Ege|Akdeniz|Marmara|Kapadokya|Kıbrıs|KKTC|Fırat|Dicle|Boğaziçi|Çukurova
|Almanya|Fransa|İtalya|İspanya|Yunanistan|Bulgaristan|Romanya|Macaristan|Polonya|Ukrayna
|Rusya|Gürcistan|Ermenistan|Azerbaycan|İran|Irak|Suriye|Lübnan|İsrail|Filistin|Mısır
|Suudi Arabistan|Katar|Birleşik Arap Emirlikleri|Kazakistan|Özbekistan|Çin|Japonya|Hindistan
|Pakistan|Amerika Birleşik Devletleri|ABD|Kanada|Brezilya|İngiltere|Birleşik Krallık|Hollanda
|Belçika|Avusturya|İsviçre|İsveç|Norveç|Finlandiya|Libya|Sudan|Somali|Afganistan
|Berlin|Paris|Londra|Roma|Madrid|Viyana|Atina|Sofya|Bükreş|Moskova|Kiev|Tiflis|Bakü|Tahran
|Bağdat|Şam|Beyrut|Kudüs|Tel Aviv|Kahire|Riyad|Doha|Dubai|Pekin|Tokyo|New York|Brüksel
|Lefkoşa|Erbil|Halep|İdlib|Musul|Kerkük|Gazze|Refah|Batı Şeria|Kırım|Karabağ|Donbas""".replace("\n", "").split("|")

# Organisation names built the way Turkish names its institutions, companies and clubs.
FIELDS = """Eğitim|Tarım|Ulaştırma|Enerji|Çalışma|Sanayi|Ticaret|Çevre|Turizm|Kültür|Spor
|Gençlik|Aile|Adalet|Savunma|Göç|Orman|Maden|Vakıflar|Gümrük|Nüfus|Tapu|Hazine""".replace("\n", "").split("|")
WORDS = """Anadolu|Marmara|Ege|Akdeniz|Karadeniz|Doğu|Yıldız|Güneş|Atlas|Özgür|Birlik|Yeni|Ulusal
|Kuzey|Güney|Boğaz|Toros|Fırat|Zirve|Kartal|Doğan|Ak|Mavi|Yeşil|Kent|Şehir|Halk""".replace("\n", "").split("|")
TOWNS = PLACES[:80]


def _organisations(rng: random.Random, n: int):
    shapes = [
        lambda: f"{rng.choice(TOWNS)} Belediyesi",
        lambda: f"{rng.choice(TOWNS)} Büyükşehir Belediyesi",
        lambda: f"{rng.choice(TOWNS)} Valiliği",
        lambda: f"{rng.choice(TOWNS)} Üniversitesi",
        lambda: f"{rng.choice(TOWNS)} Ticaret Odası",
        lambda: f"{rng.choice(TOWNS)} Barosu",
        lambda: f"{rng.choice(TOWNS)} Cumhuriyet Başsavcılığı",
        lambda: f"{rng.choice(TOWNS)} İl Sağlık Müdürlüğü",
        lambda: f"{rng.choice(TOWNS)}spor",
        lambda: f"{rng.choice(SURNAMES)} Holding",
        lambda: f"{rng.choice(SURNAMES)} Grubu",
        lambda: f"{rng.choice(WORDS)} Bankası",
        lambda: f"{rng.choice(WORDS)} Partisi",
        lambda: f"{rng.choice(WORDS)} Sigorta",
        lambda: f"{rng.choice(WORDS)} Enerji",
        lambda: f"{rng.choice(WORDS)} Havayolları",
        lambda: f"{rng.choice(FIELDS)} Bakanlığı",
        lambda: f"{rng.choice(FIELDS)} Genel Müdürlüğü",
        lambda: f"Türkiye {rng.choice(FIELDS)} Vakfı",
        lambda: f"{rng.choice(FIELDS)} ve {rng.choice(FIELDS)} Bakanlığı",
        lambda: f"{rng.choice(WORDS)} Derneği",
        lambda: f"{rng.choice(WORDS)} Yayınları",
    ]
    return [rng.choice(shapes)() for _ in range(n)]


BACK, FRONT = "aıou", "eiöü"
VOICELESS = "fstkçşhp"
# The names of the letters, for acronyms ("ABD'de": de, "AKP'nin": pe, "TSK'ya": ka).
LETTER = {c: c.lower() + "e" for c in "BCÇDFGĞJLMNPRSŞTVYZ"} | {"H": "he", "K": "ka", "Q": "kü",
          "W": "ve", "X": "iks"}  # fmt: skip
SUFFIX = {
    # case: (after a consonant, after a vowel), in the back-unrounded form; A -> a/e, I -> ı/i/u/ü
    "gen": ("In", "nIn"),
    "acc": ("I", "yI"),
    "dat": ("A", "yA"),
    "loc": ("DA", "DA"),
    "abl": ("DAn", "DAn"),
    "ins": ("lA", "ylA"),
    "daki": ("DAki", "DAki"),
}


def _lower(word: str) -> str:
    return word.replace("I", "ı").replace("İ", "i").lower()


def _sound(name: str) -> str:
    """The last word of `name` as it is pronounced, enough for vowel harmony."""
    last = name.split()[-1]
    if last.isupper() and len(last) > 1:
        # A word-like acronym (NATO, AFAD) reads as a word; others letter by letter.
        vowels = sum(c in "AEIİOÖUÜ" for c in last)
        if last[-1] not in "AEIİOÖUÜ" and vowels * 2 < len(last):
            return _lower(last[:-1]) + LETTER.get(last[-1], _lower(last[-1]))
    return _lower(last)


def suffix(name: str, case: str) -> str:
    sound = _sound(name)
    vowels = [c for c in sound if c in BACK + FRONT]
    last = vowels[-1] if vowels else "e"
    ends_in_vowel = sound[-1] in BACK + FRONT
    form = SUFFIX[case][1 if ends_in_vowel else 0]
    out = ""
    for c in form:
        if c == "A":
            out += "a" if last in BACK else "e"
        elif c == "I":
            out += {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[last]
        elif c == "D":
            out += "t" if not out and sound[-1] in VOICELESS else "d"
        else:
            out += c
    return out


_rng = random.Random(14)


def inflect(name: str, kind: str, case: str) -> str:
    """`name` with the apostrophe and `case` suffix; one in six with the typographic
    apostrophe, as some sites write it."""
    mark = "’" if _rng.random() < 1 / 6 else "'"
    return f"{name}{mark}{suffix(name, case)}"


def _people(rng: random.Random, n: int):
    names = []
    for _ in range(n):
        r = rng.random()
        first = rng.choice(MALE) if r < 0.7 else rng.choice(FEMALE)
        if rng.random() < 0.15:  # two given names, as many Turkish public figures have
            first += " " + rng.choice(MALE if r < 0.7 else FEMALE)
        if rng.random() < 0.15:
            names.append(rng.choice(SURNAMES))  # a surname alone, as on second mention
        else:
            names.append(f"{first} {rng.choice(SURNAMES)}")
    return names


NAMES = {
    "PER": _people(random.Random(14), 3000) + FOREIGN * 10,
    "ORG": _organisations(random.Random(14), 1500) + ORGS * 5,
    "LOC": PLACES,
}
