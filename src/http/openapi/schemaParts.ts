/** Small building blocks of the JSON Schemas (draft 2020-12) in this folder. */
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const nullable = (type: string) => ({ type: [type, 'null'] });
export const str = { type: 'string' } as const;
export const dateTime = { type: 'string', format: 'date-time' } as const;
export const count = { type: 'integer', minimum: 0 } as const;
export const strings = { type: 'array', items: str } as const;
