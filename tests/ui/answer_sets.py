"""Answer sets for the default record that the self-check and result tests share."""

#: Answers that rule the study out (a cyst on an ovary) and leave two points open.
DOES_NOT_MATCH = {
    "age": 33,
    "sex": "female",
    "prior_ivf_icsi": "yes",
    "afc_low": "yes",
    "amh_low": "not_tested",
    "ovarian_cyst_history": "yes",
    "ovarian_surgery": "no",
    "cancer_history": "no",
    "autoimmune": "no",
    "tube_or_uterus_problem": "no",
    "male_factor": "unsure",
}
#: Answers that fit everywhere they can; screening and one unknown test stay open.
MAY_MATCH = {**DOES_NOT_MATCH, "ovarian_cyst_history": "no", "male_factor": "no"}
