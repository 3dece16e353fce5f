"""Ukrainian names for train_ner.py's template sentences, and the case endings the templates'
slots ask for (`{PER:gen}` ...). Written for this purpose: first names and surnames of
common Ukrainian patterns combined at random, foreign public figures as the Ukrainian press
spells them, organisations and places (towns, oblasts and raions, rivers, countries). No name
that occurs in the news fixtures (tests/fixtures/ner-news/, tune and held-out), in any case,
is drawn from these lists: `unseen` drops them (without showing which), so the fixtures
measure names the model never saw here. train_ner.py filters the gazetteer's places with it too.
Cases: gen(itive), dat(ive), acc(usative), ins(trumental), loc(ative); nominative is the
slot without a case."""

import json
import random
import re
from pathlib import Path

MALE = """Олександр Андрій Сергій Дмитро Олег Іван Михайло Юрій Василь Петро Микола Богдан Тарас
Роман Віктор Максим Ярослав Степан Григорій Анатолій Валерій Євген Ігор Костянтин Леонід
Павло Руслан Святослав Геннадій Назар Остап Орест Вадим Артем Кирило Любомир Мирослав""".split()
FEMALE = """Олена Ірина Наталія Оксана Тетяна Людмила Ганна Марія Катерина Галина Світлана Ольга
Вікторія Надія Лариса Софія Христина Уляна Зоряна Леся Дарина Мирослава Богдана Інна""".split()
# Surnames: (masculine, feminine) forms.
SURNAMES = [
    (s, s) for s in """Ковальчук Мельник Шевчук Бондаренко Кравченко Ткаченко Коваленко Олійник
    Шевченко Савченко Руденко Марченко Поліщук Лисенко Гнатюк Романюк Мазур Бойко Кушнір
    Павленко Климченко Гончаренко Петренко Левченко Костенко Дячук Сидоренко Панчук Тимчук
    Приходько Гуменюк Яковенко Демченко Федорук Білик Хоменко Гаврилюк Сорока Бабенко""".split()
] + [
    (s, s[:-2] + "а") for s in """Ковальський Бережанський Тернопільський Вишневський Шумський
    Городецький Залізницький Ставицький Островський Підгірський Раковецький Кременецький
    Заблоцький Стецький Погорілий Чорновіл Білозерський""".split() if s.endswith("ий")
] + [(s, s) for s in "Гнатів Стефанишин Дорошенко Головатий Литвин Семенович".split() if not s.endswith("ий")]

FOREIGN = """Емманюель Макрон|Олаф Шольц|Кір Стармер|Джо Байден|Ангела Меркель|Антоніу Гутерріш
|Реджеп Ердоган|Сі Цзіньпін|Ілон Маск|Джорджа Мелоні|Віктор Орбан|Роберт Фіцо|Педро Санчес
|Урсула фон дер Ляєн|Шарль Мішель|Антоніу Кошта|Єнс Столтенберг|Джастін Трюдо|Фуміо Кісіда
|Нарендра Моді|Лула да Сілва|Мая Санду|Александр Стубб|Петтері Орпо|Ґітанас Науседа
|Едгарс Рінкевичс|Алар Каріс|Анджей Дуда|Фрідріх Мерц|Франк-Вальтер Штайнмаєр|Марко Рубіо
|Ллойд Остін|Ентоні Блінкен|Джей Ді Венс|Кіт Келлог|Стів Віткофф|Сергій Лавров|Дмитро Пєсков
|Олександр Лукашенко|Рамзан Кадиров|Ліндсі Грем|Камала Гарріс|Кайл Волкер|Ліонель Мессі
|Кая Каллас|Роберта Мецола|Пет Гегсет|Скотт Бессент|Мет Віттакер|Дональд Туск|Кароль Навроцький
|Жан-Ноель Барро|Девід Леммі|Джон Гілі|Іветта Купер|Борис Пісторіус|Йоганн Вадефуль
|Ларс Клінгбайль|Ульф Крістерссон|Йонас Гар Стере|Метте Фредеріксен|Нікушор Дан|Петр Павел
|Петр Фіала|Андрей Бабіш|Петер Мадяр|Рафаель Гроссі|Крісталіна Георгієва|Аджай Банга|Карім Хан
|Біньямін Нетаньягу|Масуд Пезешкіан|Марк Карні|Ентоні Албаніз|Хав'єр Мілей|Клаудія Шейнбаум
|Алексус Грінкевич|Гаральд Зільбер|Мартін Шульц|Карл Нехаммер|Крістіан Штокер""".replace("\n", "").split("|")
# Foreign women's first names: their surnames decline as women's (or not at all).
FOREIGN_FEMALE = set("Ангела Джорджа Урсула Мая Камала Кая Роберта Іветта Метте Крісталіна Клаудія".split())

