"""The M/M/c queue with three non-preemptive priorities (mmc-priority.yaml) in SimPy, as SimPy is meant to be used:
one process per call, a PriorityResource of patrols (FIFO within a priority). Reads the model as JSON on argv[1]
({"patrols", "meanMinutes", "perDay": [p1, p2, p3], "days", "seed"}); prints JSON: SimPy's own run time and the
dispatch waits (mean and p90 per priority, and the standard error of each mean over ten batches)."""
import json, random, sys, time
import simpy
from batches import wait_figures

model = json.loads(sys.argv[1])
rng = random.Random(model["seed"])
horizon = model["days"] * 1440.0
waits = {1: [], 2: [], 3: []}


def call(env, patrols, prio):
    registered = env.now
    with patrols.request(priority=prio) as request:
        yield request
        waits[prio].append((registered, env.now - registered))
        yield env.timeout(rng.expovariate(1.0 / model["meanMinutes"]))


def arrivals(env, patrols, prio, per_day):
    while True:
        yield env.timeout(rng.expovariate(per_day / 1440.0))
        if env.now >= horizon:
            return
        env.process(call(env, patrols, prio))


env = simpy.Environment()
patrols = simpy.PriorityResource(env, capacity=model["patrols"])
for i, per_day in enumerate(model["perDay"]):
    env.process(arrivals(env, patrols, i + 1, per_day))
started = time.perf_counter()
env.run()
seconds = time.perf_counter() - started


print(json.dumps({"seconds": seconds, "waits": {str(p): wait_figures(s, horizon) for p, s in waits.items()}}))
