import { INVALID, parseNumeric, roundTo } from '../coerceValue.js';
import { CURRENCY_TABLES, currencyExponent, type CurrencyTable } from './currencyExponents.js';
import { pluginFailure, pluginValue, type MappingPlugin } from './MappingPlugin.js';

/**
 * `minor-units-to-decimal`: an amount in minor units (Stripe's `1999`) to a decimal number
 * (`19.99`). Options: `currencyPath` (read the currency code from the record) with
 * `table` (whose exponents: `iso-4217`, the default, or `stripe`, Stripe's own, where
 * ISK, HUF and TWD are two-decimal and MGA zero-decimal; see currencyExponents.ts), or
 * `minorUnits` (a fixed exponent 0-8). Default exponent 2.
 */
export const minorUnitsToDecimal: MappingPlugin = {
  name: 'minor-units-to-decimal',
  description:
    'Converts an integer amount in minor units to a decimal, using the record currency (ISO 4217) or a fixed exponent.',
  output: 'number',
  checkOptions(options) {
    const { currencyPath, minorUnits, table } = options;
    if (table !== undefined && !CURRENCY_TABLES.includes(table as CurrencyTable))
      return `"table" must be one of ${CURRENCY_TABLES.join(', ')}`;
    if (table !== undefined && currencyPath === undefined)
      return '"table" needs "currencyPath" (the record\'s currency code)';
    if (currencyPath !== undefined && (typeof currencyPath !== 'string' || currencyPath === '')) {
      return '"currencyPath" must be a non-empty path';
    }
    if (
      minorUnits !== undefined &&
      !(Number.isInteger(minorUnits) && (minorUnits as number) >= 0 && (minorUnits as number) <= 8)
    ) {
      return '"minorUnits" must be an integer from 0 to 8';
    }
    if (currencyPath !== undefined && minorUnits !== undefined)
      return 'give either "currencyPath" or "minorUnits", not both';
    return undefined;
  },
  apply(value, options, context) {
    const amount =
      typeof value === 'number' ? value : typeof value === 'string' ? parseNumeric(value) : INVALID;
    if (amount === INVALID || !Number.isSafeInteger(amount))
      return pluginFailure('expects an integer amount in minor units');
    let exponent = 2;
    if (typeof options.minorUnits === 'number') exponent = options.minorUnits;
    else if (typeof options.currencyPath === 'string') {
      const code = context.read(options.currencyPath);
      if (typeof code === 'string')
        exponent = currencyExponent(
          code,
          (options.table as CurrencyTable | undefined) ?? 'iso-4217',
        );
    }
    return pluginValue(roundTo(amount / 10 ** exponent, exponent));
  },
};
