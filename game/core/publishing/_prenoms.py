"""Common French first names (folded: lower case, no accents), to tell « Marie Dupont » from
« Tennis Roques Olympic Club ». Deliberately short and free of ordinary words (no « France »,
« Marine », « Victoire », « Espérance »): a name is only one clue among others."""

from __future__ import annotations

_NAMES = """
adam adrien alain alan albert alexandre alexis alfred ali alix andre anthony antoine armand arnaud arthur
aurelien axel baptiste basile benjamin benoit bernard bertrand bruno cedric charles christian christophe
claude clement corentin cyril damien daniel david denis didier dominique dylan edouard emile emmanuel eric
etienne eugene fabien fabrice felix fernand florent florian francis franck francois frederic gabriel gael
gaetan gaston gauthier georges gerard gilbert gilles guillaume guy henri herve hugo hugues jacques jean
jeremy jerome joel jonathan jordan joseph jules julien kevin laurent leo leon louis loic lucas luc lucien
ludovic marc marcel martin mathieu matthieu mathis maurice maxime michel mickael nathan nicolas noah noel
olivier pascal patrice patrick paul philippe pierre quentin raphael raymond remi rene richard robert robin
roger romain sacha samuel sebastien serge simon stephane sylvain theo thibault thibaut thierry thomas
timothee tom tristan valentin victor vincent xavier yann yannick yves william enzo ethan gabin liam nolan
mael timeo noe rayan mohamed ahmed karim mehdi yanis amine youssef kylian evan clovis marius augustin
achille oscar lenny milo gaspard aymeric bastien brice boris cyrille dimitri elie emilien gregoire gregory
gustave hector jacky joachim kilian lionel lilian loris marin matheo max morgan norbert raoul regis roland
rudy sylvestre tony ulysse valery vianney yoann yohan jacob hamza ibrahim moussa omar sami nabil rachid
agathe agnes alice aline amandine amelie anais andree angelique anne annie audrey aurelie axelle beatrice
berenice bernadette brigitte camille capucine carole caroline catherine cecile celine chantal charlotte
chloe christine claire clara claudine clemence colette coralie corinne delphine denise diane eleonore elise
elisa elodie eloise emilie emma emmanuelle estelle eva eve fabienne florence francoise gabrielle genevieve
ginette helene ines irene isabelle jacqueline jade jeanne jeannine josephine josiane julie juliette justine
karine laetitia laura laure lea lina lisa lola lou louise lucie lucile madeleine manon margaux margot
marguerite maria marie marion marthe martine mathilde maud melanie michele micheline mireille monique
morgane muriel myriam nadia nadine natalie nathalie nicole noemie oceane odette odile pascale patricia
paulette pauline rose sabine sabrina sandrine sarah severine simone solene sophie stephanie suzanne sylvie
therese valerie vanessa veronique virginie yvette yvonne zoe alba ambre anna apolline romane rosalie olivia
mila mia nina adele celeste lena lise elsa yasmine fatima amina leila nora salome lily louna maelys lilou
anaelle clementine heloise josette huguette raymonde germaine marcelle lucienne yolande danielle evelyne
gisele arlette liliane annick maryse jocelyne sylviane regine murielle christelle gaelle magali elisabeth
laurence jeanine marcelline aicha khadija
"""

FIRST_NAMES: frozenset[str] = frozenset(_NAMES.split())
