"""Fixtures for case bundles: a sending newsroom with the demo case (sealed and shredded
identities, a testimony revision and an attachment added) and receiving newsrooms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.verifier.bundles.support import FAST, SENDER_PASS, Receiver, Sender, make_receiver
from verifier import demo
from verifier.sealing import Secret
from verifier.services import bundles, identities, sources, testimonies
from verifier.services.workspace import Workspace
from verifier.settings import Settings


@pytest.fixture(scope="module")
def sender(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sender]:
    """One sending workspace per test module (SQLite): building the demo case takes a second."""
    folder = tmp_path_factory.mktemp("sender")
    ws = Workspace.open(Settings(workspace=folder / "workspace", user="alice"))
    case_id = demo.build_demo_case(ws)
    recording = folder / "interview.ogg"
    recording.write_bytes(b"OggS" + bytes(range(256)) * 40)
    with ws.transaction() as uow:
        bundles.create_newsroom_keys(uow, "Erbil desk", Secret(SENDER_PASS), cost=FAST)
        identities.enroll_holder(uow, "editor", Secret("the sending editor's passphrase"), cost=FAST)
    with ws.reading() as session:
        people = {s.alias: s for s in sources.list_sources(session, case_id)}
        first_testimony = testimonies.list_testimonies(session, case_id)[0]
    with ws.transaction() as uow:
        identities.seal_identity(
            uow,
            people["Hama"].id,
            {"real_name": "Zebulon Bundlecanary", "phone": "+964 750 000 1111"},
            ["editor"],
        )
        identities.seal_identity(uow, people["Shwan"].id, {"real_name": "Shredded Person"}, ["editor"])
    with ws.transaction() as uow:
        identities.shred_identity(uow, people["Shwan"].id, "Source asked us to forget him.")
        testimonies.update_testimony(
            uow, first_testimony.id, transcript=first_testimony.transcript + " (corrected)", reason="typo"
        )
        testimonies.attach_file(uow, first_testimony.id, recording, "audio")
    with ws.reading() as session:
        card = bundles.own_card(session)
    yield Sender(ws, case_id, card)
    ws.close()


@pytest.fixture
def receiver(workspace: Workspace, sender: Sender) -> Receiver:
    """The receiving newsroom on each database backend, trusting the sender."""
    return make_receiver(workspace, "Partner desk", trust=sender.card)


@pytest.fixture
def bundle(sender: Sender, receiver: Receiver, tmp_path: Path) -> Path:
    """The sender's case, exported for the receiver."""
    path = tmp_path / "makhmour.svbundle"
    bundles.export_bundle(sender.ws, sender.case_id, receiver.card, path, Secret(SENDER_PASS))
    return path
