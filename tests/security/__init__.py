"""Security and robustness proofs: no network, no plaintext, no crash, nothing lost."""
