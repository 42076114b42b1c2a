"""Writes python-lower.txt, what CaseMappingTest checks CaseMapping.lower against: random texts
dense in capital sigmas and their neighbours (cased, case-ignorable, neither), each with Python's
str.lower() of it. Run: python3 python-lower.py > python-lower.txt"""
import random
import sys
import unicodedata

ALPHABET = ["A", "b", "Z", " ", ".", ",", "'", "-", "1", "\n", ":", "\u2019", "\u00b7", "_", "\"",
            "\u0130", "\u00df", "\u0390", "\u03a3", "\u03a3", "\u03a3", "\u03c3", "\u03c2", "\u0391", "\u039f",
            "\u0301", "\u0345", "\u00aa", "\u02b0", "\u1d2c", "\u2160", "\u24b6", "\u01c5", "\u0149",
            "\u1f80", "\u00b5", "\u4e00", "\u05d0", "\u00ad", "\u200d",
            "\U0001d400", "\U00010400", "\U00010428", "\U0001f600"]


def code_points(text):
    return " ".join("%x" % ord(c) for c in text)


def main():
    rnd = random.Random(20261130)
    print("# Python %s (Unicode %s): a text's code points, a tab, those of its str.lower()"
          % (sys.version.split()[0], unicodedata.unidata_version))
    for _ in range(600):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(1, 12))) + "\u03a3"
        text += "".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(0, 4)))
        print(code_points(text) + "\t" + code_points(text.lower()))


main()
