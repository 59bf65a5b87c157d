"""The M/M/c queue with three non-preemptive priorities (mmc-priority.yaml) in SimPy, as SimPy is meant to be used:
one process per call, a PriorityResource of patrols (FIFO within a priority). Reads the model as JSON on argv[1]
({"patrols", "meanMinutes", "perDay": [p1, p2, p3], "days", "seed"}); prints JSON: SimPy's own run time and the
dispatch waits (mean and p90 per priority, and the standard error of each mean over yearly batches)."""
import json, random, sys, time
import simpy

model = json.loads(sys.argv[1])
rng = random.Random(model["seed"])
horizon = model["days"] * 1440.0
batch = horizon / 10  # ten batches for the standard errors
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


def p90(ascending):
    """Nearest rank, as the igv report computes it."""
    return ascending[max(0, -(-9 * len(ascending) // 10) - 1)]


def mean_and_se(means):
    m = sum(means) / len(means)
    return m, (sum((x - m) ** 2 for x in means) / (len(means) - 1) / len(means)) ** 0.5


def figures(samples):
    values = sorted(w for _, w in samples)
    batches = {}
    for t, w in samples:
        batches.setdefault(min(9, int(t // batch)), []).append(w)
    _, mean_se = mean_and_se([sum(b) / len(b) for b in batches.values()])
    _, p90_se = mean_and_se([p90(sorted(b)) for b in batches.values()])
    return {"n": len(values), "mean": sum(values) / len(values), "meanSe": mean_se, "p90": p90(values), "p90Se": p90_se}


print(json.dumps({"seconds": seconds, "waits": {str(p): figures(s) for p, s in waits.items()}}))
