/**
 * ISO 4217 minor-unit exponents that differ from the usual 2 (list of 2024). Codes not
 * listed, and unknown codes, use 2.
 */
const EXPONENTS: ReadonlyMap<string, number> = new Map([
  ...[
    'BIF',
    'CLP',
    'DJF',
    'GNF',
    'ISK',
    'JPY',
    'KMF',
    'KRW',
    'PYG',
    'RWF',
    'UGX',
    'UYI',
    'VND',
    'VUV',
    'XAF',
    'XOF',
    'XPF',
  ].map((c) => [c, 0] as const),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((c) => [c, 3] as const),
  ...['CLF', 'UYW'].map((c) => [c, 4] as const),
]);

/** Minor-unit exponent of a currency code (any case); 2 when unknown. */
export function currencyExponent(code: string): number {
  return EXPONENTS.get(code.toUpperCase()) ?? 2;
}