ORGS = """Міністерство фінансів|Міністерство юстиції|Міністерство освіти і науки|Міноборони
|Мінекономіки|Національна поліція|Державна податкова служба|Державна митна служба|Рахункова палата
|Конституційний Суд|Верховний Суд|Офіс Генерального прокурора|Офіс президента|Пенсійний фонд
|Антимонопольний комітет|Фонд держмайна|Державне бюро розслідувань|Нацполіція|Мінцифри
|Укрпошта|Укргідроенерго|Енергоатом|ДТЕК|Київстар|Ощадбанк|Монобанк|Метінвест|Кернел|Фокстрот
|Нова пошта|Антонов|Укроборонпром|Слуга народу|Європейська солідарність|Батьківщина|Голос
|Свобода|Зоря|Дніпро-1|Ворскла|Олександрія|Металіст|Карпати|Полісся|Кривбас|Рух
|Укрінформ|Суспільне|Українська правда|Громадське|Радіо Свобода|Дзеркало тижня|Економічна правда
|Європейський парламент|Рада Європи|ОБСЄ|ООН|ЮНЕСКО|Світовий банк|Червоний Хрест|ЄБРР|МАГАТЕ
|Пентагон|Бундестаг|Сейм|Google|Microsoft|Siemens|Rheinmetall|Boeing|Bayraktar|SpaceX|Reuters
|Київський політехнічний інститут|Київський національний університет|Львівська політехніка
|Інститут соціології|Фонд Сергія Притули|Центр протидії дезінформації|Держспецзв'язку|Укртелеком
|Міністерство охорони здоров'я|Міністерство закордонних справ|МЗС|Міністерство енергетики
|Мінагрополітики|Мінрегіон|Мінстратегпром|Міністерство внутрішніх справ|МВС|Служба безпеки України
|СБУ|Головне управління розвідки|ГУР|Державна служба надзвичайних ситуацій|ДСНС
|Національне антикорупційне бюро|НАБУ|САП|ВАКС|Вища рада правосуддя|Кабінет міністрів|Кабмін
|ЦВК|Нацбанк|НБУ|НКЦПФР|Нафтогаз|Укрнафта|Укренерго|Укрзалізниця|Укравтодор|Приватбанк
|Укргазбанк|Епіцентр|АТБ|Сільпо|Rozetka|Vodafone|Шахтар|Динамо|Оболонь|Верес|Інгулець|Колос
|Чорноморець|Лівий Берег|НАТО|Єврокомісія|Євросоюз|МВФ|Міжнародний валютний фонд
|Міжнародний кримінальний суд|ВООЗ|Amnesty International|Human Rights Watch|Apple|Meta|Amazon
|Nvidia|OpenAI|Lockheed Martin|Raytheon|Airbus|Volkswagen|Shell|Газпром|Роснефть|Лукойл
|Києво-Могилянська академія|Харківський національний університет|Український католицький університет
|УКУ|Ukrainian Pravda|Forbes Україна|Кіберполіція|Держприкордонслужба|Генштаб""".replace("\n", "").split("|")

