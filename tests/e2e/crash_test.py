#!/usr/bin/env python3
"""Crash test: a real multi-file job, its engine (`blockify run --until-idle`) killed with
SIGKILL at random points and restarted each time, then let finish. It must end identical
to a clean run of the same job: Completed, the same blocks per file, no block stored
twice, and a database that passes PRAGMA integrity_check.

The job uses the OpenAI-compatible backend against a fake endpoint on 127.0.0.1 run by
this script, which answers a chunk only when the test allows it. So the engine cannot run
ahead of the test: a kill point ("after 3 more replies, while the engine waits for the
next one" or "right after the 2nd reply, while the engine works on it") is reached the
same way on a fast and a slow machine. Nothing here sleeps to hope. The seed is printed;
rerun one with BLOCKIFY_CRASH_SEED=<seed>.

Usage: crash_test.py BLOCKIFY_BINARY
"""
import html
import json
import os
import random
import re
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG_GUARD_S = 60  # per wait: far beyond what any step needs on a loaded machine
FILES = 40
KILLS = 12

blockify = sys.argv[1]
seed = int(os.environ.get("BLOCKIFY_CRASH_SEED") or random.SystemRandom().randrange(1 << 32))
print(f"crash test seed {seed} (rerun with BLOCKIFY_CRASH_SEED={seed})", flush=True)
rng = random.Random(seed)
work = tempfile.mkdtemp(prefix="blockify-crash-")
children = []  # every engine this test started, ended by its PID in `finally`


def fail(message):
    print(f"FAIL: {message} (seed {seed})", file=sys.stderr, flush=True)
    sys.exit(1)


def on_term(signum, _frame):
    raise SystemExit(f"stopped by signal {signum}")  # runs `finally`, which ends the engines


signal.signal(signal.SIGTERM, on_term)
signal.signal(signal.SIGINT, on_term)


# --- the fake endpoint -------------------------------------------------------------------

class ReplyGate:
    """Ingest replies wait here until the test allows them; distill replies do not."""

    def __init__(self):
        self.cv = threading.Condition()
        self.allowed = 0      # replies the test allowed and that were not sent yet
        self.unlimited = False
        self.sent = 0         # ingest replies sent, ever
        self.held = 0         # ingest requests of live clients waiting now

    def wait_turn(self, client):
        """True when this request may be answered; False when its client died meanwhile."""
        with self.cv:
            self.held += 1
            self.cv.notify_all()
            try:
                for _ in range(int(HANG_GUARD_S / 0.02)):
                    if client_gone(client):
                        return False
                    if self.unlimited or self.allowed > 0:
                        self.allowed -= 0 if self.unlimited else 1
                        self.sent += 1
                        return True
                    self.cv.wait(0.02)  # also notices a client that died (SIGKILL) while held
                return False
            finally:
                self.held -= 1
                self.cv.notify_all()

    def allow(self, count):
        with self.cv:
            self.allowed += count
            self.cv.notify_all()

    def open_fully(self):
        with self.cv:
            self.unlimited = True
            self.cv.notify_all()

    def close(self):
        with self.cv:
            self.unlimited = False
            self.allowed = 0

    def wait_until(self, condition, what, engine=None):
        """Waits for condition(); stops early when `engine` exited. True if it holds."""
        with self.cv:
            for _ in range(int(HANG_GUARD_S / 0.02)):
                if condition():
                    return True
                if engine is not None and engine.poll() is not None:
                    return False
                self.cv.wait(0.02)
        fail(f"never happened: {what}")


def client_gone(sock):
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


gate = ReplyGate()
DISTILL_MODEL = "crash-distill"


def ideablock(name, question, answer):
    esc = html.escape
    return (f"<ideablock><name>{esc(name)}</name><critical_question>{esc(question)}</critical_question>"
            f"<trusted_answer>{esc(answer)}</trusted_answer><tags>IMPORTANT</tags>"
            f"<entity><entity_name>BLOCKIFY</entity_name><entity_type>PRODUCT</entity_type></entity>"
            f"<keywords>crash, test</keywords></ideablock>\n")


