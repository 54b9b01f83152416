/** What a JSON-schema keyword asks of a value, in the words of a YAML author (never ajv's own messages). */

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a map',
  array: 'a list',
  null: 'empty (null)',
};

/** The schemas' patterns, said in words. */
const PATTERN_WORDS: Readonly<Record<string, string>> = {
  '^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$': "must be 2 to 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
  '^[A-Za-z0-9][A-Za-z0-9-]{0,61}[A-Za-z0-9]$': "must be 2 to 63 letters, digits and '-', starting and ending with a letter or digit",
  '^[a-z0-9]+(?:-+[a-z0-9]+)*(?:\\.[a-z0-9]+(?:-+[a-z0-9]+)*)*$':
    "must be lowercase letters, digits and '-' in dot-separated parts, each starting and ending with a letter or digit",
  '^(([a-z0-9][a-z0-9-]{0,61}[a-z0-9])(\\.[a-z0-9][a-z0-9-]{0,61}[a-z0-9])*/)?[A-Za-z0-9][A-Za-z0-9._-]{0,61}[A-Za-z0-9]$':
    "must be an annotation key: an optional DNS prefix and '/', then 2 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
  '^[^=]+$': "must not contain '='",
  '^0?[0-7]{3}$': 'must be an octal file mode such as 0644 or 644',
  '^\\d+(?:m|\\.\\d+)?$': 'must be a CPU quantity such as 250m, 1 or 0.5',
  '^(0\\.\\d+|[1-9]\\d*(\\.\\d+)?)(K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$': 'must be a memory quantity such as 128Mi, 1Gi or 500M',
  '^[A-Za-z0-9_-]+$': "must be letters, digits, '_' and '-'",
  '^(template|cmd)://.+$': 'must start with template:// or cmd://',
  '^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$':
    "cannot be a label value: use up to 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
  '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$': "is not a valid Kubernetes namespace name: use up to 63 lowercase letters, digits and '-'",
  '^[^=]+=': 'must look like path=value (an empty value deletes the field)',
};

/** A pattern in words when the schema's pattern is known, else the pattern itself. */
export function patternMessage(pattern: string): string {
  return PATTERN_WORDS[pattern] ?? `must match the pattern ${pattern}`;
}

/** `must be a string, not the number 8080`: the wanted types, and what the value is. */
export function typeMessage(types: readonly string[], actual: unknown): string {
  const wanted = types.map((t) => TYPE_WORDS[t] ?? t).join(' or ');
  return `must be ${wanted}, not ${describeValue(actual)}`;
}

/** A value's kind; numbers and booleans with their value (they are short and not secret). */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty (null)';
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (typeof value === 'string') return 'a string';
  return Array.isArray(value) ? 'a list' : 'a map';
}

/** Words for the keywords that limit a size or a number. */
export function limitMessage(keyword: string, limit: number): string | undefined {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  switch (keyword) {
    case 'minLength':
      return limit === 1 ? 'must not be empty' : `must be at least ${plural(limit, 'character')} long`;
    case 'maxLength':
      return `must be at most ${plural(limit, 'character')} long`;
    case 'minimum':
      return `must be at least ${limit}`;
    case 'maximum':
      return `must be at most ${limit}`;
    case 'exclusiveMinimum':
      return `must be greater than ${limit}`;
    case 'exclusiveMaximum':
      return `must be less than ${limit}`;
    case 'minProperties':
      return limit === 1
        ? 'must not be empty: give at least one entry'
        : `must have at least ${plural(limit, 'entry').replace(/entrys$/, 'entries')}`;
    case 'maxProperties':
      return `must have at most ${plural(limit, 'entry').replace(/entrys$/, 'entries')}`;
    case 'minItems':
      return limit === 1 ? 'must not be empty: give at least one item' : `must have at least ${plural(limit, 'item')}`;
    case 'maxItems':
      return `must have at most ${plural(limit, 'item')}`;
    default:
      return undefined;
  }
}
