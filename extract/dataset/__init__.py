"""The reviewed dataset: corrections applied, consensus of two reviewers, duplicate patients,
study labels and the codebook of the tables corpus mode writes.

``labels`` (first author and "Surname Year"), ``corrections`` (review-page exports applied to
results), ``consensus`` (two reviewers: agreement, consensus file, disagreements),
``duplicates`` (the same patient or cohort published twice), ``frontmatter`` (institutions and
study period read from a paper's text), ``codebook`` (Frictionless datapackage.json) and
``summary`` (the run's figures as JSON).
"""
