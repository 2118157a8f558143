/**
 * Minor-unit exponents: how many decimals an amount in minor units carries. Each vendor
 * has its own table, and money is only right when the vendor's is used.
 */

/** The exponent tables `minor-units-to-decimal` can read (its `table` option). */
export const CURRENCY_TABLES = ['iso-4217', 'stripe'] as const;
/** One of CURRENCY_TABLES. */
export type CurrencyTable = (typeof CURRENCY_TABLES)[number];

const codes = (list: string[], exponent: number) => list.map((c) => [c, exponent] as const);

/**
 * ISO 4217 minor units that differ from the usual 2 (SIX list of 2024). Codes not listed,
 * and unknown codes, use 2.
 */
const ISO_4217: ReadonlyMap<string, number> = new Map([
  ...codes(
    [
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
    ],
    0,
  ),
  ...codes(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'], 3),
  ...codes(['CLF', 'UYW'], 4),
]);

/**
 * Stripe's API amounts (https://docs.stripe.com/currencies, "Zero-decimal currencies",
 * "Three-decimal currencies" and "Special cases", read 2026-12-07):
 * - zero-decimal: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF. MGA is
 *   zero-decimal at Stripe although ISO 4217 gives it 2 (so 5000 is 5000 MGA, not 50).
 * - three-decimal: BHD JOD KWD OMR TND (Stripe requires the last digit to be 0).
 * - special cases kept two-decimal in the API: ISK ("ISK will remain a two-decimal
 *   currency in the Stripe API, and an ISK amount of 100 will continue to represent 1
 *   króna", support.stripe.com deprecation-of-fractional-isk-charges-and-refunds), so
 *   50000 is 500 ISK although ISO gives ISK 0; HUF and TWD, which Stripe treats as
 *   zero-decimal for payouts only (amounts evenly divisible by 100) and two-decimal in
 *   charges and every other amount.
 * - UGX: zero-decimal in the API (its special case concerns payouts, which must be
 *   divisible by 100), as ISO says.
 * Every other currency: 2.
 */
const STRIPE: ReadonlyMap<string, number> = new Map([
  ...codes(
    [
      'BIF',
      'CLP',
      'DJF',
      'GNF',
      'JPY',
      'KMF',
      'KRW',
      'MGA',
      'PYG',
      'RWF',
      'UGX',
      'VND',
      'VUV',
      'XAF',
      'XOF',
      'XPF',
    ],
    0,
  ),
  ...codes(['BHD', 'JOD', 'KWD', 'OMR', 'TND'], 3),
]);

const TABLES: Readonly<Record<CurrencyTable, ReadonlyMap<string, number>>> = {
  'iso-4217': ISO_4217,
  stripe: STRIPE,
};

/** Minor-unit exponent of a currency code (any case) in a vendor's table; 2 when unknown. */
export function currencyExponent(code: string, table: CurrencyTable = 'iso-4217'): number {
  return TABLES[table].get(code.toUpperCase()) ?? 2;
}
