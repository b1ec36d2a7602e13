"""Data protection: which personal data we hold and why, how long, and a school's requests.

The school is the data controller; pupilsync is its processor (UK GDPR Article 28). See
docs/data-protection.md, whose field table is generated from `pupilsync.privacy.fields`.
"""
