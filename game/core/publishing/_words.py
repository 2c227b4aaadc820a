"""Word lists of the personal-data detector (all folded: lower case, no accents)."""

from __future__ import annotations

#: In a cell, any of these words means an organisation, a place or a thing — not a person.
ORG_WORDS: frozenset[str] = frozenset("""
association associations asso assoc club clubs sarl sas sasu sa eurl sci scop scic snc gie gaec earl ste
societe entreprise ets etablissement etablissements commune communes ville mairie departement departemental
departementale region regional regionale conseil communaute agglomeration metropole syndicat sivom sivu
ccas cias office comite amicale union federation ligue centre foyer maison ecole college lycee universite
institut fondation groupement cooperative mutuelle banque caisse compagnie cie theatre orchestre ensemble
chorale troupe festival musee bibliotheque mediatheque stade gymnase piscine hopital clinique ehpad creche
agence service services direction prefecture etat ministere republique national nationale international
internationale sport sports sportif sportive football foot rugby tennis basket handball judo danse musique
culture culturel culturelle loisirs jeunesse enfance quartier quartiers tourisme restaurant cafe hotel
boulangerie pharmacie garage transports production productions editions studio collectif reseau groupe
cercle amis amies anciens parents familles habitants residents locataires proprietaires team racing
olympique olympic athletic jeunes scolaire paroisse eglise diocese abbaye chateau domaine ferme jardin
jardins parc rue avenue place boulevard chemin route allee quai square impasse residence lotissement zone
zac gare port aeroport salle espace pole relais mission epicerie solidaire solidarite secours saint sainte
st cooperation developpement formation insertion emploi habitat logement sante social sociale action
animation education environnement patrimoine histoire recherche arts art comptoir marche fete fetes
comite cinema radio journal presse media medias fabrique atelier ateliers collectivite collectivites
intercommunal intercommunale cabinet consultants conseils services compagnons batiment travaux energie
""".split())

#: Words that never start a person's name (« Les amis de Jean »).
ARTICLES: frozenset[str] = frozenset({"les", "des", "aux", "au", "a", "l", "un", "une", "et"})

#: Lower-case particles allowed inside a name (« Marie de La Tour »).
PARTICLES: frozenset[str] = frozenset({"de", "du", "des", "d", "le", "la", "van", "von", "di", "da", "ben", "el"})

#: Civilities before a name: « M. Jean Martin », « Mme Dupont ».
CIVILITIES: frozenset[str] = frozenset({"m", "mr", "mme", "mlle", "melle", "monsieur", "madame",
                                        "mademoiselle", "dr", "docteur", "me", "maitre", "pr"})

#: A column whose name holds one of these may hold people's names.
PERSON_COLUMN: frozenset[str] = frozenset("""
nom noms prenom prenoms name names firstname lastname surname patronyme personne personnes particulier
beneficiaire beneficiaires usager usagers habitant agent agents titulaire demandeur locataire proprietaire
eleve patient electeur contribuable declarant signataire identite nomprenom auteur responsable referent
laureat candidat adherent membre elu redacteur interlocuteur
""".split())

#: …unless it also holds one of these: the name is an organisation's, a place's or a thing's.
NOT_PERSON_COLUMN: frozenset[str] = frozenset("""
commune com coll collectivite attribuant station operateur amenageur enseigne site rais raison sociale fab
mnt expt equipement structure organisme association entreprise societe voie rue lieu ville departement dep
region epci producteur etablissement etab service projet dispositif fichier jeu ressource dataset
organisation ecole college lycee club marque modele produit espece variete plat menu equipe syndicat
groupement rae banque pays quartier canton territoire zone parc monument batiment salle voirie route gare
arret ligne fournisseur fabricant exploitant gestionnaire installateur commerce
""".split())

SURNAME_COLUMN: frozenset[str] = frozenset({"nom", "noms", "lastname", "surname", "patronyme"})
FIRSTNAME_COLUMN: frozenset[str] = frozenset({"prenom", "prenoms", "firstname"})

#: Column names that say « of a private person »: enough with the right values.
PRIVATE_COLUMN: frozenset[str] = frozenset({"domicile", "perso", "personnel", "personnelle", "particulier",
                                            "portable", "mobile", "gsm", "prive", "privee"})
ADDRESS_COLUMN: frozenset[str] = frozenset({"adresse", "adr", "address", "addr", "domicile", "residence"})
BIRTH_COLUMN: frozenset[str] = frozenset({"naissance", "naiss", "ddn", "dob", "birth", "birthdate",
                                          "birthday", "datenaissance"})

#: Local parts of functional e-mail addresses (« contact@… », « mairie@… »): not a person.
GENERIC_MAILBOX: frozenset[str] = frozenset("""
contact contacts info infos information informations accueil mairie secretariat secretaire service services
direction dpo rh courrier communication noreply no reply admin administration support webmaster postmaster
standard bonjour hello commande commandes reservation reservations billetterie presse mediatheque
bibliotheque dae sante technique urbanisme etatcivil etat civil population cabinet compta comptabilite
finances marches jeunesse sport sports culture ecole college lycee creche association asso club office
tourisme president presidente tresorier tresoriere bureau equipe team sales ventes vente opendata data
donnees sig dsi informatique juridique dg dgs elus conseil mail email courriel exploitation maintenance
operateur amenageur exploitant gestion gestionnaire hotline assistance sav clients client abonnes
""".split())