def blocks_for(chunk):
    """What the 'model' makes of a chunk: one block per paragraph, derived from its text."""
    out = ""
    for para in [p.strip() for p in chunk.split("\n\n") if p.strip()]:
        head = " ".join(para.split()[:6])
        out += ideablock(head, f"What does '{head}' say?", para[:240])
    return out


class Endpoint(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        user = body["messages"][-1]["content"]
        if body.get("model") == DISTILL_MODEL:
            # Deterministic merge: the cluster's first block stands for all of them.
            match = re.search(r"<ideablock>.*?</ideablock>", user, re.S)
            content = match.group(0) if match else ""
        else:
            if not gate.wait_turn(self.connection):
                self.close_connection = True
                return
            content = blocks_for(user)
        reply = json.dumps({"id": "crash", "object": "chat.completion",
                            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                                         "finish_reason": "stop"}],
                            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}).encode()
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)
        except OSError:
            pass  # the engine was killed while its reply was on the way

    def log_message(self, *args):
        pass


# --- the job -----------------------------------------------------------------------------

WORDS = ("retry policy dataset export engine worker cancel resume attempt block idea question answer "
         "archive chunk distill snapshot commit journal file folder budget limit hint error reason").split()


def paragraph(topic, n):
    r = random.Random(f"{topic}/{n}")  # the same text for the same (topic, n)
    words = [r.choice(WORDS) for _ in range(r.randint(50, 80))]
    return f"Topic {topic} note {n} " + " ".join(words) + "."


def make_files():
    paths = []
    for i in range(FILES):
        paras = [paragraph(i, p) for p in range(rng.randint(1, 3))]  # one to three chunks
        # Some paragraphs recur in other files, so distill has real duplicates to merge.
        paras += [paragraph("shared", rng.randint(0, 3)) for _ in range(rng.randint(0, 1))]
        path = os.path.join(work, "docs", f"note-{i:02d}.md")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write("\n\n".join(paras) + "\n")
        paths.append(path)
    return paths


def cli(db, *args):
    done = subprocess.run([blockify, "--db", db, *args], capture_output=True, text=True, timeout=HANG_GUARD_S)
    if done.returncode != 0:
        fail(f"blockify {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout.strip()


def new_job(db, url, files):
    for key, value in (("endpoint.url", url), ("endpoint.ingest_model", "crash-ingest"),
                       ("endpoint.distill_model", DISTILL_MODEL), ("endpoint.parallel", "1"),
                       ("retry.auto_attempts", "0")):
        cli(db, "settings", "set", key, value)
    return int(cli(db, "job", "create", "--name", "Crash test", "--dataset", "crash", "--backend", "openai",
                   "--chunk-size", "1000", *files))


def query(db, sql, *params):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=HANG_GUARD_S)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def start_engine(db):
    p = subprocess.Popen([blockify, "--db", db, "run", "--until-idle"], stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE)
    children.append(p)
    return p


def finish_engine(p):
    try:
        _, err = p.communicate(timeout=HANG_GUARD_S)
    except subprocess.TimeoutExpired:
        fail("the engine did not finish the job")
    if p.returncode != 0:
        fail(f"the engine exited {p.returncode}: {err.decode(errors='replace').strip()}")


def blocks_by_file(db, job):
    """file name → sorted block texts, for every block and for the live (not merged) ones."""
    rows = query(db, "SELECT f.path, b.name, b.critical_question, b.trusted_answer, b.merged_into "
                 "FROM blocks b JOIN job_files f ON f.id = b.file_id WHERE b.job_id=?", job)
    every, live = {}, {}
    for path, name, question, answer, merged in rows:
        key = os.path.basename(path)
        every.setdefault(key, []).append((name, question, answer))
        if merged == 0:
            live.setdefault(key, []).append((name, question, answer))
    return ({k: sorted(v) for k, v in every.items()}, {k: sorted(v) for k, v in live.items()})


