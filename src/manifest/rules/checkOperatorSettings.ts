import { joinPointer } from '../jsonPointer.js';
import { operatorEnvName } from '../operatorEnvName.js';
import { CODE_ALPHABETS } from '../types.js';
import { asObject, asString, own } from './readShape.js';
import type { Rule, RuleIssue } from './RuleContext.js';

/**
 * The format 1.2 blocks beside the connection config:
 * - operator-setting-shadows-config: a name is both a user's config field and an operator
 *   setting, so it would be unclear which one a provider reads, and the user's copy would put
 *   the operator's value back into every row;
 * - operator-setting-env-collision: two settings map to one environment variable;
 * - verification-code-property: `verification` names a code property that is not a string
 *   `x-secret` property of the connection config (the code would be stored in plain text), an
 *   expiry property that is not a date-time string, or a code its generator cannot satisfy.
 */
export const checkOperatorSettings: Rule = ({ doc }) => {
  const integration = asObject(own(doc, 'integration'));
  const config = asObject(own(asObject(own(integration, 'connectionConfig')), 'properties'));
  const issues: RuleIssue[] = [];
  const settings = asObject(own(asObject(own(integration, 'operatorSettings')), 'properties'));
  const key = asString(own(doc, 'key')) ?? 'integration';
  const byEnv = new Map<string, string>();
  for (const name of Object.keys(settings ?? {})) {
    const pointer = joinPointer('/integration/operatorSettings/properties', name);
    if (config && Object.hasOwn(config, name)) {
      issues.push({
        rule: 'operator-setting-shadows-config',
        pointer,
        at: 'key',
        message: `"${name}" is both an operator setting and a field of the users' connection config; a value belongs to one of them: remove it from connectionConfig (the operator provides it once) or from operatorSettings.`,
      });
    }
    const env = operatorEnvName(key, name);
    const other = byEnv.get(env);
    if (other !== undefined) {
      issues.push({
        rule: 'operator-setting-env-collision',
        pointer,
        at: 'key',
        message: `Operator settings "${other}" and "${name}" are both read from ${env}; rename one of them.`,
      });
    } else byEnv.set(env, name);
  }
  issues.push(...checkVerification(asObject(own(integration, 'verification')), config));
  return issues;
};

function checkVerification(
  spec: Record<string, unknown> | undefined,
  config: Record<string, unknown> | undefined,
): RuleIssue[] {
  if (!spec) return [];
  const issues: RuleIssue[] = [];
  const base = '/integration/verification';
  const codeName = asString(own(spec, 'codeProperty'));
  if (codeName !== undefined) {
    const property = asObject(own(config, codeName));
    const problem = !property
      ? 'is not a property of connectionConfig'
      : own(property, 'type') !== 'string'
        ? 'is not a string property'
        : own(property, 'x-secret') !== true
          ? 'is not marked "x-secret": true, so the code would be stored and returned in plain text'
          : sampleProblem(property, spec);
    if (problem) {
      issues.push({
        rule: 'verification-code-property',
        pointer: joinPointer(base, 'codeProperty'),
        message: `The verification code property "${codeName}" ${problem}; declare it in connectionConfig as {"type": "string", "x-secret": true} with a pattern the generated code fits.`,
      });
    }
  }
  const expiresName = asString(own(spec, 'expiresAtProperty'));
  if (expiresName !== undefined) {
    const property = asObject(own(config, expiresName));
    if (!property || own(property, 'type') !== 'string' || own(property, 'format') !== 'date-time')
      issues.push({
        rule: 'verification-code-property',
        pointer: joinPointer(base, 'expiresAtProperty'),
        message: `The verification expiry property "${expiresName}" must be a connectionConfig property {"type": "string", "format": "date-time"}.`,
      });
  }
  return issues;
}

/** Why a code of the declared length and alphabet cannot satisfy the property, or undefined. */
function sampleProblem(
  property: Record<string, unknown>,
  spec: Record<string, unknown>,
): string | undefined {
  const length = own(spec, 'codeLength');
  const alphabetName = own(spec, 'codeAlphabet');
  if (typeof length !== 'number' || !(alphabetName === 'digits' || alphabetName === 'alphanumeric'))
    return undefined;
  const alphabet = CODE_ALPHABETS[alphabetName];
  const min = own(property, 'minLength');
  const max = own(property, 'maxLength');
  if ((typeof min === 'number' && length < min) || (typeof max === 'number' && length > max))
    return `does not accept a code of ${length} characters (minLength/maxLength)`;
  const pattern = asString(own(property, 'pattern'));
  if (pattern === undefined) return undefined;
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'u');
  } catch {
    return undefined; // invalid-regex and config-schema-invalid report the pattern itself
  }
  // Every character of the alphabet must be able to appear: try each at every position.
  for (const char of alphabet) {
    if (!regex.test(char.repeat(length)))
      return `has a pattern that refuses a code of ${length} "${alphabetName}" characters (for example ${JSON.stringify(char.repeat(length))})`;
  }
  return undefined;
}