PLACES = """Київ|Львів|Харків|Одеса|Дніпро|Запоріжжя|Вінниця|Полтава|Чернігів|Суми|Житомир|Черкаси
|Кропивницький|Миколаїв|Херсон|Рівне|Луцьк|Тернопіль|Хмельницький|Івано-Франківськ|Ужгород
|Чернівці|Краматорськ|Слов'янськ|Маріуполь|Бердянськ|Мелітополь|Ізюм|Куп'янськ|Бахмут
|Буча|Ірпінь|Бровари|Біла Церква|Умань|Кременчук|Нікополь|Павлоград|Кривий Ріг|Коломия
|Мукачево|Ковель|Дрогобич|Бориспіль|Обухів|Фастів|Конотоп|Шостка|Охтирка|Вишгород
|Донбас|Крим|Полісся|Буковина|Галичина|Слобожанщина|Поділля|Дністер|Десна|Південний Буг
|Карпати|Говерла|Азовське море|Каховка|Севастополь|Ялта|Донецьк|Луганськ|Горлівка
|Польща|Німеччина|Франція|Італія|Іспанія|Румунія|Молдова|Угорщина|Словаччина|Чехія|Литва
|Латвія|Естонія|Фінляндія|Швеція|Норвегія|Данія|Нідерланди|Бельгія|Австрія|Швейцарія
|Туреччина|Грузія|Вірменія|Азербайджан|Казахстан|Китай|Японія|Індія|Канада|Бразилія
|Британія|Ізраїль|Єгипет|Білорусь|Берлін|Париж|Рим|Мадрид|Відень|Прага|Вільнюс|Рига|Таллінн
|Гельсінкі|Стокгольм|Осло|Анкара|Стамбул|Тбілісі|Кишинів|Бухарест|Братислава|Гаага|Мюнхен
|Женева|Давос|Мілан|Краків|Жешув|Люблін|Гданськ|Нью-Йорк|Пекін|Токіо|Делі|Оттава|Москва
|Бєлгород|Курськ|Брянськ|Мінськ|Стокгольм|Ер-Ріяд|Доха|Абу-Дабі|Джидда|Анталія|Сочі
|Кам'янець-Подільський|Бердичів|Коростень|Звягель|Шепетівка|Нетішин|Славута|Жмеринка|Хмільник
|Гайсин|Ладижин|Козятин|Немирів|Тульчин|Калуш|Долина|Надвірна|Яремче|Косів|Болехів|Стрий|Самбір
|Шептицький|Золочів|Броди|Жовква|Трускавець|Моршин|Яворів|Сарни|Вараш|Дубно|Костопіль|Здолбунів
|Нововолинськ|Берегове|Хуст|Виноградів|Рахів|Тячів|Свалява|Чортків|Бережани|Кременець|Збараж
|Хотин|Сторожинець|Вижниця|Ніжин|Прилуки|Козелець|Бахмач|Ромни|Лебедин|Глухів|Тростянець
|Білопілля|Лозова|Чугуїв|Балаклія|Вовчанськ|Богодухів|Мерефа|Лубни|Миргород|Гадяч|Карлівка
|Світловодськ|Знам'янка|Гайворон|Первомайськ|Вознесенськ|Южноукраїнськ|Очаків|Нова Каховка
|Генічеськ|Енергодар|Токмак|Оріхів|Пологи|Марганець|Покров|Жовті Води|Синельникове|Сміла
|Золотоноша|Канів|Звенигородка|Васильків|Боярка|Славутич|Переяслав|Яготин|Березань|Дружківка
|Лиман|Сіверськ|Торецьк|Мирноград|Добропілля|Селидове|Вугледар|Волноваха|Сватове|Старобільськ
|Рубіжне|Сєвєродонецьк|Лисичанськ|Кремінна|Київщина|Черкащина|Хмельниччина|Вінниччина
|Тернопільщина|Рівненщина|Полтавщина|Чернігівщина|Кіровоградщина|Миколаївщина|Херсонщина
|Одещина|Харківщина|Сумщина|Житомирщина|Донеччина|Луганщина|Дніпропетровщина|Львівщина
|Прикарпаття|Закарпаття|Бессарабія|Прут|Тиса|Інгулець|Рось|Сула|Псел|Случ|Горинь|Черемош
|Сіверський Донець|Вашингтон|Лондон|Будапешт|Софія|Белград|Загреб|Любляна|Афіни|Лісабон
|Дублін|Копенгаген|Амстердам|Люксембург|Страсбург|Франкфурт|Гамбург|Кельн|Рамштайн|Вроцлав
|Познань|Лодзь|Перемишль|Ясси|Констанца|Сучава|Сеул|Тегеран|Дамаск|Бейрут|Багдад|Каїр
|Мехіко|Сідней|Канберра|Маямі|Флорида|Каліфорнія|Техас|Аляска|Сирія|Іран|Ірак
|Південна Корея|Північна Корея|Австралія|Мексика|Аргентина|Португалія|Греція|Болгарія|Сербія
|Хорватія|Словенія|Ірландія|Ісландія|Катар|Саудівська Аравія""".replace("\n", "").split("|")
# Oblasts and raions: an adjective and its noun, declined together (`_adjective_place`).
PLACES += [f"{a} область" for a in """Вінницька Волинська Дніпропетровська Донецька Житомирська
Закарпатська Запорізька Івано-Франківська Київська Кіровоградська Луганська Львівська Миколаївська
Одеська Полтавська Рівненська Сумська Тернопільська Харківська Херсонська Хмельницька Черкаська
Чернівецька Чернігівська""".split()]
PLACES += [f"{a} район" for a in """Бучанський Вишгородський Броварський Обухівський Фастівський
Білоцерківський Бориспільський Шосткинський Конотопський Охтирський Роменський Сумський
Чугуївський Куп'янський Ізюмський Богодухівський Лозівський Красноградський Нікопольський
Криворізький Синельниківський Павлоградський Покровський Краматорський Бахмутський Волноваський
Пологівський Василівський Мелітопольський Бериславський Каховський Скадовський Баштанський
Вознесенський Ізмаїльський Болградський Подільський Березівський Стрийський Самбірський
Дрогобицький Яворівський Золочівський Ковельський Сарненський Вараський Дубенський Коломийський
Косівський Верховинський Калуський Рахівський Хустський Тячівський Берегівський Мукачівський
Ужгородський""".split()]


