#!/usr/bin/env python3
"""Mnemosyne 2.9 side of `rehearse-bench -mnemosyne`: a benchmark script
only, never a dependency of rehearse. Needs Debian's package mnemosyne
(run with /usr/bin/python3, which has its modules).

    against-mnemosyne.py convert COLLECTION DATA_DIR   # once: the same cards and answers
    against-mnemosyne.py status DATA_DIR               # the counts Mnemosyne's status bar shows
    against-mnemosyne.py first-card DATA_DIR           # prints FIRST CARD when the first question is up
    against-mnemosyne.py answer DATA_DIR               # answers the first card (grade 4) and saves

convert reads a collection written by internal/gen (COLLECTION/decks/*.toml
and COLLECTION/data/log/*.tsv): one Mnemosyne fact and card per [[card]]
(two cards, Mnemosyne's front-to-back and back-to-front type, for reverse =
true), the deck id and card tags as tags, one repetition in Mnemosyne's log
per answer, and each card's scheduling fields (grade, easiness, repetitions,
lapses, last and next repetition) from its last answer. The database is
created by Mnemosyne itself and filled with SQL in one transaction.
"""
import os
import sqlite3
import sys
import time
import tomllib
import warnings
from datetime import date, datetime, timezone

warnings.filterwarnings("ignore")  # an optional translation package it lacks


def open_mnemosyne(data_dir):
    from mnemosyne.script import Mnemosyne
    return Mnemosyne(data_dir)


def day_seconds(text):
    d = date.fromisoformat(text)
    return int(datetime(d.year, d.month, d.day, tzinfo=timezone.utc).timestamp())


def convert(collection, data_dir):
    m = open_mnemosyne(data_dir)
    m.finalise()
    # No backup of the whole database on every exit: rehearse copies nothing
    # either. A learner can set the same in DATA_DIR/config.py.
    path = os.path.join(data_dir, "config.py")
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace("max_backups = 10", "max_backups = 0"))

    decks_dir = os.path.join(collection, "decks")
    facts, fact_data, cards, tag_ids, card_tags = [], [], [], {}, []
    card_row = {}  # rehearse key -> index into cards
    now = int(time.time())

    def tag(name):
        if name not in tag_ids:
            tag_ids[name] = len(tag_ids) + 2  # 1 is __UNTAGGED__
        return tag_ids[name]

    for name in sorted(os.listdir(decks_dir)):
        if not name.endswith(".toml"):
            continue
        with open(os.path.join(decks_dir, name), "rb") as f:
            doc = tomllib.load(f)
        deck = doc.get("deck", {})
        deck_id = deck.get("id", name[:-5])
        for c in doc.get("card", []):
            fact = len(facts) + 1
            key = deck_id + "/" + c["id"]
            facts.append((fact, "f-" + key, ""))
            back = c.get("back") or "\n".join(c.get("points", []))  # a scenario card's points
            fact_data.append((fact, "f", c["front"]))
            fact_data.append((fact, "b", back))
            names = [deck_id] + list(deck.get("tags", [])) + list(c.get("tags", []))
            sides = [("1", "1.1", key, c["front"], back)]
            if c.get("reverse"):
                sides = [("2", "2.1", key, c["front"], back),
                         ("2", "2.2", key + ":reverse", back, c["front"])]
            for card_type, view, card_key, q, a in sides:
                row = len(cards) + 1
                card_row[card_key] = len(cards)
                cards.append([row, card_key, card_type, fact, view, q, a, ", ".join(names),
                              -1, -1, -1, 2.5, 0, 0, 0, 0, 0, now, now, "", 0, 1])
                for n in names:
                    card_tags.append((row, tag(n)))

    log = []
    log_dir = os.path.join(collection, "data", "log")
    for name in sorted(os.listdir(log_dir)):
        with open(os.path.join(log_dir, name), encoding="utf-8") as f:
            columns = f.readline().rstrip("\n").split("\t")  # found by name, as rehearse reads them
            for line in f:
                r = dict(zip(columns, line.rstrip("\n").split("\t")))
                if r.get("event") != "answer":
                    continue
                t = int(datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp())
                grade, reps, interval = int(r["grade"]), int(r["reps"]), int(r["interval"])
                ease = float(r["ease"]) if r["ease"] else 2.5
                next_rep = day_seconds(r["due"]) if r["due"] else t
                log.append((t, r["card"], grade, ease, reps, interval, next_rep, int(r["ms"] or 0)))
    log.sort()
    for t, key, grade, ease, reps, interval, next_rep, _ in log:
        i = card_row.get(key)
        if i is None:
            continue
        c = cards[i]
        if grade < 2:
            next_rep = t  # Mnemosyne keeps a failed card's next repetition at its last
        c[8], c[9], c[10], c[11] = grade, next_rep, t, ease
        if c[12] == 0:
            c[12] = 1  # acquisition repetitions
        else:
            c[13] += 1  # retention repetitions
        if grade < 2:
            c[14] += 1
            c[15], c[16] = 1, 0
        else:
            c[16] += 1

    db = sqlite3.connect(os.path.join(data_dir, "default.db"))
    with db:
        db.executemany("insert into facts(_id, id, extra_data) values (?, ?, ?)", facts)
        db.executemany("insert into data_for_fact(_fact_id, key, value) values (?, ?, ?)", fact_data)
        db.executemany("insert into cards values (" + ",".join("?" * 22) + ")", cards)
        db.executemany("insert into tags(_id, id, name, extra_data) values (?, ?, ?, '')",
                       [(i, "t-" + n, n) for n, i in tag_ids.items()])
        db.executemany("insert into tags_for_card(_card_id, _tag_id) values (?, ?)", card_tags)
        db.executemany("insert into log(event_type, timestamp, object_id, grade, easiness, acq_reps, ret_reps, "
                       "lapses, acq_reps_since_lapse, ret_reps_since_lapse, scheduled_interval, actual_interval, "
                       "thinking_time, next_rep, scheduler_data) values (9, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?, ?, 0)",
                       [(t, key, grade, ease, reps, interval * 86400, interval * 86400, ms // 1000, next_rep)
                        for t, key, grade, ease, reps, interval, next_rep, ms in log])
    db.execute("analyze")
    db.close()
    print(f"{len(cards)} cards, {len(log)} answers")


def status(data_dir):
    m = open_mnemosyne(data_dir)
    db = m.database()
    now = int(time.time())
    print(f"scheduled {db.scheduled_count(now)}, not memorised {db.non_memorised_count()}, active {db.active_count()}")
    m.finalise()


def first_card(data_dir):
    m = open_mnemosyne(data_dir)
    rc = m.review_controller()
    rc.reset()
    if rc.card is None:
        sys.exit("no card to review")
    print("FIRST CARD", rc.card.id, flush=True)
    sys.stdin.read()  # as a learner would, until the input ends
    m.finalise()


def answer(data_dir):
    m = open_mnemosyne(data_dir)
    rc = m.review_controller()
    rc.reset()
    rc.show_answer()
    rc.grade_answer(4)
    m.finalise()


if __name__ == "__main__":
    commands = {"convert": convert, "status": status, "first-card": first_card, "answer": answer}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    commands[sys.argv[1]](*sys.argv[2:])
