"""The presentation layer: record + visit state + language -> what a view says, in order.

Pure functions and small frozen dataclasses, no widgets: the screens, the counselor
view, the handout and ``trialguide check`` all read this package, so none of them
decides wording or order itself and they cannot disagree.

* :mod:`app.present.text`: interface messages and record texts in a given language;
* :mod:`app.present.titles`: the study's name and the window titles;
* :mod:`app.present.outcome`: the headline, style roles, the "only the team decides" line;
* :mod:`app.present.criteria`: criterion groups, their order and intros;
* :mod:`app.present.steps`: the procedure steps' intro and study groups;
* :mod:`app.present.sites`: the study sites;
* :mod:`app.present.numbers`: number answers' problems and messages;
* :mod:`app.present.report`: the result as plain text;
* :mod:`app.present.catalog`: the catalog's cards, their order and languages;
* :mod:`app.present.prescreen`: the first step across studies, and carried answers;
* :mod:`app.present.audience`: who a study is for (ages, sex), its status group.
"""