server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_address[1]}/v1"
try:
    files = make_files()

    # The clean run: every reply at once.
    clean_db = os.path.join(work, "clean.db")
    clean_job = new_job(clean_db, url, files)
    gate.open_fully()
    finish_engine(start_engine(clean_db))
    gate.close()

    # The same job, killed again and again.
    db = os.path.join(work, "crashed.db")
    job = new_job(db, url, files)
    for kill in range(1, KILLS + 1):
        more = rng.randint(1, 4)
        while_waiting = rng.random() < 0.5
        p = start_engine(db)
        target = gate.sent + more
        gate.allow(more)
        reached = gate.wait_until(lambda: gate.sent >= target, f"{more} replies before kill {kill}", p)
        if reached and while_waiting:
            # The engine took the replies in and is waiting on its next request.
            reached = gate.wait_until(lambda: gate.held >= 1, f"a request after kill point {kill}", p)
        if not reached:
            fail(f"the engine exited ({p.returncode}) before kill point {kill}: the job ran out of chunks")
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        gate.close()
        gate.wait_until(lambda: gate.held == 0, "the killed engine's request to be dropped")
        done = query(db, "SELECT count(*) FROM job_files WHERE job_id=? AND status='completed'", job)[0][0]
        where = "while it waited for the next reply" if while_waiting else "while it worked on the last reply"
        print(f"kill {kill}: after {more} more replies, {where}; {done} of {FILES} files completed", flush=True)

    # Let it finish.
    gate.open_fully()
    finish_engine(start_engine(db))

    status = query(db, "SELECT status, blocks, files_done FROM jobs WHERE id=?", job)[0]
    clean_status = query(clean_db, "SELECT status, blocks, files_done FROM jobs WHERE id=?", clean_job)[0]
    if clean_status[0] != "completed":
        fail(f"the clean run ended {clean_status[0]}")
    if status != clean_status:
        fail(f"job (status, blocks, files done) is {status} after the kills, {clean_status} in the clean run")
    integrity = query(db, "PRAGMA integrity_check")
    if integrity != [("ok",)]:
        fail(f"integrity_check: {integrity}")
    stuck = query(db, "SELECT path, status FROM job_files WHERE job_id=? AND status!='completed'", job)
    if stuck:
        fail(f"files not completed: {stuck}")
    duplicates = query(db, "SELECT file_id, chunk_index, name, count(*) FROM blocks WHERE job_id=? GROUP BY "
                       "file_id, chunk_index, name, critical_question, trusted_answer HAVING count(*) > 1", job)
    clean_duplicates = query(clean_db, "SELECT count(*) FROM (SELECT 1 FROM blocks WHERE job_id=? GROUP BY file_id, "
                             "chunk_index, name, critical_question, trusted_answer HAVING count(*) > 1)", clean_job)
    if len(duplicates) != clean_duplicates[0][0]:
        fail(f"blocks stored more than once: {duplicates[:5]}")
    every, live = blocks_by_file(db, job)
    clean_every, clean_live = blocks_by_file(clean_db, clean_job)
    for name in sorted(set(every) | set(clean_every)):
        if every.get(name) != clean_every.get(name):
            fail(f"{name}: {len(every.get(name, []))} blocks after the kills, {len(clean_every.get(name, []))} "
                 f"in the clean run, or different texts")
    if live != clean_live:
        fail("the blocks distill kept differ from the clean run's")
    attempts = query(db, "SELECT count(*) FROM attempts WHERE job_id=?", job)[0][0]
    total = sum(len(v) for v in every.values())
    print(f"ok: {KILLS} SIGKILLs ({attempts} attempts), then completed; {total} blocks in {len(every)} files "
          f"identical to a clean run, no duplicates, integrity ok", flush=True)
finally:
    for child in children:
        if child.poll() is None:
            child.kill()
            child.wait()
    server.shutdown()
    server.server_close()
    shutil.rmtree(work, ignore_errors=True)
