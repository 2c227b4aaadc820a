"""Citations of legal texts and authorities: what the ``unsourced-fact`` lint rule looks for.

A text states a checkable fact when it cites a legal text or a public authority. The words alone
are not enough (« le code de la commune », « s'est arrêté », « la directive de votre cheffe »,
« D 2023-01 », « law of large numbers » cite nothing): each word must come with what makes it a
citation — a number, a date, a title, the name of a code. Figures and dates alone are not caught:
most are the story's own (a fictional commune's population).
"""

from __future__ import annotations

import re

#: « n° 2016-1321 », « no. 2016-1321 », « No 78-17 »
_NUMBER = r"(?:n\s?°|no\.?\s?\d|nº)"
#: the codes a trainer may cite, after « code des / du / de la / de l' » (« Code du patrimoine »)
_CODES = (r"collectivités|relations\s+entre|patrimoine|commerce|travail|santé|environnement|urbanisme"
          r"|procédure|propriété|commande\s+publique|justice|postes|éducation|sécurité|consommation|route"
          r"|impôts|famille|sport|tourisme|juridictions|assurances|transports|énergie|action\s+sociale"
          r"|marchés\s+publics|archives")
#: statistical « laws » that are no legal text (« la loi normale », « the law of large numbers »)
_NOT_LAW = (r"normales?|binomiales?|uniformes?|exponentielles?|log-normales?|des\s+grands\s+nombres"
            r"|de\s+(?:Poisson|Benford|Murphy|Zipf|Pareto|Student|Moore|Gauss|Laplace|l'offre)")

FACT_PATTERN = re.compile(
    rf"""
    \blois?(?=\s+(?:{_NUMBER}|du\s|de\s+\d{{4}}|pour\s|relative\s|sur\s|«|"|organique|(?-i:[A-ZÉ])))
      (?!\s+(?:{_NOT_LAW}))                               # loi n° / du / pour… / « … » / Lemaire
    | \b(?:la|cette)\s+loi\b(?!\s+(?:{_NOT_LAW}))           # « la loi » alone: a claim about the law
    | \bdécrets?(?=\s+(?:{_NUMBER}|du\s|de\s+\d{{4}}|\d{{2,4}}-\d))
    | \ble\s+décret\b
    | \barrêtés?(?=\s+(?:{_NUMBER}|du\s+\d|(?:inter)?ministériels?|préfectoraux|préfectoral|municipal))
    | \b(?:ordonnances?|circulaires?)(?=\s+(?:{_NUMBER}|du\s+\d))
    | \bdirectives?(?=\s+(?:\((?:UE|CE|EU|EC)\)|(?:UE|CE|EU|EC)\s+\d|\d{{2,4}}/\d|{_NUMBER}|européenne))
    | \brèglements?(?=\s+(?:\((?:UE|CE)\)|général\s+sur|\d{{2,4}}/\d|{_NUMBER}|européen))
    | \bcode\s+(?:civil|pénal|électoral|rural|général(?=\s+(?:des?|de\s+la)\s))
    | \bcode(?=\s+(?:des|du|de\s+la|de\s+l['’])\s*(?:{_CODES}|(?-i:[A-ZÉ])))
    | \b(?:articles?|art\.)\s+(?:(?-i:[LRDA])\.?\s?)?\d+(?:-\d+)*
    | \b(?-i:[LRD])\.?\s?\d{{3,4}}(?:-[1-9]\d*)+\b             # L312-1-1, R. 311-3 (not « D 2023-01 »)
    | \bavis\s+(?:{_NUMBER}\s?\d+|de\s+la\s+CADA)
    | \b(?:jurisprudence|RGPD|CRPA|CGCT|GDPR|CADA|CNIL)\b
    | \b(?:Conseil\s+d'[ÉE]tat|Conseil\s+constitutionnel|Cour\s+de\s+cassation)\b
    | \bthe\s+law\b(?!\s+of\s+(?:large|small|averages|supply|diminishing|the\s+jungle|gravity))
    | \blaws?(?=\s+(?:{_NUMBER}|of\s+\d{{1,2}}\s))
    | \bdecrees?(?=\s+(?:{_NUMBER}|of\s+\d))
    | \bregulations?(?=\s+(?:\((?:EU|EC)\)|\d{{2,4}}/\d|{_NUMBER}))
    | \bdirectives?(?=\s+\((?:EU|EC)\))
    | (?-i:\b[A-Z]\w+\s+Act\b)                              # the Digital Republic Act
    """,
    re.IGNORECASE | re.VERBOSE)

#: what follows the trigger in a quoted citation: a few words (« (UE) », « « Informatique », « No. »
#: included), stopping at punctuation
_WORD = r"""(?:[«("“]\s?)?(?:No\.|no\.|[^\s,;:!?.()«»"“”]+(?:\.(?=\w)[^\s,;:!?.()«»"“”]+)*)(?:\s?[»)"”])?"""
_FOLLOWING = re.compile(rf"(?:[ \t\u00a0\u202f]+{_WORD}){{0,7}}")

def citation(text: str) -> str | None:
    """The first citation of a legal text or an authority in ``text`` (the trigger and up to seven
    following words, stopping at punctuation: « loi pour une République numérique »), or None."""
    m = FACT_PATTERN.search(text)
    if m is None:
        return None
    tail = _FOLLOWING.match(text, m.end())
    return (m.group(0) + (tail.group(0) if tail else "")).strip()
