"""Builds first_names.txt: words that open a person's name in the NER corpora of
../shared/datasets/ner-corpora/ (the B-PER token of a name of two or more tokens), read by
entities/names.rs to tell a person from an organisation or place the model mistyped
("Michele de Pascale" tagged LOCATION) and to cut a person from the organisation before it
("UniCredit Andrea Orcel"). Common Italian and Spanish given names the corpora miss are listed
below (ITALIAN, SPANISH). Ukrainian first names come from the training templates
(src/enrich/ner/templates/uk.py) and UKRAINIAN below (common Ukrainian given names and foreign
ones as the Ukrainian press spells them, hand-written; none a common word like "Віра" or
"Надія"), there being no Ukrainian corpus; common Polish given names that open too few WikiANN
names are in POLISH. Only corpora under
attribution-only licences are read (WikiANN, ODC-BY 1.0; GermEval 2014, CC BY 4.0): the list is
compiled into the binary, and a ShareAlike corpus would bring its licence with it.

    python3 src/enrich/entities/data/build_first_names.py ../shared/datasets/ner-corpora

Kept: a capitalised alphabetic word of at least 3 letters that opens a multi-token PER name
at least MIN_OPENS times and in at least SHARE of all its occurrences in the corpora (so
"Santa", "New" or "San", which open place names as often, stay out). Output sorted, one per
line, after a header comment with the corpora files' sha256.
"""

