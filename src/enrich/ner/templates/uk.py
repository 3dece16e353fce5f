"""Ukrainian names for train_ner.py's template sentences, and the case endings the templates'
slots ask for (`{PER:gen}` ...). Written for this purpose: first names and surnames of
common Ukrainian patterns combined at random, foreign public figures as the Ukrainian press
spells them, organisations and places. 26 of these names (4 foreign figures, 11
organisations, 11 places) occur in the news fixtures too (tests/fixtures/ner-news/), so the
shipped model saw them; a model trained with them dropped was weaker on the tune paragraphs
(docs/models-and-data.md, Italian and Ukrainian).
Cases: gen(itive), dat(ive), acc(usative), ins(trumental), loc(ative); nominative is the
slot without a case."""

import random

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
|Олександр Лукашенко|Рамзан Кадиров|Ліндсі Грем|Камала Гарріс|Кайл Волкер|Ліонель Мессі""".replace("\n", "").split("|")

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
|Інститут соціології|Фонд Сергія Притули|Центр протидії дезінформації|Держспецзв'язку|Укртелеком""".replace("\n", "").split("|")

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
|Бєлгород|Курськ|Брянськ|Мінськ|Стокгольм|Ер-Ріяд|Доха|Абу-Дабі|Джидда|Анталія|Сочі""".replace("\n", "").split("|")


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


NAMES = {"PER": _people(random.Random(14), 3000) + FOREIGN * 10, "ORG": ORGS, "LOC": PLACES}

FEMININE = set(FEMALE) | {f for _, f in SURNAMES}
SOFT = {"к": "ц", "г": "з", "х": "с"}


def _person_word(word: str, female: bool, case: str) -> str:
    if female:
        if word.endswith(("ська", "цька", "зька")) or (word.endswith("а") and word[:-1].endswith(("ськ", "цьк"))):
            return word[:-1] + {"gen": "ої", "dat": "ій", "acc": "у", "ins": "ою", "loc": "ій"}[case]
        if word.endswith("ія"):
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


def inflect(name: str, kind: str, case: str) -> str:
    """`name` (nominative) in `case`; organisations and names of several words that are not
    people stay as written (the press writes «Укрпошта» in apposition, and the model sees both)."""
    words = name.split()
    if kind == "PER" and all(w[:1].isupper() for w in words):
        female = words[0] in FEMININE and (len(words) > 1 or words[0] not in dict(SURNAMES))
        return " ".join(_person_word(w, female, case) for w in words)
    if kind == "LOC" and len(words) == 1:
        return _place_word(name, case)
    return name
