/**
 * The one way the modules of src/config read a variable from the environment they are handed
 * (never process.env itself): a blank value counts as unset, values are trimmed, and a bad
 * number is collected as an error naming the variable instead of stopping at the first, so a
 * bad deployment is fixed in one round.
 */

/** The bounds and fallback of a whole-number variable. */
export interface IntRange {
  /** The value when the variable is unset or blank (and after a bad value). */
  fallback: number;
  /** Smallest accepted value. */
  min: number;
  /** Largest accepted value. */
  max: number;
}

/** Readers over one environment that push their problems onto one error list. */
export interface EnvReader {
  /** The variable's value, trimmed; undefined when it is unset or only white space. */
  str(name: string): string | undefined;
  /**
   * The variable as a whole number from `min` to `max` (decimal digits only); `fallback` when
   * unset. Anything else pushes `<name> must be a whole number from <min> to <max>, got "<raw>"`
   * and returns `fallback`.
   */
  int(name: string, range: IntRange): number;
}

/** `env[name]`, trimmed; undefined when it is unset or only white space. */
export function envString(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Readers over `env` that push every problem they find onto `errors`. */
export function envReader(env: NodeJS.ProcessEnv, errors: string[]): EnvReader {
  const str = (name: string): string | undefined => envString(env, name);
  const int = (name: string, { fallback, min, max }: IntRange): number => {
    const raw = str(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      errors.push(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
      return fallback;
    }
    return Number(raw);
  };
  return { str, int };
}
