/**
 * What a patrol's planned block is doing. The engine keeps one per patrol in a Uint8Array; every change it makes
 * is a row of BLOCK_TRANSITIONS (asserted over whole runs in block-state.test.ts).
 */
export const BlockState = {
  /** The patrol holds no block. */
  None: 0,
  /** On planned work, interruptible. */
  Active: 1,
  /** Taken from its block by a call; the block waits for the end of the job. */
  Interrupted: 2,
  /** Just cleared with a block worth resuming: it may still take a call that may interrupt, else it resumes. */
  PendingResume: 3,
  /** Given to the patrol while it was on a job: not started yet, it starts late when the patrol is free. */
  Late: 4,
  /** Just cleared with a late block: it may still take a call that may interrupt, else the block starts. */
  PendingLate: 5
} as const
export type BlockState = (typeof BlockState)[keyof typeof BlockState]

const { None, Active, Interrupted, PendingResume, Late, PendingLate } = BlockState

/** Every transition the engine may make, with the event or rule that makes it. */
export const BLOCK_TRANSITIONS: ReadonlyArray<readonly [from: BlockState, to: BlockState, why: string]> = [
  [None, Active, "block given to a patrol without a job: PlannedBlockStarted"],
  [None, Late, "block given to a patrol on a job: it starts when the job is cleared"],
  [Active, Interrupted, "a call that may interrupt takes the patrol: PlannedBlockInterrupted"],
  [PendingResume, Interrupted, "a call takes the patrol before it resumes (already interrupted, no new event)"],
  [PendingLate, Late, "a call takes the patrol before its late block starts (not an interruption)"],
  [Interrupted, PendingResume, "job cleared, enough left to resume: waiting calls that may interrupt come first"],
  [Late, PendingLate, "job cleared: waiting calls that may interrupt come first"],
  [PendingResume, Active, "no call took the patrol: PlannedBlockResumed"],
  [PendingLate, Active, "no call took the patrol: PlannedBlockStarted, delayed"],
  [
    Interrupted,
    None,
    "job cleared with too little left or resuming off (Abandoned), or planned or duty end (Completed)"
  ],
  [Active, None, "planned end or duty end: PlannedBlockCompleted"],
  [Late, None, "planned end or duty end before the job was cleared: PlannedBlockStarted and Completed"]
]

const allowed = new Uint8Array(36)
for (const [from, to] of BLOCK_TRANSITIONS) allowed[from * 6 + to] = 1

export const mayTransition = (from: BlockState, to: BlockState): boolean => allowed[from * 6 + to] === 1

/** Test probe: called with each transition the engine makes while set. Unset in normal runs (one load and compare). */
export const blockStateProbe: { onTransition: ((from: BlockState, to: BlockState) => void) | undefined } = {
  onTransition: undefined
}
