"""What both SimPy models report over their samples: nearest-rank p90 as the igv report computes it, and standard
errors from ten batches of the horizon."""


def p90(ascending):
    return ascending[max(0, -(-9 * len(ascending) // 10) - 1)]


def mean_and_se(means):
    m = sum(means) / len(means)
    return m, (sum((x - m) ** 2 for x in means) / (len(means) - 1) / len(means)) ** 0.5


def batch_of(t, horizon):
    return min(9, int(t // (horizon / 10)))


def wait_figures(samples, horizon):
    """Mean and p90 of (registered, wait) samples, each with its standard error over ten batches."""
    values = sorted(w for _, w in samples)
    batches = {}
    for t, w in samples:
        batches.setdefault(batch_of(t, horizon), []).append(w)
    _, mean_se = mean_and_se([sum(b) / len(b) for b in batches.values()])
    _, p90_se = mean_and_se([p90(sorted(b)) for b in batches.values()])
    return {"n": len(values), "mean": sum(values) / len(values), "meanSe": mean_se, "p90": p90(values), "p90Se": p90_se}
