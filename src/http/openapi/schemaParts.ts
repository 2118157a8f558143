/** Small building blocks of the JSON Schemas (draft 2020-12) in this folder. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A schema of `type` or null. */
export const nullable = (type: string) => ({ type: [type, 'null'] });
/** A string schema. */
export const str = { type: 'string' } as const;
/** A date-time string schema (RFC 3339). */
export const dateTime = { type: 'string', format: 'date-time' } as const;
/** A count: a non-negative integer. */
export const count = { type: 'integer', minimum: 0 } as const;
/** A list of strings. */
export const strings = { type: 'array', items: str } as const;
