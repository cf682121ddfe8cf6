"""The process the fault-injection test kills (see test_fault_injection.py).

Run as ``python fault_worker.py serve --commune DB --province DB --bundles DIR
--acks DIR``: it imports the program once and then waits on stdin for
``run <iteration> <first_n> <seed>`` lines. For each it forks a child that
opens the two databases and performs, until it is killed, a stream of

- unit form saves on the commune database (``save_unit_form``, one task's
  "kết quả" set to ``lưu <n>``, every fifth save with a new evidence file),
  writing ``SAVE <n> <task_id>`` to ``<acks>/acks-<iteration>.txt`` (which
  starts with ``BEGIN`` once the databases are open) right
  after the save returned (the commit is done);
- bundle imports into the province database (``import_bundles``), writing
  ``IMPORT <n> <sha256> <outcome>`` after each import returned.

The server answers ``PID <pid>`` and the test SIGKILLs that child at a
random moment; ``reap <pid>`` collects it. Forking from a process that has
already imported everything keeps each iteration cheap, so hundreds of kills
take a minute. POSIX only.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PERIOD = "2026-11"
MAX_OPS = 5000  # a child that is never killed stops by itself


def _ack(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode("utf-8"))


def stream(args: argparse.Namespace, *, iteration: int, first_n: int, seed: int) -> None:
    """The child's work: saves and imports until killed."""
    from sqlalchemy import select

    from models.audit import Actor
    from models.bundle.import_ import import_bundles
    from models.db import open_database
    from models.enums import Progress
    from models.schema import Task, Unit, User
    from models.services import updates

    rng = random.Random(seed)
    acks = os.open(
        Path(args.acks) / f"acks-{iteration}.txt", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644
    )
    commune = open_database(args.commune)
    province = open_database(args.province)
    bundles = sorted(Path(args.bundles).glob("*.nq57.zip"))
    with commune.session() as s:
        officer = s.scalar(select(User).where(User.username == "tonghop"))
        actor = Actor(officer.id, officer.username)
        unit_ids = sorted(
            {uid for uid in s.scalars(select(Task.lead_unit_id).where(Task.is_group.is_(False)))
             if uid is not None}
        )
        unit_ids = [u for u in unit_ids if s.get(Unit, u) is not None]
    evidence_src = Path(args.acks) / f"src-{iteration}"
    evidence_src.mkdir(exist_ok=True)
    _ack(acks, "BEGIN")  # the databases are open: the kill may come from now on
    n = first_n
    for _ in range(MAX_OPS):
        n += 1
        if bundles and rng.random() < 0.3:
            path = rng.choice(bundles)
            # The province database has no accounts of its own here: the program imports.
            results = import_bundles(province, [path], scope=None, actor=Actor.system())
            sha = hashlib.sha256(path.read_bytes()).hexdigest()
            _ack(acks, f"IMPORT {n} {sha} {results[0].outcome.value}")
            continue
        unit_id = rng.choice(unit_ids)
        with commune.session() as s:
            form = updates.load_unit_form(s, unit_id=unit_id, period_code=PERIOD)
        if not form.tasks:
            continue
        row = form.tasks[n % len(form.tasks)]
        row.progress = Progress.IN_PROGRESS
        row.percent_text = str(n % 100)
        row.completed_text = ""
        row.result = f"lưu {n}"
        if n % 5 == 0:
            src = evidence_src / f"minh-chung-{n}.pdf"
            src.write_bytes(f"%PDF-1.4 minh chung {n} ".encode() * 50)
            row.evidence.append(updates.EvidenceItem.from_path(src))
        with commune.session(actor=actor) as s:
            updates.save_unit_form(
                s, form, actor=actor, evidence_dir=commune.evidence_dir, mark_submitted=False
            )
        _ack(acks, f"SAVE {n} {row.task_id}")
    os._exit(0)


def serve(args: argparse.Namespace) -> None:
    # Import everything now, once: children start from this state.
    import models.bundle.import_  # noqa: F401
    import models.db  # noqa: F401
    import models.services.updates  # noqa: F401

    print("READY", flush=True)
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "run":
            iteration, first_n, seed = (int(p) for p in parts[1:4])
            pid = os.fork()
            if pid == 0:  # the child
                try:
                    stream(args, iteration=iteration, first_n=first_n, seed=seed)
                except BaseException:  # noqa: BLE001 - report and stop
                    import traceback

                    (Path(args.acks) / f"error-{iteration}.txt").write_text(
                        traceback.format_exc(), encoding="utf-8"
                    )
                    os._exit(3)
                os._exit(0)
            print(f"PID {pid}", flush=True)
        elif parts[0] == "reap":
            pid = int(parts[1])
            _pid, status = os.waitpid(pid, 0)
            print(f"REAPED {pid} {status}", flush=True)
        elif parts[0] == "quit":
            break


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["serve"])
    parser.add_argument("--commune", required=True)
    parser.add_argument("--province", required=True)
    parser.add_argument("--bundles", required=True)
    parser.add_argument("--acks", required=True)
    args = parser.parse_args()
    serve(args)


if __name__ == "__main__":
    main()
