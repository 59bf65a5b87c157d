export { main } from "./cli.js"
export {
  EXIT_BAD_INPUT,
  EXIT_FAILURE,
  EXIT_OK,
  UsageError,
  type Command,
  type Io,
  type OptionValues,
  type ParsedArgs
} from "./command.js"