def _people(rng: random.Random, n: int):
    names = []
    for _ in range(n):
        masc, fem = rng.choice(SURNAMES)
        r = rng.random()
        if r < 0.55:
            names.append(f"{rng.choice(MALE)} {masc}")
        elif r < 0.8:
            names.append(f"{rng.choice(FEMALE)} {fem}")
        else:
            names.append(masc if rng.random() < 0.7 else fem)  # a surname alone, as on second mention
    return names


FIXTURES = Path(__file__).resolve().parents[4] / "tests" / "fixtures" / "ner-news"


def _fixture_text() -> str:
    """Every Ukrainian fixture paragraph (tune and held-out), only to keep their names out."""
    texts = []
    for path in sorted(FIXTURES.rglob("uk.json")):
        texts.extend(p["text"] for p in json.loads(path.read_text(encoding="utf-8"))["paragraphs"])
    return "\n".join(texts)


_FIXTURES = _fixture_text()


def _word_pattern(word: str) -> str:
    """A word and its declined forms: the stem without the last two letters, any short ending
    (acronyms and words of three letters as written)."""
    if len(word) <= 3 or word.isupper():
        return re.escape(word)
    return re.escape(word[: max(3, len(word) - 2)]) + r"\w{0,4}"


def _seen(name: str, kind: str) -> bool:
    """Whether `name`, in any case, occurs as whole words in a fixture paragraph."""
    forms = [r"\s+".join(_word_pattern(w) for w in name.split())]
    forms += [re.escape(inflect(name, kind, case)) for case in CASES]
    return any(re.search(r"(?<!\w)(?:" + f + r")(?!\w)", _FIXTURES) for f in forms)


def unseen(names, kind: str):
    """`names` less those that occur in a fixture paragraph in any case (without showing which),
    so the fixtures measure names the model never saw here."""
    return [n for n in names if not _seen(n, kind)]

FEMININE = set(FEMALE) | FOREIGN_FEMALE | {f for _, f in SURNAMES}
SOFT = {"к": "ц", "г": "з", "х": "с"}


