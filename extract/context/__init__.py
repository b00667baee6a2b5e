"""Step 8 — context: concept mentions marked negated, hypothetical or family history.
``dva_context`` sets ``span._.negated`` / ``._.hypothetical`` / ``._.family`` / ``._.others``."""