import gzip
import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = [
    "de/wikiann/train.conll.gz", "de/germeval2014/dev.conll.gz", "es/wikiann/train.conll.gz",
    "fr/wikiann/train.conll.gz", "nl/wikiann/train.conll.gz", "pl/wikiann/train.conll.gz",
    "pt/wikiann/train.conll.gz",
]  # fmt: skip
MIN_OPENS = 3
UKRAINIAN = """Олексій Володимир Віталій Денис Євген Євгеній Ілля Арсеній Антон Борис Валентин Владислав
Всеволод Георгій Гліб Давид Данило Едуард Захар Марко Матвій Микита Ростислав Семен Станіслав
Тимофій Тимур Федір Філіп Яків Ярема В'ячеслав Артур Герман Олесь Зеновій Володимира Вікторія
Анна Дарина Євгенія Зоряна Інна Лариса Леся Маргарита Мар'яна Марина Наталя Олександра Поліна
Руслана Софія Уляна Христина Яна Ярослава Валентина Діана Аліна Анастасія Алла Мирослава
Соломія Стефанія Юлія Іванна Вероніка Жанна Кіра Дональд Емманюель Марк Джо Кір Олаф Фрідріх
Урсула Антоніу Джорджа Кая Марта Ангела Джеймс Джон Майкл Кріс Ніколя Франк Роберта
Джорджія Камала Пітер Браян Ларс Кірк Рейчел Гельмут Ґабріель Ерік Томас Педро Рубен Катаріна
Мая Радослав Рінат Рафаель Мстислав Ентоні Бенджамін Біньямін Реджеп Карлос Мануель Метте Піт Стів
Ілон Джаред Майк Ліндсі Фолькер Крістіан Анджей Ульф Йонас Гітанас Едгарс Крістен Нарендра
Кіріакос Нікушор Ріші Дженсен Сем Джозеф Марія""".split()
# Italian and Spanish given names that the corpora (no Italian one; Spanish WikiANN's short
# fragments) leave out or under the thresholds, hand-written: common names of people born in
# Italy and Spain, none a common word or a place ("Rosa", "Marina", "Sofia", "Santiago" stay
# out).
ITALIAN = """Vito Pasquale Giuseppe Mario Luigi Carlo Paolo Marco Roberto Sergio Claudio Michele Gianni
Gianfranco Giancarlo Gianluigi Pierluigi Pierpaolo Giampaolo Renato Renzo Rocco Carmelo Gaetano Ciro
Nunzio Calogero Girolamo Ignazio Corrado Giacomo Matteo Mattia Gabriele Riccardo Edoardo Elia
Nicolò Niccolò Alessio Samuele Jacopo Valerio Marcello Sandro Silvio Ruggero Umberto Aldo Adriano
Alfredo Amedeo Attilio Cosimo Donato Egidio Elio Enzo Ermanno Fabrizio Fausto Flavio Fulvio Gerardo
Gino Giulio Graziano Guglielmo Lamberto Luciano Mauro Oreste Orazio Osvaldo Ottavio Raimondo Rinaldo
Sebastiano Severino Tiziano Tullio Vittorio Emilio Lino Nino Maria Giovanna Rosaria Carmela
Concetta Giuseppina Antonella Patrizia Raffaella Rita Gabriella Manuela Michela Loredana Marisa
Mariella Nadia Tiziana Sabrina Stefania Alessandra Claudia Cinzia Donatella Emanuela Enrica Flavia
Franca Gianna Graziella Luisa Mirella Nicoletta Piera Rosanna Rossella Silvana Sonia Susanna
Viviana Giorgia Elisabetta Lucrezia Ludovica Matilde Camilla Liliana Lidia Antonio Lorenzo Emanuele
Raffaele Saverio Massimiliano Gianmarco Giampiero Gianpiero Pierfrancesco Agostino Ambrogio Antonino
Armando Augusto Aurelio Benedetto Beppe Bernardo Biagio Carmine Costantino Emiliano Ezio Fabiano
Filiberto Giacinto Gioacchino Giovanbattista Goffredo Lapo Livio Ludovico Michelangelo Mirco
Nazareno Ottaviano Patrizio Pierantonio Piergiorgio Pino Tancredi Tonino Ubaldo Uberto Valter
Vinicio Virgilio Ilaria Chiara Cristina Alessia Beatrice Debora Elisa Giada Letizia Noemi Ornella
Veronica Arianna Annalisa Antonietta Fiorella Mariangela Marilena Maddalena Melania Mariastella
Nunzia Rachele Adele Agnese Albina Amalia Angelica Annamaria Clelia Daria Elvira Fabiola Filomena
Giusy Iolanda Mafalda Marcella Mariagrazia Mariarosaria Marianna Marinella Paolina Rosalba
Rosella""".split()
SPANISH = """Yolanda Imanol Salvador Íñigo Iñaki Aitor Unai Asier Josu Mikel Xabier Gorka Koldo Oriol
Jordi Pere Xavier Núria Mercè Rocío Pilar Inmaculada Ainhoa Nerea Itziar Edurne Arantxa Iratxe
Macarena Cayetana Soraya Lorena Raquel Beatriz Almudena Susana Fernando Alfonso Gonzalo Borja
Álvaro Rodrigo Óscar Rubén Adrián Enrique Félix Ignacio Joaquín Julián Nicolás Ramón Ricardo
Tomás Vicente Agustín Eduardo Esteban Ernesto Gregorio Héctor Jaime Mariano Rafael Inés Isabel
Meritxell Idoia""".split()
# Common Polish given names WikiANN opens too few names with, and foreign ones as the Polish
# press spells them; hand-written, none a common word, a town or a club's first word ("Maja", the
# month's genitive; "Jarosław", the town; "Lech", the Poznań club; "Róża").
POLISH = """Iga Ilona Bożena Grażyna Jadwiga Halina Danuta Elżbieta Agnieszka Dorota Beata Jolanta
Urszula Teresa Krystyna Wanda Izabela Aneta Edyta Kinga Justyna Marzena Renata Sylwia Wioletta
Zofia Hanna Oliwia Zuzanna Weronika Wiktoria Bogusław Czesław Leszek Mieczysław Miłosz Wiesław
Zbigniew Zdzisław Ryszard Jacek Przemysław Radosław Grzegorz Arkadiusz Mariusz Dariusz Janusz
Tadeusz Stanisław Witold Kazimierz Bronisław Władysław Szymon Kacper Bartosz Mateusz Kamil
Patryk Hubert Borys Rusłan Jelena Aryna Coco Jasmine Jonatan Petr Friedrich Wołodymyr
Mirosław Ireneusz Bogdan Zenon Jędrzej Cezary Remigiusz Tymoteusz Feliks Wincenty Hieronim
Maksymilian Szczepan Tobiasz Nikodem Kornel Lesław Oliwer Janina Irena Marta Iwona Paulina
Kamila Ewelina Patrycja Wiesława Genowefa Martyna Klaudia Lucyna Bogumiła Roksana Aldona
Bogusława Milena Żaneta Amelia Alina Elwira Honorata Bernadeta Wacława Leokadia Józefina
Ludmiła Czesława Rozalia Malwina Bogna Ryszarda Sławomira Kazimiera""".split()
SHARE = 0.6


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: build_first_names.py NER_CORPORA_DIR")
    opens, seen, hashes = {}, {}, []
    for name in CORPORA:
        data = (Path(sys.argv[1]) / name).read_bytes()
        hashes.append(f"# {name} sha256 {hashlib.sha256(data).hexdigest()}")
        rows = [line.split("\t") for line in gzip.decompress(data).decode("utf-8").splitlines()]
        for i, row in enumerate(rows):
            if len(row) < 2:
                continue
            token, tag = row[0], row[-1]
            seen[token] = seen.get(token, 0) + 1
            following = rows[i + 1] if i + 1 < len(rows) else []
            if tag == "B-PER" and len(following) >= 2 and following[-1] == "I-PER":
                opens[token] = opens.get(token, 0) + 1
    sys.path.insert(0, str(HERE.parents[1] / "ner" / "templates"))
    import uk  # noqa: E402  (the Ukrainian template names)

    names = {
        t
        for t, n in opens.items()
        if n >= MIN_OPENS
        and n >= SHARE * seen[t]
        and len(t) >= 3
        and t.isalpha()
        and t[0].isupper()
        and not t.isupper()
    }
    names |= set(uk.MALE) | set(uk.FEMALE) | set(UKRAINIAN) | set(ITALIAN) | set(SPANISH) | set(POLISH)
    header = [
        "# First names: words opening multi-token PER names in these corpora "
        f"(>= {MIN_OPENS} times, >= {SHARE:.0%} of their uses), plus the Ukrainian template "
        "names and build_first_names.py's own Ukrainian, Italian, Spanish and Polish lists; made by "
        "build_first_names.py",
        *hashes,
    ]
    (HERE / "first_names.txt").write_text("\n".join(header + sorted(names)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