def _person_word(word: str, female: bool, case: str) -> str:
    if female:
        if word.endswith(("ська", "цька", "зька")) or (word.endswith("а") and word[:-1].endswith(("ськ", "цьк"))):
            return word[:-1] + {"gen": "ої", "dat": "ій", "acc": "у", "ins": "ою", "loc": "ій"}[case]
        if word.endswith("ія"):
            return word[:-1] + {"gen": "ї", "dat": "ї", "acc": "ю", "ins": "єю", "loc": "ї"}[case]
        if word.endswith("я") and word[-2] in "аеєиіїоуюя":  # Кая -> Каї
            return word[:-1] + {"gen": "ї", "dat": "ї", "acc": "ю", "ins": "єю", "loc": "ї"}[case]
        if word.endswith("я"):
            return word[:-1] + {"gen": "і", "dat": "і", "acc": "ю", "ins": "ею", "loc": "і"}[case]
        if word.endswith("а"):
            stem = word[:-1]
            soft = stem[:-1] + SOFT.get(stem[-1], stem[-1])
            return {"gen": stem + "и", "dat": soft + "і", "acc": stem + "у", "ins": stem + "ою", "loc": soft + "і"}[case]
        return word  # -о, a consonant (Каллас), a foreign vowel: not declined
    if word.endswith(("ський", "цький", "зький", "лий", "тий")):  # adjectival surnames
        return word[:-2] + {"gen": "ого", "dat": "ому", "acc": "ого", "ins": "им", "loc": "ому"}[case]
    if word.endswith("ій"):
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "єм", "loc": "ю"}[case]
    if word.endswith("ь"):
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "loc": "ю"}[case]
    if word.endswith("о"):
        return word[:-1] + {"gen": "а", "dat": "ові", "acc": "а", "ins": "ом", "loc": "ові"}[case]
    if word.endswith("а"):
        return word[:-1] + {"gen": "и", "dat": "і", "acc": "у", "ins": "ою", "loc": "і"}[case]
    if word[-1] in "бвгґджзклмнпрстфхцчшщ":
        return word + {"gen": "а", "dat": "у", "acc": "а", "ins": "ом", "loc": "у"}[case]
    return word


def _place_word(word: str, case: str) -> str:
    if word.endswith(("ів", "їв")):
        stem = word[:-2] + ("о" if word.endswith("ів") else "є")
        return stem + {"gen": "ва", "dat": "ву", "acc": "в", "ins": "вом", "loc": "ві"}[case] if case != "acc" else word
    if word.endswith("ія"):
        return word[:-1] + {"gen": "ї", "dat": "ї", "acc": "ю", "ins": "єю", "loc": "ї"}[case]
    if word.endswith("а"):
        stem = word[:-1]
        soft = stem[:-1] + SOFT.get(stem[-1], stem[-1])
        return {"gen": stem + "и", "dat": soft + "і", "acc": stem + "у", "ins": stem + "ою", "loc": soft + "і"}[case]
    if word.endswith("ь"):
        return word[:-1] + {"gen": "я", "dat": "ю", "acc": word[-1], "ins": "ем", "loc": "і"}[case] if case != "acc" else word
    if word.endswith("о") and len(word) > 3:
        return word[:-1] + {"gen": "а", "dat": "у", "acc": "о", "ins": "ом", "loc": "і"}[case]
    if word[-1] in "бвгґджзклмнпрстфхцчшщ":
        return word if case == "acc" else word + {"gen": "а", "dat": "у", "ins": "ом", "loc": "і"}[case]
    return word  # Тбілісі, Гельсінкі, plurals (Суми, Черкаси) and the like: left as written


ADJECTIVE = {  # an adjective's endings by the gender of its ending in the nominative
    "а": {"gen": "ої", "dat": "ій", "acc": "у", "ins": "ою", "loc": "ій"},
    "ий": {"gen": "ого", "dat": "ому", "acc": "ий", "ins": "им", "loc": "ому"},
}
NOUN = {  # the nouns of oblasts and raions
    "область": {"gen": "області", "dat": "області", "acc": "область", "ins": "областю", "loc": "області"},
    "район": {"gen": "району", "dat": "району", "acc": "район", "ins": "районом", "loc": "районі"},
}


