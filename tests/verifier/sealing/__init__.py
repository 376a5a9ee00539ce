"""Tests of verifier.sealing: key holders, sealed identities, shredding and the leak guard."""
