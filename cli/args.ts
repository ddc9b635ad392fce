/** Minimal, strict argv parsing: every option must be known; values are strings. */
import { describeInput } from "../lib/state/props";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  readonly values: Record<string, string>;
  readonly flags: Set<string>;
}

export function parseArgs(
  argv: readonly string[],
  valueOptions: readonly string[],
  flagOptions: readonly string[],
): ParsedArgs {
  // No prototype: an option can never collide with a built-in name.
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (!arg.startsWith("--")) {
      throw new UsageError(`unexpected argument ${describeInput(arg)}; options start with --`);
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flagOptions.includes(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.add(name);
    } else if (valueOptions.includes(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || (eq < 0 && value.startsWith("--") && !/^--?\d/.test(value))) {
        throw new UsageError(`--${name} needs a value`);
      }
      if (Object.hasOwn(values, name)) throw new UsageError(`--${name} given twice`);
      values[name] = value;
    } else {
      const all = [...valueOptions, ...flagOptions].map((o) => `--${o}`).join(", ");
      throw new UsageError(`unknown option --${describeInput(name).slice(1, -1)}; allowed: ${all}`);
    }
  }
  return { values, flags };
}