def _adjective_place(words, case: str):
    """An oblast or raion ("Львівська область" -> "Львівській області"), or a town of an
    adjective and a feminine noun ("Біла Церква" -> "Білої Церкви"); None for other names."""
    adjective, noun = words
    ending = "а" if adjective.endswith("а") else "ий" if adjective.endswith("ий") else None
    if ending is None:
        return None
    stem = adjective[: -len(ending)]
    if noun in NOUN:
        return f"{stem}{ADJECTIVE[ending][case]} {NOUN[noun][case]}"
    if ending == "а" and noun.endswith(("а", "я")):
        return f"{stem}{ADJECTIVE[ending][case]} {_place_word(noun, case)}"
    return None


ADJECTIVE["е"] = {"gen": "ого", "dat": "ому", "acc": "е", "ins": "им", "loc": "ому"}
# Endings that make a word before an organisation's noun an adjective ("Державна служба").
ADJECTIVE_ENDINGS = ("ний", "ський", "цький", "зький", "вий", "на", "ська", "цька", "ова", "ва", "ща", "не", "ське", "ве")
# Masculine nouns of institutions with the genitive in -у ("суду", "фонду").
U_NOUNS = set("суд фонд комітет банк університет інститут центр парламент офіс союз штаб трибунал альянс конгрес".split())


def _org_noun(word: str, case: str):
    """An organisation's head noun in `case`, its capital kept; None for a noun not handled."""
    lower = word.lower()
    if lower in U_NOUNS:
        loc = "у" if lower[-1] in "кгх" else "і"
        form = lower + {"gen": "у", "dat": "у", "acc": "", "ins": "ом", "loc": loc}[case]
    elif lower.endswith(("ство", "цтво")):
        form = lower[:-1] + {"gen": "а", "dat": "у", "acc": "о", "ins": "ом", "loc": "і"}[case]
    elif lower.endswith("ість"):
        form = lower[:-4] + {"gen": "ості", "dat": "ості", "acc": "ість", "ins": "істю", "loc": "ості"}[case]
    elif lower == "бюро":
        form = lower
    elif lower.endswith("ія") or lower.endswith(("а", "я")) and lower[-2] not in "аеєиіїоуюя'" and lower[-2] != lower[-3]:
        # not a neuter of a doubled consonant ("Полісся", "управління")
        form = _person_word(lower, True, case)
    else:
        return None
    return word[0] + form[1:]


def _organisation(words, case: str):
    """An organisation of adjectives, a head noun and words left as written ("Державна
    податкова служба України" -> "Державної податкової служби України"), or one word of a
    feminine noun's shape ("Укрзалізниця" -> "Укрзалізниці"); None for other names."""
    if len(words) == 1:
        word = words[0]
        if word.isupper() or not word.endswith(("а", "я")) or not re.fullmatch(r"[А-ЯІЇЄҐа-яіїєґ']+", word):
            return None
        return _org_noun(word, case)
    adjectives = 0
    while adjectives < len(words) - 1 and words[adjectives].endswith(ADJECTIVE_ENDINGS):
        adjectives += 1
    head = _org_noun(words[adjectives], case)
    if head is None:
        return None
    declined = []
    for word in words[:adjectives]:
        ending = "ий" if word.endswith("ий") else word[-1]
        declined.append(word[: -len(ending)] + ADJECTIVE[ending][case])
    return " ".join(declined + [head] + words[adjectives + 1 :])


def inflect(name: str, kind: str, case: str) -> str:
    """`name` (nominative) in `case`; organisations and places of a shape not handled stay as
    written (the press writes «Укрпошта» in apposition, and the model sees both)."""
    words = name.split()
    if kind == "PER" and all(w[:1].isupper() for w in words):
        female = words[0] in FEMININE and (len(words) > 1 or words[0] not in dict(SURNAMES))
        return " ".join(_person_word(w, female, case) for w in words)
    if kind == "LOC" and len(words) == 1:
        return _place_word(name, case)
    if kind == "LOC" and len(words) == 2:
        return _adjective_place(words, case) or name
    if kind == "ORG":
        return _organisation(words, case) or name
    return name


CASES = ("gen", "dat", "acc", "ins", "loc")
NAMES = {
    "PER": unseen(_people(random.Random(14), 3000), "PER") + unseen(FOREIGN, "PER") * 10,
    "ORG": unseen(ORGS, "ORG"),
    "LOC": unseen(PLACES, "LOC"),
}
