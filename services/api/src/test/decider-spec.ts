import { expect } from "vitest"

/**
 * Given/when/then for a decider, as emmett's `DeciderSpecification`: the state is folded from the given
 * events only, so each case says what happened before in the stream's own words.
 */
export const deciderSpec =
  <Command, Event, State>(decider: {
    readonly decide: (command: Command, state: State) => ReadonlyArray<Event>
    readonly evolve: (state: State, event: Event) => State
    readonly initial: State
  }) =>
  (given: ReadonlyArray<Event>) => ({
    when: (command: Command) => {
      const decide = () => decider.decide(command, given.reduce(decider.evolve, decider.initial))
      return {
        // biome-ignore lint/suspicious/noThenProperty: given/when/then is the spec's vocabulary; a spec is never awaited
        then: (expected: ReadonlyArray<Event>) => expect(decide()).toEqual(expected),
        thenThrows: (error: new (...args: never) => Error, message?: string | RegExp) => {
          expect(decide).toThrow(error)
          if (message !== undefined) expect(decide).toThrow(message)
        }
      }
    }
  })
