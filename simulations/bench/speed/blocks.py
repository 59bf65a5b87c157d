"""blocks.yaml in SimPy, written from the dispatch rules of packages/simulator/README.md for one area on duty round
the clock: calls wait FIFO per priority and are served prio 1, 2, 3; a call takes a free patrol, else (prio 1-2) the
patrol whose block is planned to end first (between blocks that end together, the first in the engine's list of
patrols in a block, kept here as `members`); a block goes to idle patrols first, then to busy ones (it starts late,
when the job is cleared); after a job an interrupted block resumes if 20 minutes remain, else is abandoned, unless a
waiting prio 1-2 call takes the patrol first. Reads the model as JSON on argv[1] ({"patrols", "meanMinutes",
"perDay": [p1, p2, p3], "blocks": [[startMinute, minutes, patrols]], "interrupting": [1, 2], "remnant", "days",
"seed"}); prints JSON: SimPy's own run time, survival and dispatch waits with standard errors over ten batches."""
import json, random, sys, time
from collections import deque
import simpy
from batches import batch_of, mean_and_se, wait_figures

model = json.loads(sys.argv[1])
rng = random.Random(model["seed"])
horizon = model["days"] * 1440.0
NONE, ACTIVE, INTERRUPTED, LATE = 0, 1, 2, 3
n = model["patrols"]
on_job = [False] * n
block = [NONE] * n
block_end = [0.0] * n
segment_start = [0.0] * n
block_serial = [0] * n
queues = {1: deque(), 2: deque(), 3: deque()}
waits = {1: [], 2: [], 3: []}
planned, delivered = {}, {}
env = simpy.Environment()
# Patrols in a running block and not on a job, in the engine's order: each joins at the end, and one that leaves is
# replaced in its place by the last. Taking the lowest-numbered patrol instead moved the mean prio-3 wait by about
# 1 % over 32 seeds (simulations/bench/LOG.md), so the tie rule is the engine's.
members = []


def add(p):
    members.append(p)


def remove(p):
    i = members.index(p)
    last = members.pop()
    if i < len(members):
        members[i] = last


def batch():
    return batch_of(env.now, horizon)


def deliver(p):
    delivered[batch()] = delivered.get(batch(), 0.0) + env.now - segment_start[p]


def in_block_ending_first():
    best = -1
    for p in members:
        if best < 0 or block_end[p] < block_end[best]:
            best = p
    return best


def free_patrol():
    for p in range(n):
        if not on_job[p] and block[p] == NONE:
            return p
    return -1


def assign(p, prio, registered):
    if block[p] == ACTIVE:
        deliver(p)
        block[p] = INTERRUPTED
        remove(p)
    on_job[p] = True
    waits[prio].append((registered, env.now - registered))
    env.process(job(p))


def dispatch():
    for prio in (1, 2, 3):
        queue = queues[prio]
        while queue:
            p = free_patrol()
            if p < 0 and prio in model["interrupting"]:
                p = in_block_ending_first()
            if p < 0:
                break
            assign(p, prio, queue.popleft())


def job(p):
    yield env.timeout(rng.expovariate(1.0 / model["meanMinutes"]))
    on_job[p] = False
    if block[p] == INTERRUPTED and not (block_end[p] - env.now >= model["remnant"] and block_end[p] > env.now):
        block[p] = NONE
    if block[p] != NONE:
        for prio in model["interrupting"]:
            if queues[prio]:
                assign(p, prio, queues[prio].popleft())
                return
        block[p] = ACTIVE
        segment_start[p] = env.now
        add(p)
    dispatch()


def arrivals(prio, per_day):
    while True:
        yield env.timeout(rng.expovariate(per_day / 1440.0))
        if env.now >= horizon:
            return
        queues[prio].append(env.now)
        dispatch()


def end_block(p, serial):
    yield env.timeout(block_end[p] - env.now)
    if block_serial[p] != serial or block[p] == NONE:
        return
    was_active = block[p] == ACTIVE
    if was_active:
        deliver(p)
        remove(p)
    block[p] = NONE
    if was_active:
        dispatch()


def blocks(start, minutes, patrols):
    day = 0
    while True:
        yield env.timeout(day * 1440.0 + start - env.now)
        if env.now >= horizon:
            return
        given = 0
        for busy in (False, True):
            for p in range(n):
                if given < patrols and block[p] == NONE and on_job[p] == busy:
                    block[p] = LATE if busy else ACTIVE
                    if not busy:
                        add(p)
                    block_end[p] = env.now + minutes
                    segment_start[p] = env.now
                    block_serial[p] += 1
                    env.process(end_block(p, block_serial[p]))
                    given += 1
        planned[batch()] = planned.get(batch(), 0.0) + given * minutes
        day += 1


for i, per_day in enumerate(model["perDay"]):
    env.process(arrivals(i + 1, per_day))
for start, minutes, patrols in model["blocks"]:
    env.process(blocks(start, minutes, patrols))
started = time.perf_counter()
env.run()
seconds = time.perf_counter() - started


_, survival_se = mean_and_se([delivered.get(y, 0.0) / planned[y] for y in planned])
print(json.dumps({
    "seconds": seconds,
    "survival": sum(delivered.values()) / sum(planned.values()), "survivalSe": survival_se,
    "waits": {str(p): wait_figures(s, horizon) for p, s in waits.items()}
}))
