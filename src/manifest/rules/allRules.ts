import { checkAttributeValidation } from './checkAttributeValidation.js';
import { checkConnectionConfig } from './checkConnectionConfig.js';
import { checkDuplicateKeys } from './checkDuplicateKeys.js';
import { checkFieldTypes } from './checkFieldTypes.js';
import { checkFolder } from './checkFolder.js';
import { checkMappingConstructs } from './checkMappingConstructs.js';
import { checkNesting } from './checkNesting.js';
import { checkOperatorSettings } from './checkOperatorSettings.js';
import { checkReadonly } from './checkReadonly.js';
import { checkReferences } from './checkReferences.js';
import { checkRequiredMapped } from './checkRequiredMapped.js';
import { checkSourcePaths } from './checkSourcePaths.js';
import { checkTransforms } from './checkTransforms.js';
import type { Rule } from './RuleContext.js';

/** Every semantic rule, run in this order on any document that parsed to an object. */
export const ALL_RULES: readonly Rule[] = [
  checkFolder,
  checkDuplicateKeys,
  checkReferences,
  checkReadonly,
  checkAttributeValidation,
  checkConnectionConfig,
  checkOperatorSettings,
  checkSourcePaths,
  checkTransforms,
  checkNesting,
  checkFieldTypes,
  checkRequiredMapped,
  checkMappingConstructs,
];
